import * as tf from '@tensorflow/tfjs';
import { heapSimd } from '../kernels/heapSimd';
import { hostMemory, type HostMemory } from '../hostMemory';
import type { KdLossParts } from '../losses';
import { Rng } from '../rng';
import type { RunController } from './controller';
import { LossDivergedError, isBadLoss } from './errors';
import { PARTS_PER_STEP, trainStep } from './step';
import type { LossPoint, RunPhase } from './types';

/** Training data held as tensors for the whole run (never copied per epoch). */
export interface TrainTensors {
  /** Features, `[n, ...inputShape]`. */
  x: tf.Tensor;
  /** One-hot labels, `[n, classes]`. */
  yOneHot: tf.Tensor2D;
  /** Number of examples. */
  count: number;
  /**
   * The same examples in host memory. On the CPU and WASM backends tensors live in host memory anyway, and
   * copying a batch's rows in JavaScript is many times faster than their gather kernel, so batches are
   * assembled from here there; GPU backends gather on the device.
   */
  host?: { x: Float32Array; y: Int32Array; numClasses: number };
}

/** True when the active backend keeps tensors in host memory (batches are then assembled on the host). */
export function hostMemoryBackend(): boolean {
  const b = tf.getBackend();
  return b === 'cpu' || b === 'wasm';
}

/**
 * Copies the listed rows of host data into one batch's feature and one-hot label tensors, written straight into the
 * backend's memory (no fresh arrays per step, no second copy). On WASM with SIMD the rows are copied inside the heap,
 * from the training set's own tensors, one bulk copy each (`idx` holds the same row numbers there).
 */
function hostBatch(t: TrainTensors, rows: Int32Array, idx: tf.Tensor1D, memory: HostMemory): { x: tf.Tensor; yOneHot: tf.Tensor2D } {
  const host = t.host!;
  const featureLen = host.x.length / t.count;
  const [xOut] = memory.outputs([rows.length, ...t.x.shape.slice(1)], 1);
  const [yOut] = memory.outputs([rows.length, host.numClasses], 1);
  // Views after both allocations (the second may have grown the wasm heap); the heap's memory is not zeroed.
  const x = memory.view(xOut!.info);
  const y = memory.view(yOut!.info);
  const simd = t.x.dtype === 'float32' ? heapSimd() : null;
  if (simd) {
    const rowsAt = memory.view(idx).byteOffset;
    simd.gatherRows(memory.view(t.x).byteOffset, rowsAt, rows.length, featureLen * 4, x.byteOffset);
    simd.gatherRows(memory.view(t.yOneHot).byteOffset, rowsAt, rows.length, host.numClasses * 4, y.byteOffset);
  } else {
    y.fill(0);
    rows.forEach((r, i) => {
      x.set(host.x.subarray(r * featureLen, (r + 1) * featureLen), i * featureLen);
      y[i * host.numClasses + host.y[r]!] = 1;
    });
  }
  const make = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);
  return { x: make(xOut!.info), yOneHot: make(yOut!.info) as tf.Tensor2D };
}

/** One mini-batch; `idx` are the rows of the training set it holds (to gather cached teacher logits). */
export interface Batch {
  x: tf.Tensor;
  yOneHot: tf.Tensor2D;
  idx: tf.Tensor1D;
  /** 1-based step number within the phase (seeds per-step augmentation). */
  step: number;
  /** 1-based epoch within the phase (DKD's warm-up reads it). */
  epoch: number;
}

/** Options of one training phase. */
export interface PhaseOptions {
  phase: RunPhase;
  epochs: number;
  batchSize: number;
  /** Seed of the per-epoch shuffling. */
  orderSeed: number;
  train: TrainTensors;
  optimizer: tf.Optimizer;
  /** The variables this phase trains (the teacher stays frozen during distillation). */
  vars: tf.Variable[];
  controller: RunController;
  /** The loss of one batch, built inside the optimiser's gradient tape. */
  lossForBatch: (batch: Batch) => KdLossParts;
  /** Receives loss points in batches after each asynchronous read-back. */
  onLoss: (points: LossPoint[]) => void;
  /** Runs after each epoch (evaluation, checkpoint) with the steps trained so far. */
  onEpochEnd: (epoch: number, step: number) => Promise<void>;
  /** Epochs already trained (a resumed phase continues at startEpoch + 1, with the same data order). */
  startEpoch?: number;
  /** Steps already trained (loss points and per-step seeds continue at startStep + 1). */
  startStep?: number;
  /** Read losses back every this many steps (never per step). */
  readEvery?: number;
  /**
   * Keep training while a loss read-back is on its way (at most one in flight; the points still arrive in step order).
   * Default: on GPU backends, whose queue would otherwise drain at every read; CPU and WASM tensors are on the host anyway.
   */
  overlapReads?: boolean;
  /** Stop after this many steps even mid-epoch (benchmarks); default: all epochs. */
  maxSteps?: number;
}

