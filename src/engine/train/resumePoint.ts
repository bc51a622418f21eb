import * as tf from '@tensorflow/tfjs';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type CheckpointTensor } from './checkpointCodec';
import { isPlainObject } from '../json';
import type { Evaluation } from '../metrics';
import { assignWeights } from '../models/build';
import { SeededDropout } from '../models/seededDropout';
import type { OptimizerName, Phase } from './types';

/** A finished phase of the main run, enough to skip it on resume (its predictions give the students' agreement). */
export interface PhaseRecord {
  accuracy: number;
  loss: number;
  ece: number;
  ms: number;
  preds: number[];
  /** Validation accuracy of the phase's model (null or absent: no validation set). */
  valAccuracy?: number | null;
}

/** Everything needed to continue the main run after `epoch` of `phase`, as an uninterrupted run would. */
export interface ResumePoint {
  phase: Phase;
  /** Epochs of `phase` already trained (1-based count; the run continues at epoch + 1). */
  epoch: number;
  /** Optimiser steps of `phase` so far (loss points continue at step + 1). */
  step: number;
  /** The optimiser's iteration count. */
  optimizerStep: number;
  /** Which optimiser produced `optimizerState` (slots are only restored into the same kind). */
  optimizer: OptimizerName;
  /** The phase's model weights, in `model.getWeights()` order. */
  weights: Float32Array[];
  /** Extra trained variables of the phase (the hint adapter), in order. */
  extra: CheckpointTensor[];
  /** Optimiser slots (Adam's moments), in `optimizer.getWeights()` order without the iteration count. */
  optimizerState: CheckpointTensor[];
  /** The trained teacher's weights (null while the teacher itself trains). */
  teacherWeights: Float32Array[] | null;
  /** Positions of the phase model's seeded dropout mask streams. */
  dropoutCalls: number[];
  /** Wall time the phase has trained so far (ms). */
  elapsedMs: number;
  /** Results of the phases finished before `phase`. */
  finished: { teacher?: PhaseRecord; scratch?: PhaseRecord };
}

/** A phase record from an evaluation and its wall time. */
export function phaseRecord(e: Evaluation, ms: number): PhaseRecord {
  return { accuracy: e.accuracy, loss: e.loss, ece: e.ece, ms, preds: Array.from(e.preds) };
}

/** The evaluation a phase record stands for. */
export function recordEvaluation(r: PhaseRecord): Evaluation {
  return { accuracy: r.accuracy, loss: r.loss, ece: r.ece, preds: Int32Array.from(r.preds), logits: null };
}

/** Reads a model's weights into host memory (one asynchronous read per weight; nothing is kept on the device). */
export async function readWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from(await w.data())));
}

function dropouts(model: tf.LayersModel): SeededDropout[] {
  return model.layers.filter((l): l is SeededDropout => l instanceof SeededDropout);
}

/** What `captureResumePoint` reads from. */
export interface CaptureArgs {
  phase: Phase;
  epoch: number;
  step: number;
  elapsedMs: number;
  model: tf.LayersModel;
  extra: tf.Variable[];
  optimizer: tf.Optimizer;
  optimizerName: OptimizerName;
  teacherWeights: Float32Array[] | null;
  finished: ResumePoint['finished'];
}

/** Copies the state of a phase after an epoch into host memory (no tensors are left behind). */
export async function captureResumePoint(a: CaptureArgs): Promise<ResumePoint> {
  const slots = await a.optimizer.getWeights();
  // The first entry is a fresh scalar holding the iteration count; the rest are the optimiser's own variables.
  const [iter, ...rest] = slots;
  iter?.tensor.dispose();
  const optimizerState = await Promise.all(
    rest.map(async (s) => ({ name: s.name, shape: [...s.tensor.shape], values: Float32Array.from(await s.tensor.data()) })),
  );
  const extra = await Promise.all(a.extra.map(async (v, i) => ({ name: `extra_${i}`, shape: [...v.shape], values: Float32Array.from(await v.data()) })));
  return {
    phase: a.phase,
    epoch: a.epoch,
    step: a.step,
    optimizerStep: a.optimizer.iterations,
    optimizer: a.optimizerName,
    weights: await readWeights(a.model),
    extra,
    optimizerState,
    teacherWeights: a.teacherWeights,
    dropoutCalls: dropouts(a.model).map((d) => d.callCount),
    elapsedMs: a.elapsedMs,
    finished: a.finished,
  };
}

