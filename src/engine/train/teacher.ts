import type { ArchSpec } from '../models/spec';
import * as tf from '@tensorflow/tfjs';
import { hardLossParts, type KdWeights } from '../losses';
import { predictLogits } from '../metrics';
import { assignWeights, buildModel, seededWeights } from '../models/build';
import { deriveSeed } from '../rng';
import { ensembleBatchLogits } from './ensemble';
import { augmentsStudents, batchInput } from './experimentData';
import type { ExperimentScope } from './experimentHooks';
import type { Batch } from './loop';
import { trainModel, type PhaseRole, type Trained } from './trainModel';
import { trainingForward } from '../kernels/wasmDenseForward';

/** The teacher the students learn from. */
export interface Teacher {
  /** Its tfjs model; null for a teacher known only by its logits (it then has `cached` logits and gives no hints). */
  model: tf.LayersModel | null;
  /** Its logits on the students' set, computed once (null: it runs live on every batch). */
  cached: tf.Tensor2D | null;
  /** Its predicted class of every test example (for the students' agreement). */
  preds: Int32Array;
  /** An ensemble's members' cached logits on the students' set, combined per batch at the step's T (absent: one teacher). */
  ensemble?: tf.Tensor2D[] | null;
}

/**
 * The teacher's logits on a batch whose (possibly shifted) input is `x`: read from the cache, or a forward pass; an
 * ensemble's are combined from its members' at the step's temperature and soft term (`w`, needed then).
 */
export function teacherLogits(teacher: Teacher, b: Batch, x: tf.Tensor, w?: KdWeights): tf.Tensor2D {
  if (teacher.ensemble) {
    if (!w) throw new Error('An ensemble teacher needs the step’s temperature to combine its members.');
    return ensembleBatchLogits(teacher.ensemble, b.idx, w.temperature, w.softTerm ?? 'kl');
  }
  if (teacher.cached) return tf.gather(teacher.cached, b.idx);
  if (!teacher.model) throw new Error('A teacher known only by its logits has no cached logits.');
  return teacher.model.apply(x, { training: false }) as tf.Tensor2D;
}

/** The teacher's logits on the students' set when they can be cached (teacher frozen, inputs not augmented), else null. */
export function cacheTeacherLogits(scope: ExperimentScope, model: tf.LayersModel): tf.Tensor2D | null {
  return scope.cfg.teacherLive || augmentsStudents(scope.cfg, scope.data) ? null : predictLogits(model, scope.data.students.x);
}

/** The seed name suffix of teacher `trial`: trial 0 is the main teacher (and keeps the single-run seeds); a name (an ensemble member's) is its own. */
const suffix = (trial: number | string) => (trial === 0 ? '' : `-${trial}`);

/** A teacher of the configured architecture with trial `trial`'s seeded initial weights (owned by the caller). */
export function buildTeacher(scope: ExperimentScope, trial: number | string, arch: ArchSpec = scope.cfg.teacher): tf.LayersModel {
  const { cfg, data } = scope;
  const model = buildModel(arch, data.inputShape, data.numClasses, 'teacher', { seed: deriveSeed(cfg.seed, `teacher-dropout${suffix(trial)}`) });
  assignWeights(model, seededWeights(model, deriveSeed(cfg.seed, `teacher-init${suffix(trial)}`)));
  return model;
}

/** Trains a teacher built by `buildTeacher(scope, trial)` on hard labels, with trial `trial`'s data order and shifts. */
export function trainTeacher(scope: ExperimentScope, model: tf.LayersModel, trial: number | string, role: PhaseRole): Promise<Trained> {
  const { cfg, data } = scope;
  const input = batchInput(cfg.augment !== 'off' || cfg.flip === true, cfg, data, deriveSeed(cfg.seed, `teacher-shift${suffix(trial)}`));
  return trainModel(scope, {
    phase: 'teacher',
    set: data.train,
    model,
    orderSeed: deriveSeed(cfg.seed, `teacher-order${suffix(trial)}`),
    lossForBatch: (b) => hardLossParts(b.yOneHot, trainingForward(model, input(b))),
    teacherPreds: null,
    extraVars: [],
    // The main teacher's validation accuracy goes in the results; a seed's teacher reports only its test accuracy.
    validation: trial === 0,
    role,
  });
}

/** A teacher of a seed trial (teacher per seed), owned by the trial: `dispose` releases it. */
export interface TrialTeacher extends Teacher {
  accuracy: number;
  dispose: () => void;
}

/** Teacher per seed: a teacher trained from seed `trial`'s own weights and data order. */
export async function trainTrialTeacher(scope: ExperimentScope, trial: number, role: PhaseRole): Promise<TrialTeacher> {
  const model = buildTeacher(scope, trial);
  try {
    const r = await trainTeacher(scope, model, trial, role);
    const cached = cacheTeacherLogits(scope, model);
    return {
      model,
      cached,
      preds: r.last.preds,
      accuracy: r.last.accuracy,
      dispose: () => {
        model.dispose();
        cached?.dispose();
      },
    };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