/** Runs one phase: shuffled mini-batches, one tidy optimiser step each, batched async loss read-back and a NaN guard. */
export async function trainPhase(o: PhaseOptions): Promise<void> {
  const rng = new Rng(o.orderSeed);
  const readEvery = o.readEvery ?? 5;
  const maxSteps = o.maxSteps ?? Number.POSITIVE_INFINITY;
  const pending: { step: number; parts: tf.Tensor1D }[] = [];
  let step = o.startStep ?? 0;
  const startEpoch = o.startEpoch ?? 0;
  // Each epoch draws its permutation from one stream: skip the finished epochs' draws to keep the order.
  for (let e = 0; e < startEpoch; e++) rng.permutation(o.train.count);

  const overlap = o.overlapReads ?? !hostMemoryBackend();
  /** The latest read-back, chained after the ones before it (a diverged loss rejects it). */
  let reading: Promise<void> = Promise.resolve();

  /** The loss points of one read, reported in order; a bad loss reports the points before it and throws. */
  const report = (batch: { step: number }[], values: Float32Array): void => {
    const k = PARTS_PER_STEP;
    const points: LossPoint[] = batch.map((p, i) => {
      const point: LossPoint = { phase: o.phase, step: p.step, total: values[k * i]!, soft: values[k * i + 1]!, hard: values[k * i + 2]!, hint: values[k * i + 3]! };
      // Attention transfer and RKD only when used (0 otherwise), so the points of the other methods keep their shape.
      if (values[k * i + 4] !== 0) point.at = values[k * i + 4]!;
      if (values[k * i + 5] !== 0) point.rkd = values[k * i + 5]!;
      return point;
    });
    const bad = points.find((p) => isBadLoss(p.total));
    if (bad) {
      o.onLoss(points.slice(0, points.indexOf(bad)));
      // The assistant's divergence halts as a distillation's (a continued run trains the assistant again).
      throw new LossDivergedError(o.phase === 'assistant' ? 'distill' : o.phase, bad.step, bad.total);
    }
    o.onLoss(points);
  };

  /**
   * Reads the pending steps' losses back in one transfer. `wait`: until they (and every read before) are reported;
   * otherwise (overlapping reads) only until the read before this one is, so training goes on while this one travels.
   */
  const flush = async (wait = true): Promise<void> => {
    const before = reading;
    if (pending.length > 0) {
      const batch = pending.splice(0, pending.length);
      const stacked = tf.stack(batch.map((p) => p.parts));
      tf.dispose(batch.map((p) => p.parts));
      const values = stacked.data().finally(() => stacked.dispose()) as Promise<Float32Array>;
      const done = before.then(async () => report(batch, await values));
      // Awaited later (next read, pause or epoch end): marked handled now, so a divergence is not an unhandled rejection.
      done.catch(() => undefined);
      reading = done;
    }
    await (wait ? reading : before);
  };

  try {
    const memory = o.train.host !== undefined ? hostMemory() : null;
    for (let epoch = startEpoch + 1; epoch <= o.epochs; epoch++) {
      const perm = rng.permutation(o.train.count);
      const order = tf.tensor1d(perm, 'int32');
      try {
        for (let start = 0; start < o.train.count && step < maxSteps; start += o.batchSize) {
          // Before halting for a pause, report the steps trained so far (so "paused" comes after their losses).
          if (o.controller.pauseRequested) await flush();
          await o.controller.yieldPoint();
          const size = Math.min(o.batchSize, o.train.count - start);
          const idx = tf.slice(order, [start], [size]);
          const { x, yOneHot } = memory
            ? hostBatch(o.train, perm.subarray(start, start + size), idx, memory)
            : { x: tf.gather(o.train.x, idx), yOneHot: tf.gather(o.train.yOneHot, idx) as tf.Tensor2D };
          try {
            step += 1;
            const batchStep = step;
            pending.push({ step, parts: trainStep(o.optimizer, o.vars, () => o.lossForBatch({ x, yOneHot, idx, step: batchStep, epoch })) });
          } finally {
            tf.dispose([idx, x, yOneHot]);
          }
          if (pending.length >= readEvery) await flush(!overlap);
        }
      } finally {
        order.dispose();
      }
      await flush();
      await o.onEpochEnd(epoch, step);
      if (step >= maxSteps) break;
    }
  } finally {
    tf.dispose(pending.map((p) => p.parts));
  }
}
