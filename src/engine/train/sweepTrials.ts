import { agreement } from '../metrics';
import type { ExperimentScope } from './experimentHooks';
import { kdWeights } from './liveHyper';
import type { MainStudents } from './mainStudents';
import type { MainTeacher } from './obtainTeacher';
import type { PhaseContext } from './phaseContext';
import type { ResolvedHint } from './studentLoss';
import { sweepPoints } from './sweep';
import { trainStudent } from './trainStudent';
import type { SweepSummary, TrialResult } from './types';

/** The sweep: distil again at each grid point from the main run's initial weights and order, re-using the teacher (null: no sweep). */
export async function runSweepTrials(scope: ExperimentScope, teacher: MainTeacher, hint: ResolvedHint | null, main: MainStudents): Promise<SweepSummary | null> {
  const { cfg, hooks } = scope;
  if (!cfg.sweep) return null;
  const grid = sweepPoints(cfg.sweep, cfg.temperature, cfg.alpha);
  const baselineVal = main.scratch.val;
  const sweep: SweepSummary = { baseline: main.scratch.last.accuracy, baselineVal, points: [] };
  for (const [index, point] of grid.entries()) {
    const context: PhaseContext = { kind: 'sweep', point: index + 1, of: grid.length, temperature: point.temperature, alpha: point.alpha };
    const fixed = kdWeights(cfg, point);
    const r = await trainStudent(scope, { init: main.init, order: main.order, teacher, hint, weights: () => fixed, role: { kind: 'trial', context } });
    r.model.dispose();
    const result: TrialResult = {
      kind: 'sweep',
      index,
      total: grid.length,
      temperature: point.temperature,
      alpha: point.alpha,
      accuracy: r.last.accuracy,
      agreement: agreement(r.last.preds, teacher.preds),
      valAccuracy: r.val,
      baselineVal,
    };
    sweep.points.push(result);
    hooks.onTrial?.(result);
  }
  return sweep;
}
