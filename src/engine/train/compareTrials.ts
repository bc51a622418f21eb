import type { ExperimentScope } from './experimentHooks';
import { comparePlan, type CompareSlot } from './comparePlan';
import { englishCompareProblem, compareProblem } from './compareProblems';
import { methodConfig, type MethodId } from './compareMethods';
import { chooseSetting, summariseCompare, type CompareSummary, type CompareTrial } from './compareSummary';
import { kdWeights } from './liveHyper';
import type { MainStudents } from './mainStudents';
import type { MainTeacher } from './obtainTeacher';
import { studentInit, studentSeeds, trainStudent } from './trainStudent';
import type { ExperimentConfig } from './types';

/** A seed's initial weights and order seed (seed 1: the main run's). */
type SeedStart = { init: Float32Array[]; order: number };

/** Throws when the comparison cannot run with these models and this teacher (checked before any training). */
export function checkCompare(cfg: ExperimentConfig, inputShape: number[], teacherHasModel: boolean): void {
  const problem = compareProblem(cfg, inputShape, teacherHasModel);
  if (problem) throw new Error(englishCompareProblem(problem));
}

/**
 * The method comparison (null: none asked for). Every method distils from the same teacher, data and split; seed k
 * starts every method and the scratch student from the same initial weights and order (seed 1: the main run's). Each
 * method's setting is chosen on seed 1 by validation accuracy, then seeds 2…N train at it.
 */
export async function runCompareTrials(scope: ExperimentScope, teacher: MainTeacher, main: MainStudents): Promise<CompareSummary | null> {
  const { cfg, data, hooks } = scope;
  const c = cfg.compare;
  if (!c || c.methods.length === 0) return null;
  const plan = comparePlan(c, data.validation !== null);
  const starts = new Map<number, SeedStart>([[1, { init: main.init, order: main.order }]]);
  const startOf = (seed: number): SeedStart => {
    let s = starts.get(seed);
    if (!s) {
      const seeds = studentSeeds(cfg.seed, seed - 1);
      s = { init: studentInit(scope, seeds.init), order: seeds.order };
      starts.set(seed, s);
    }
    return s;
  };
  const trials: CompareTrial[] = [];
  const chosen = new Map<MethodId, number | null>();
  for (const slot of plan) {
    const arm = slot.arm;
    const value = arm === 'scratch' ? null : slot.purpose === 'grid' ? slot.value : (chosen.get(arm) ?? null);
    const r = await trainSlot(scope, teacher, slot, value, startOf(slot.seed), plan.length, c.seeds);
    const trial: CompareTrial = { kind: 'compare', index: slot.trial - 1, total: plan.length, arm, seed: slot.seed, purpose: slot.purpose, value, ...r };
    trials.push(trial);
    hooks.onTrial?.(trial);
    // The method's last grid value done: choose on validation before its further seeds train.
    if (arm !== 'scratch' && slot.purpose === 'grid' && plan[slot.trial]?.purpose !== 'grid') {
      chosen.set(arm, chooseSetting(trials.filter((t) => t.arm === arm && t.purpose === 'grid')));
    }
  }
  return summariseCompare(c, main.scratch.last.accuracy, trials);
}

/** Trains one slot's student (scratch, or `slot.arm` at `value`) and returns its test and validation accuracy. */
async function trainSlot(
  scope: ExperimentScope,
  teacher: MainTeacher,
  slot: CompareSlot,
  value: number | null,
  start: SeedStart,
  trials: number,
  seeds: number,
): Promise<{ accuracy: number; valAccuracy: number | null }> {
  const context = { kind: 'compare' as const, arm: slot.arm, seed: slot.seed, seeds, value, trial: slot.trial, trials };
  const role = { kind: 'trial' as const, context };
  const job = { init: start.init, order: start.order, teacher, hint: null, role };
  if (slot.arm === 'scratch') {
    const r = await trainStudent(scope, { ...job, weights: null });
    r.model.dispose();
    return { accuracy: r.last.accuracy, valAccuracy: r.val };
  }
  const variant = methodConfig(scope.cfg, slot.arm, value, scope.data.inputShape);
  const fixed = kdWeights(variant, { temperature: variant.temperature, alpha: variant.alpha });
  const r = await trainStudent({ ...scope, cfg: variant }, { ...job, weights: () => fixed });
  r.model.dispose();
  return { accuracy: r.last.accuracy, valAccuracy: r.val };
}