/** Restores a phase's model weights, extra variables and dropout streams from a resume point. */
export function restoreModel(model: tf.LayersModel, extra: tf.Variable[], p: ResumePoint): void {
  assignWeights(model, p.weights);
  if (extra.length !== p.extra.length) throw new CheckpointError('The checkpoint does not match these settings (hint adapter differs).');
  extra.forEach((v, i) => {
    const t = p.extra[i]!;
    tf.tidy(() => v.assign(tf.tensor(t.values, v.shape)));
  });
  dropouts(model).forEach((d, i) => (d.callCount = p.dropoutCalls[i] ?? 0));
}

/** Restores the optimiser's iteration count and slots (only into the same kind of optimiser; otherwise it starts fresh). */
export async function restoreOptimizer(optimizer: tf.Optimizer, name: OptimizerName, p: ResumePoint): Promise<void> {
  if (name !== p.optimizer) return;
  const tensors = [tf.scalar(p.optimizerStep, 'int32'), ...p.optimizerState.map((s) => tf.tensor(s.values, s.shape))];
  try {
    await optimizer.setWeights(tensors.map((tensor, i) => ({ name: i === 0 ? 'iter' : p.optimizerState[i - 1]!.name, tensor })));
  } finally {
    // setWeights copies the values into new variables.
    tf.dispose(tensors);
  }
}

const MODEL = 'model/';
const TEACHER = 'teacher/';
const EXTRA = 'extra/';

/** Serialises a resume point with the CRC-checked checkpoint codec. */
export function encodeResumePoint(p: ResumePoint): ArrayBuffer {
  const flat = (prefix: string, list: Float32Array[]): CheckpointTensor[] => list.map((values, i) => ({ name: `${prefix}${i}`, shape: [values.length], values }));
  return encodeCheckpoint({
    phase: p.phase,
    epoch: p.epoch,
    step: p.step,
    optimizerStep: p.optimizerStep,
    weights: [...flat(MODEL, p.weights), ...p.extra.map((t, i) => ({ ...t, name: `${EXTRA}${i}` })), ...flat(TEACHER, p.teacherWeights ?? [])],
    optimizerState: p.optimizerState,
    metrics: { optimizer: p.optimizer, dropoutCalls: p.dropoutCalls, elapsedMs: p.elapsedMs, finished: p.finished, hasTeacher: p.teacherWeights !== null },
  });
}

function isRecord(v: unknown): v is PhaseRecord {
  return (
    isPlainObject(v) &&
    ['accuracy', 'loss', 'ece', 'ms'].every((k) => typeof v[k] === 'number') &&
    Array.isArray(v.preds) &&
    (v.preds as unknown[]).every((x) => Number.isInteger(x))
  );
}

/** Reads a resume point written by `encodeResumePoint`; throws `CheckpointError` when it is corrupt or not one. */
export function decodeResumePoint(buffer: ArrayBuffer): ResumePoint {
  const c = decodeCheckpoint(buffer);
  const m = c.metrics;
  const bad = (why: string) => new CheckpointError(`The saved run cannot be resumed: ${why}.`);
  if (!isPlainObject(m)) throw bad('no run state');
  if (m.optimizer !== 'adam' && m.optimizer !== 'sgd') throw bad('unknown optimizer');
  if (!Array.isArray(m.dropoutCalls) || !(m.dropoutCalls as unknown[]).every((x) => Number.isInteger(x))) throw bad('bad dropout positions');
  if (typeof m.elapsedMs !== 'number') throw bad('no elapsed time');
  const finished = m.finished;
  if (!isPlainObject(finished)) throw bad('no finished phases');
  const out: ResumePoint['finished'] = {};
  for (const key of ['teacher', 'scratch'] as const) {
    if (finished[key] === undefined) continue;
    if (!isRecord(finished[key])) throw bad(`the ${key} record is invalid`);
    out[key] = finished[key];
  }
  const pick = (prefix: string) => c.weights.filter((t) => t.name.startsWith(prefix));
  return {
    phase: c.phase,
    epoch: c.epoch,
    step: c.step,
    optimizerStep: c.optimizerStep,
    optimizer: m.optimizer,
    weights: pick(MODEL).map((t) => t.values),
    extra: pick(EXTRA),
    optimizerState: c.optimizerState ?? [],
    teacherWeights: m.hasTeacher === true ? pick(TEACHER).map((t) => t.values) : null,
    dropoutCalls: m.dropoutCalls as number[],
    elapsedMs: m.elapsedMs,
    finished: out,
  };
}
