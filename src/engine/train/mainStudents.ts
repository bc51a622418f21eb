import type { Evaluation } from '../metrics';
import type { ExperimentScope } from './experimentHooks';
import { liveWeights } from './liveHyper';
import type { MainTeacher } from './obtainTeacher';
import type { CheckpointCarry, ResumePlan } from './resumePlan';
import { phaseRecord, recordEvaluation, type PhaseRecord } from './resumePoint';
import type { ResolvedHint } from './studentLoss';
import { recordSettings } from './trialSettings';
import { studentInit, studentSeeds, trainStudent, type TrainedStudent } from './trainStudent';
import type { TrialSettings } from './types';

/** A student's result without its model: last test evaluation, wall time and validation accuracy. */
export interface StudentResult {
  last: Evaluation;
  ms: number;
  val: number | null;
}

/** The main run's two students (trial 0): the scratch one's result, the distilled one (its model owned by the caller). */
export interface MainStudents {
  scratch: StudentResult;
  distilled: TrainedStudent;
  /** The T and α the distillation trained with. */
  settings: TrialSettings;
  /** The trial's initial weights and order seed (the sweep distils again from them). */
  init: Float32Array[];
  order: number;
}

/**
 * Trains the main run's scratch student (or takes its record from the checkpoint), then distils the same architecture
 * from the same initial weights and data order, following live T/α changes; each continues from the checkpoint when `plan` says so.
 */
export async function trainMainStudents(scope: ExperimentScope, teacher: MainTeacher, hint: ResolvedHint | null, plan: ResumePlan): Promise<MainStudents> {
  const seeds = studentSeeds(scope.cfg.seed, 0);
  const init = studentInit(scope, seeds.init);
  const job = { init, order: seeds.order, teacher, hint };
  const done = plan.scratch.finished;
  const scratch = done ? recordResult(done) : await trainMainScratch(scope, job, teacher.carry, plan.scratch.continueFrom);
  const carry: CheckpointCarry = { ...teacher.carry, finished: { ...teacher.carry.finished, scratch: scratch.record } };
  const live = liveWeights(scope, 'distill');
  const recorded = recordSettings(live.at, live.current);
  const distilled = await trainStudent(scope, { ...job, weights: recorded.weights, role: { kind: 'main', restore: plan.distill.continueFrom, carry } });
  return { scratch, distilled, settings: recorded.settings(), init, order: seeds.order };
}

/** The main run's scratch student, trained (its model released at once) with the record its successors' checkpoints carry. */
async function trainMainScratch(
  scope: ExperimentScope,
  job: { init: Float32Array[]; order: number; teacher: MainTeacher; hint: ResolvedHint | null },
  carry: CheckpointCarry,
  restore: ResumePlan['scratch']['continueFrom'],
): Promise<StudentResult & { record: PhaseRecord }> {
  const s = await trainStudent(scope, { ...job, weights: null, role: { kind: 'main', restore, carry } });
  s.model.dispose();
  return { last: s.last, ms: s.ms, val: s.val, record: { ...phaseRecord(s.last, s.ms), valAccuracy: s.val } };
}

/** The result a finished phase's record stands for. */
function recordResult(r: PhaseRecord): StudentResult & { record: PhaseRecord } {
  return { last: recordEvaluation(r), ms: r.ms, val: r.valAccuracy ?? null, record: r };
}
