import type * as tf from '@tensorflow/tfjs';
import type { KdLossParts } from '../losses';
import { agreement, evaluateSets, type Evaluation, type SetsEvaluation } from '../metrics';
import { trainableVariables } from '../models/build';
import type { ExperimentScope } from './experimentHooks';
import { makeOptimizer } from './hostAdam';
import { trainPhase, type Batch, type TrainTensors } from './loop';
import type { PhaseContext } from './phaseContext';
import type { CheckpointCarry } from './resumePlan';
import { captureResumePoint, restoreModel, restoreOptimizer, type ResumePoint } from './resumePoint';
import type { Phase, RunPhase } from './types';

/**
 * Whose phase this is. The main run reports every step and epoch, may continue from a checkpoint and takes checkpoints
 * (carrying `carry`); an extra trial (a seed, a sweep point) only announces its phase under its context.
 */
export type PhaseRole =
  | { kind: 'main'; restore: ResumePoint | null; carry: CheckpointCarry }
  /** `report`: its steps and epochs are reported like the main run's (the teaching assistant's curves), without checkpoints. */
  | { kind: 'trial'; context: PhaseContext; report?: boolean };

/** One model's training through one phase. */
export interface PhaseJob {
  phase: RunPhase;
  set: TrainTensors;
  model: tf.LayersModel;
  /** Seed of the per-epoch data order. */
  orderSeed: number;
  lossForBatch: (b: Batch) => KdLossParts;
  /** The teacher's test predictions, for the student's per-epoch agreement (null for a teacher). */
  teacherPreds: Int32Array | null;
  /** Trained variables besides the model's (the hint adapter). */
  extraVars: tf.Variable[];
  /** Also read the validation accuracy, in the same forward pass as the test set after the last epoch. */
  validation: boolean;
  role: PhaseRole;
}

/** A trained phase: its last test evaluation, its wall time and (when the job asked for it) its validation accuracy. */
export interface Trained {
  last: Evaluation;
  ms: number;
  /** Validation accuracy after the last epoch (null: no validation set, or the job did not ask). */
  val: number | null;
}

/** Trains one model through one phase; returns its last evaluation, the wall time and the validation accuracy. */
export async function trainModel(scope: ExperimentScope, job: PhaseJob): Promise<Trained> {
  const { cfg, controller, hooks } = scope;
  const main = job.role.kind === 'main' ? job.role : null;
  const restore = main?.restore ?? null;
  const report = main || (job.role.kind === 'trial' && job.role.report) ? hooks : { onLoss: () => {}, onEpoch: () => {} };
  const optimizer = makeOptimizer(cfg.optimizer, cfg.learningRate);
  const started = performance.now() - (restore?.elapsedMs ?? 0);
  const state: { last: SetsEvaluation | null } = { last: null };
  // The validation set is read once, with the test set after the last epoch (the only time its figure is used).
  const validation = job.validation ? scope.data.validation : null;
  const evaluated = (final: boolean, keep = 0) => evaluateSets(job.model, scope.data.test, final ? validation : null, keep);
  try {
    if (restore) {
      restoreModel(job.model, job.extraVars, restore);
      await restoreOptimizer(optimizer, cfg.optimizer, restore);
    }
    // The assistant is announced as a distillation under its context; its steps and epochs carry its own phase.
    hooks.onPhase(job.phase === 'assistant' ? 'distill' : job.phase, Math.ceil(job.set.count / cfg.batchSize), job.role.kind === 'trial' ? job.role.context : null, restore?.epoch ?? 0);
    await trainPhase({
      phase: job.phase,
      epochs: cfg.epochs,
      startEpoch: restore?.epoch ?? 0,
      startStep: restore?.step ?? 0,
      batchSize: cfg.batchSize,
      orderSeed: job.orderSeed,
      train: job.set,
      optimizer,
      vars: [...trainableVariables(job.model), ...job.extraVars],
      controller,
      lossForBatch: job.lossForBatch,
      onLoss: report.onLoss,
      onEpochEnd: async (epoch, step) => {
        // The first test logits are read back only for a main-run epoch whose feed will post them.
        const keep = main && (hooks.wantsLogits?.(mainPhase(job.phase), epoch) ?? true) ? (hooks.evaluatedLogits ?? 0) : 0;
        const sets = await evaluated(epoch >= cfg.epochs, keep);
        state.last = sets;
        const last = sets.test;
        const agree = job.teacherPreds ? agreement(last.preds, job.teacherPreds) : null;
        report.onEpoch({ phase: job.phase, epoch, testAccuracy: last.accuracy, testLoss: last.loss, agreement: agree });
        if (!main) return;
        const phase = mainPhase(job.phase);
        await hooks.onEvaluated?.(phase, epoch, job.model, last.logits);
        // A resume point (a read-back of the weights and optimiser state) only when it will be used.
        if (!hooks.onCheckpoint || !(hooks.wantsCheckpoint?.(phase, epoch) ?? true)) return;
        const at = { epoch, step, elapsedMs: performance.now() - started };
        hooks.onCheckpoint(await checkpointOf(scope, job, optimizer, main.carry, at));
      },
    });
  } finally {
    optimizer.dispose();
  }
  // No epoch ran to the end here (a phase resumed after its last epoch, or stopped by `maxSteps`): evaluate now.
  const final = state.last && (validation === null || state.last.validationAccuracy !== null) ? state.last : await evaluated(true);
  return { last: final.test, ms: performance.now() - started, val: final.validationAccuracy };
}

/** A main-run phase (the assistant's never is one: it is in no checkpoint and has no inspected model). */
function mainPhase(p: RunPhase): Phase {
  if (p === 'assistant') throw new Error('The teaching assistant is never trained as the main run.');
  return p;
}

/** The main run's resume point after an epoch of `job` (host memory only). */
function checkpointOf(
  scope: ExperimentScope,
  job: PhaseJob,
  optimizer: tf.Optimizer,
  carry: CheckpointCarry,
  at: { epoch: number; step: number; elapsedMs: number },
): Promise<ResumePoint> {
  return captureResumePoint({
    phase: mainPhase(job.phase),
    ...at,
    model: job.model,
    extra: job.extraVars,
    optimizer,
    optimizerName: scope.cfg.optimizer,
    teacherWeights: job.phase === 'teacher' ? null : carry.teacherWeights,
    finished: { ...carry.finished },
  });
}
