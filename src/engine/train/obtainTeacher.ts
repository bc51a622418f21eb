import * as tf from '@tensorflow/tfjs';
import { predictions } from '../inspect/softmax';
import type { Evaluation } from '../metrics';
import { assignWeights } from '../models/build';
import { paramCount } from '../models/spec';
import { transferRows, validationAccuracy, validationHoldOut } from './experimentData';
import type { ExperimentScope } from './experimentHooks';
import { reportGivenTeacher } from './givenTeacher';
import { measureLatency, type LatencyFigure } from './latency';
import { reportPrecomputedTeacher, type PrecomputedTeacher } from './precomputedTeacher';
import type { CheckpointCarry, ResumePlan } from './resumePlan';
import { phaseRecord, readWeights, recordEvaluation, type PhaseRecord } from './resumePoint';
import { buildTeacher, cacheTeacherLogits, trainTeacher, type Teacher } from './teacher';

/** Where the run's teacher comes from: trained here, an already-trained model (borrowed), or precomputed logits. */
export type TeacherSource =
  | { kind: 'train' }
  | { kind: 'given'; model: tf.LayersModel }
  | { kind: 'precomputed'; logits: PrecomputedTeacher };

/** The main run's teacher, ready for the students, with what the results and the next checkpoints need of it. */
export interface MainTeacher extends Teacher {
  /** Its last test evaluation and training wall time. */
  last: Evaluation;
  ms: number;
  /** Its validation accuracy (null: no validation set). */
  valAccuracy: number | null;
  /** Its parameter count, for the results table. */
  params: number;
  /** Times one inference at a batch size (null: the teacher gets no latency row). */
  latency: ((batch: number) => Promise<LatencyFigure>) | null;
  /** What the students' checkpoints carry: the teacher's weights and the finished phases, the teacher's included. */
  carry: CheckpointCarry;
  /** Releases what this phase built (a trained teacher, the cached logits; never a given model). */
  dispose: () => void;
}

/** The teacher's evaluation and the weights its checkpoints carry. */
interface Obtained {
  last: Evaluation;
  ms: number;
  /** Its validation accuracy when its last evaluation read it (with the test set); undefined: not read yet. */
  val?: number | null;
  record: PhaseRecord;
  weights: Float32Array[] | null;
}

/** Obtains the main run's teacher: trains it, loads a given one or reads precomputed logits; or takes it finished from `plan`. */
export async function obtainTeacher(scope: ExperimentScope, source: TeacherSource, plan: ResumePlan): Promise<MainTeacher> {
  const { cfg, data } = scope;
  const built = source.kind === 'train' ? buildTeacher(scope, 0) : null;
  const model = source.kind === 'given' ? source.model : built;
  const cache: tf.Tensor2D[] = [];
  const dispose = () => {
    built?.dispose();
    tf.dispose(cache);
  };
  try {
    const done = plan.teacher.finished;
    const got = done ? await finishedTeacher(scope, model, done) : await freshTeacher(scope, source, model, plan);
    const logits = source.kind === 'precomputed' ? precomputedLogits(scope, source.logits) : await modelLogits(scope, model!, got.val);
    if (logits.cached) cache.push(logits.cached);
    const carry: CheckpointCarry = { teacherWeights: got.weights, finished: { ...plan.finished, teacher: got.record } };
    const params =
      source.kind === 'precomputed' ? source.logits.params : source.kind === 'given' ? source.model.countParams() : paramCount(cfg.teacher, data.inputShape, data.numClasses);
    const latency = source.kind === 'precomputed' ? (source.logits.latency ?? null) : (batch: number) => measureLatency(model!, data.inputShape, batch);
    return { model, cached: logits.cached, preds: got.last.preds, last: got.last, ms: got.ms, valAccuracy: logits.valAccuracy, params, latency, carry, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** A teacher the checkpoint already finished: its weights go back into the model (a given one too, so it survives a backend switch). */
async function finishedTeacher(scope: ExperimentScope, model: tf.LayersModel | null, done: NonNullable<ResumePlan['teacher']['finished']>): Promise<Obtained> {
  if (model) assignWeights(model, done.weights);
  await scope.hooks.onEvaluated?.('teacher', scope.cfg.epochs, model, null);
  return { last: recordEvaluation(done.record), ms: done.record.ms, record: done.record, weights: done.weights };
}

/** A teacher obtained in this run: trained (or continued from the checkpoint), or a given or precomputed one reported. */
async function freshTeacher(scope: ExperimentScope, source: TeacherSource, model: tf.LayersModel | null, plan: ResumePlan): Promise<Obtained> {
  const { cfg, data, hooks } = scope;
  const t =
    source.kind === 'precomputed'
      ? await reportPrecomputedTeacher(source.logits, data.test.y, cfg.epochs, hooks)
      : source.kind === 'given'
        ? await reportGivenTeacher(source.model, data.test, data.validation, cfg.epochs, hooks)
        : await trainTeacher(scope, model!, 0, { kind: 'main', restore: plan.teacher.continueFrom, carry: { teacherWeights: null, finished: plan.finished } });
  const weights = hooks.onCheckpoint ? (source.kind === 'precomputed' ? [] : await readWeights(model!)) : null;
  return { ...t, record: phaseRecord(t.last, t.ms), weights };
}

/** A model teacher's logits on the students' set (unless it runs live) and its validation accuracy (`val` when already read). */
async function modelLogits(scope: ExperimentScope, model: tf.LayersModel, val: number | null | undefined): Promise<{ cached: tf.Tensor2D | null; valAccuracy: number | null }> {
  const valAccuracy = val !== undefined ? val : await validationAccuracy(model, scope.data);
  return { cached: cacheTeacherLogits(scope, model), valAccuracy };
}

/**
 * A precomputed teacher's logits on the students' set and its validation accuracy: its rows go through the same
 * validation hold-out and transfer subset as the data (chosen from the labels and the seed only, so passing logits as
 * the "features" keeps rows aligned).
 */
function precomputedLogits(scope: ExperimentScope, pre: PrecomputedTeacher): { cached: tf.Tensor2D; valAccuracy: number | null } {
  const { cfg, data } = scope;
  const k = data.numClasses;
  const held = validationHoldOut(cfg, { x: pre.train, y: data.source.train.y, count: data.source.train.count }, k);
  const cached = tf.tensor2d(transferRows(cfg, held.train, k).x, [data.students.count, k]);
  const v = held.validation;
  return { cached, valAccuracy: v ? logitsAccuracy(v.x, v.y, k) : null };
}

/** Accuracy of row-major logits against integer labels. */
function logitsAccuracy(logits: Float32Array, labels: Int32Array, numClasses: number): number {
  const preds = predictions(logits, numClasses);
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (preds[i] === labels[i]) right++;
  return labels.length > 0 ? right / labels.length : 0;
}
