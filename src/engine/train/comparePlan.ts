import { METHOD_GRIDS, type CompareConfig, type MethodId } from './compareMethods';

/** Who a comparison trial trains: a method, or the scratch student its gains are measured against. */
export type CompareArm = MethodId | 'scratch';

/**
 * One student of a comparison, in run order. `grid` trials train seed 1 (the main run's initial weights and order) at
 * each value of the method's grid, read on validation; `seed` trials train seeds 2…N at the value chosen there.
 */
export interface CompareSlot {
  /** 1-based position in the plan. */
  trial: number;
  arm: CompareArm;
  /** 1-based seed (seed 1 is the main run's). */
  seed: number;
  purpose: 'grid' | 'seed';
  /** The grid value a `grid` trial uses (null: chosen at run time, or the method has no setting). */
  value: number | null;
}

/** The values a method tries on seed 1: its grid with a validation set, else only its fallback (never chosen on test). */
export function gridValues(method: MethodId, hasValidation: boolean): (number | null)[] {
  const g = METHOD_GRIDS[method];
  if (g.values.length === 0) return [null];
  return hasValidation ? [...g.values] : [g.fallback];
}

/**
 * Every student a comparison trains, in order: the scratch student for seeds 2…N (seed 1's is the main run's), then per
 * method its grid on seed 1 and seeds 2…N at the chosen value.
 */
export function comparePlan(c: CompareConfig, hasValidation: boolean): CompareSlot[] {
  const out: Omit<CompareSlot, 'trial'>[] = [];
  for (let seed = 2; seed <= c.seeds; seed++) out.push({ arm: 'scratch', seed, purpose: 'seed', value: null });
  for (const method of c.methods) {
    for (const value of gridValues(method, hasValidation)) out.push({ arm: method, seed: 1, purpose: 'grid', value });
    for (let seed = 2; seed <= c.seeds; seed++) out.push({ arm: method, seed, purpose: 'seed', value: null });
  }
  return out.map((s, i) => ({ ...s, trial: i + 1 }));
}
