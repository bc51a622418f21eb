import { spread, type Spread } from '../stats';
import type { CompareConfig, MethodId } from './compareMethods';
import type { TrialResult } from './types';

/** A finished comparison trial. */
export type CompareTrial = Extract<TrialResult, { kind: 'compare' }>;

/** What choosing a setting may read of a grid trial: its value and validation accuracy, never its test accuracy. */
export type GridReading = Pick<CompareTrial, 'value' | 'valAccuracy'>;

/**
 * The grid value to keep: the highest validation accuracy (the earliest on ties). Without validation figures the
 * grid holds only the fallback, which is kept. Test accuracy is not even passed in.
 */
export function chooseSetting(grid: readonly GridReading[]): number | null {
  let best: GridReading | null = null;
  for (const g of grid) if (!best || (g.valAccuracy ?? -1) > (best.valAccuracy ?? -1)) best = g;
  return best ? best.value : null;
}

/** How a method's mean stands against another arm's, by the studio's verdict rule on paired per-seed differences. */
export type SpreadReading = 'above' | 'below' | 'within' | 'oneSeed';

/** Today's verdict rule on paired differences (points): no winner when |mean| ≤ std or |mean| < 0.05 points; one seed cannot tell. */
export function readSpread(diffs: Spread): SpreadReading {
  if (diffs.n < 2) return 'oneSeed';
  if (Math.abs(diffs.mean) <= diffs.std || Math.abs(diffs.mean) < 0.05) return 'within';
  return diffs.mean > 0 ? 'above' : 'below';
}

/** One method's row: the setting chosen on validation, its per-seed accuracies and its gain over scratch (points). */
export interface MethodSummary {
  method: MethodId;
  /** The chosen T or β (null: the method has no setting, or its grid has not finished). */
  value: number | null;
  /** `validation`: chosen among several values on the validation split; `fixed`: one value only (no grid or no validation set). */
  chosenBy: 'validation' | 'fixed';
  /** Seed 1's grid: each value and its validation accuracy. */
  grid: { value: number | null; valAccuracy: number | null }[];
  /** Test accuracy per seed, seed 1 first (the seeds finished so far). */
  accuracies: number[];
  accuracy: Spread;
  /** Method − scratch per seed (same initial weights and order), in points. */
  gains: number[];
  gain: Spread;
  /** The gain read by the verdict rule. */
  vsScratch: SpreadReading;
}

/** Which method did best, said only as strongly as the spread allows. */
export type CompareVerdict =
  /** Nothing to compare yet (no method has a finished seed). */
  | { kind: 'none' }
  /** The best mean with one seed: no spread to judge by. */
  | { kind: 'oneSeed'; best: MethodId }
  /** `best` beats every other method by more than the spread of the paired differences. */
  | { kind: 'winner'; best: MethodId }
  /** The best mean, but `tied` methods are within the spread of it: no winner. */
  | { kind: 'withinSpread'; best: MethodId; tied: MethodId[] };

/** The comparison's table: scratch and each method over the seeds, and the verdict. */
export interface CompareSummary {
  seeds: number;
  scratch: { accuracies: number[]; accuracy: Spread };
  methods: MethodSummary[];
  verdict: CompareVerdict;
}

/** Paired differences a − b over the seeds both have, in points. */
function pairedPoints(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => (a[i]! - b[i]!) * 100);
}

/** Accuracies by seed (1-based) from a list, stopping at the first missing seed. */
function bySeed(found: Map<number, number>): number[] {
  const out: number[] = [];
  for (let seed = 1; found.has(seed); seed++) out.push(found.get(seed)!);
  return out;
}

/** One method's summary from its finished trials (partial while the comparison runs). */
function methodSummary(method: MethodId, trials: readonly CompareTrial[], scratch: readonly number[]): MethodSummary {
  const own = trials.filter((t) => t.arm === method);
  const grid = own.filter((t) => t.purpose === 'grid');
  const value = chooseSetting(grid);
  const found = new Map<number, number>();
  const chosen = grid.find((g) => g.value === value);
  if (chosen) found.set(1, chosen.accuracy);
  for (const t of own) if (t.purpose === 'seed') found.set(t.seed, t.accuracy);
  const accuracies = grid.length > 0 ? bySeed(found) : [];
  const gains = pairedPoints(accuracies, scratch);
  const gain = spread(gains);
  return {
    method,
    value,
    chosenBy: grid.length > 1 ? 'validation' : 'fixed',
    grid: grid.map((g) => ({ value: g.value, valAccuracy: g.valAccuracy })),
    accuracies,
    accuracy: spread(accuracies),
    gains,
    gain,
    vsScratch: readSpread(gain),
  };
}

/** The verdict over the methods that finished every seed (the best mean; a winner only beyond the paired spread). */
function verdictOf(methods: readonly MethodSummary[], seeds: number): CompareVerdict {
  const done = methods.filter((m) => m.accuracies.length === seeds && seeds > 0);
  if (done.length === 0) return { kind: 'none' };
  const best = done.reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a));
  if (seeds < 2) return { kind: 'oneSeed', best: best.method };
  const tied = done.filter((m) => m !== best && readSpread(spread(pairedPoints(best.accuracies, m.accuracies))) !== 'above').map((m) => m.method);
  return tied.length === 0 ? { kind: 'winner', best: best.method } : { kind: 'withinSpread', best: best.method, tied };
}

/**
 * The comparison's summary from its trials and the main run's scratch accuracy (seed 1): mean ± std per method over the
 * seeds, gains over scratch on the same seeds, and the verdict. Pure: the engine and the page (while trials stream in,
 * and for a saved run) compute the same table.
 */
export function summariseCompare(c: CompareConfig, scratchSeed1: number, reported: readonly CompareTrial[]): CompareSummary {
  // A comparison restarted from the main run's checkpoint (e.g. after a backend switch) reports its trials again: the last report of each counts.
  const byIndex = new Map<number, CompareTrial>();
  for (const t of reported) byIndex.set(t.index, t);
  const trials = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const found = new Map<number, number>([[1, scratchSeed1]]);
  for (const t of trials) if (t.arm === 'scratch') found.set(t.seed, t.accuracy);
  const scratch = bySeed(found);
  const methods = c.methods.map((m) => methodSummary(m, trials, scratch));
  return { seeds: c.seeds, scratch: { accuracies: scratch, accuracy: spread(scratch) }, methods, verdict: verdictOf(methods, c.seeds) };
}
