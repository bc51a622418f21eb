import { spread } from '../stats';
import type { ExperimentScope } from './experimentHooks';
import { liveWeights } from './liveHyper';
import type { MainStudents } from './mainStudents';
import type { MainTeacher } from './obtainTeacher';
import type { PhaseContext } from './phaseContext';
import type { ResolvedHint } from './studentLoss';
import { trainTrialTeacher } from './teacher';
import { poolableTrials, recordSettings } from './trialSettings';
import { studentInit, studentSeeds, trainStudent } from './trainStudent';
import type { PhaseRole } from './trainModel';
import type { SeedSummary, TrialResult, TrialSettings } from './types';

/** One finished seed trial's accuracies and settings. */
interface SeedOutcome {
  scratch: number;
  distilled: number;
  settings: TrialSettings;
}

/**
 * Further seeds: both students again from new initial weights and data orders (and, with a teacher per seed and a
 * teacher trained here, a new teacher too); null with a single seed. Only trials with the same settings are pooled.
 */
export async function runSeedTrials(scope: ExperimentScope, teacher: MainTeacher, hint: ResolvedHint | null, main: MainStudents, mayRetrainTeacher: boolean): Promise<SeedSummary | null> {
  const { cfg } = scope;
  if (cfg.repeats <= 1) return null;
  const retrainTeacher = cfg.teacherPerSeed === true && mayRetrainTeacher;
  const outcomes: SeedOutcome[] = [{ scratch: main.scratch.last.accuracy, distilled: main.distilled.last.accuracy, settings: main.settings }];
  for (let trial = 1; trial < cfg.repeats; trial++) outcomes.push(await seedTrial(scope, teacher, hint, trial, retrainTeacher));
  const settings = outcomes.map((o) => o.settings);
  const pooled = poolableTrials(settings);
  const gains = pooled.map((i) => (outcomes[i]!.distilled - outcomes[i]!.scratch) * 100);
  return {
    scratch: spread(pooled.map((i) => outcomes[i]!.scratch)),
    distilled: spread(pooled.map((i) => outcomes[i]!.distilled)),
    gains,
    gain: spread(gains),
    settings,
    pooled: pooled.map((i) => i + 1),
    variance: retrainTeacher ? 'students-and-teacher' : 'students',
  };
}

/** Seed trial `trial` (1-based beyond the main run): its own teacher when asked, then both students; reported by `onTrial`. */
async function seedTrial(scope: ExperimentScope, mainTeacher: MainTeacher, hint: ResolvedHint | null, trial: number, ownTeacher: boolean): Promise<SeedOutcome> {
  const { cfg, hooks } = scope;
  const seeds = studentSeeds(cfg.seed, trial);
  const init = studentInit(scope, seeds.init);
  const context: PhaseContext = { kind: 'seed', seed: trial + 1, of: cfg.repeats };
  const role: PhaseRole = { kind: 'trial', context };
  const own = ownTeacher ? await trainTrialTeacher(scope, trial, role) : null;
  try {
    const job = { init, order: seeds.order, teacher: own ?? mainTeacher, hint, role };
    const sr = await trainStudent(scope, { ...job, weights: null });
    sr.model.dispose();
    const live = liveWeights(scope, null);
    const rec = recordSettings(live.at, live.current);
    const dr = await trainStudent(scope, { ...job, weights: rec.weights });
    dr.model.dispose();
    const result: TrialResult = {
      kind: 'seed',
      index: trial,
      total: cfg.repeats,
      seed: trial + 1,
      scratch: sr.last.accuracy,
      distilled: dr.last.accuracy,
      settings: rec.settings(),
      ...(own ? { teacher: own.accuracy } : {}),
    };
    hooks.onTrial?.(result);
    return { scratch: sr.last.accuracy, distilled: dr.last.accuracy, settings: rec.settings() };
  } finally {
    own?.dispose();
  }
}
