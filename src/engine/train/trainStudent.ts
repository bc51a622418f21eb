import * as tf from '@tensorflow/tfjs';
import { assignWeights, buildModel, seededWeights } from '../models/build';
import { deriveSeed } from '../rng';
import { augmentsStudents, batchInput } from './experimentData';
import type { ExperimentScope } from './experimentHooks';
import { makeHintAdapter } from './hintAdapter';
import { resolveAddedTerms, studentLoss, type ResolvedHint } from './studentLoss';
import type { Teacher } from './teacher';
import { trainModel, type PhaseRole, type Trained } from './trainModel';
import type { WeightsAtStep } from './trialSettings';

/** Seeds of the i-th student trial: trial 0 is the main run (and keeps the single-run seeds). */
export function studentSeeds(seed: number, trial: number): { init: number; order: number } {
  const suffix = trial === 0 ? '' : `-${trial}`;
  return { init: deriveSeed(seed, `student-init${suffix}`), order: deriveSeed(seed, `student-order${suffix}`) };
}

/** The student architecture's seeded initial weights (host memory). */
export function studentInit(scope: ExperimentScope, seed: number): Float32Array[] {
  const { cfg, data } = scope;
  const probe = buildModel(cfg.student, data.inputShape, data.numClasses, 'student_init');
  try {
    return seededWeights(probe, seed);
  } finally {
    probe.dispose();
  }
}

/** One student to train: scratch (`weights` null) or distilled from `teacher` with these T/α per step. */
export interface StudentJob {
  init: Float32Array[];
  /** The trial's order seed (data order, dropout, shifts and the hint adapter derive from it). */
  order: number;
  /** The teacher the student learns from, or is compared with (a scratch student's agreement). */
  teacher: Teacher;
  weights: WeightsAtStep | null;
  hint: ResolvedHint | null;
  role: PhaseRole;
}

/** A trained student: its model (owned by the caller), last test evaluation, wall time and validation accuracy. */
export interface TrainedStudent extends Trained {
  model: tf.LayersModel;
}

/** Trains a fresh student from `init` on hard labels (scratch) or with distillation. */
export async function trainStudent(scope: ExperimentScope, job: StudentJob): Promise<TrainedStudent> {
  const { cfg, data } = scope;
  const phase = job.weights ? 'distill' : 'scratch';
  const model = buildModel(cfg.student, data.inputShape, data.numClasses, phase === 'scratch' ? 'student_scratch' : 'student', {
    seed: deriveSeed(job.order, 'student-dropout'),
  });
  assignWeights(model, job.init);
  const adapter = job.weights && job.hint ? makeHintAdapter(job.hint.adapter, deriveSeed(job.order, 'hint-adapter')) : null;
  // Scratch and distilled students of one trial see the same shifts (same order seed).
  const input = batchInput(augmentsStudents(cfg, data), cfg, data, deriveSeed(job.order, 'student-shift'));
  try {
    const method = job.weights
      ? {
          kind: 'distill' as const,
          teacher: job.teacher,
          weights: job.weights,
          hint: job.hint ? { plan: job.hint, adapter } : null,
          terms: resolveAddedTerms(cfg, data.inputShape),
        }
      : { kind: 'scratch' as const };
    const r = await trainModel(scope, {
      phase,
      set: data.students,
      model,
      orderSeed: job.order,
      lossForBatch: studentLoss({ model, input, method }),
      teacherPreds: job.teacher.preds,
      extraVars: adapter ? [adapter.kernel, adapter.bias] : [],
      validation: true,
      role: job.role,
    });
    return { ...r, model };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    if (adapter) tf.dispose([adapter.kernel, adapter.bias]);
  }
}
