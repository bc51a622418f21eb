import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hardLossParts } from '../../src/engine/losses';
import { RunController } from '../../src/engine/train/controller';
import { LossDivergedError } from '../../src/engine/train/errors';
import { trainPhase, type TrainTensors } from '../../src/engine/train/loop';
import type { LossPoint } from '../../src/engine/train/types';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

/** 40 examples of 3 features in 2 classes (deterministic). */
function data(): TrainTensors {
  const n = 40;
  const x = new Float32Array(n * 3).map((_, i) => Math.sin(i * 0.7));
  const y = new Int32Array(n).map((_, i) => (x[i * 3]! + x[i * 3 + 1]! > 0 ? 1 : 0));
  return { x: tf.tensor2d(x, [n, 3]), yOneHot: tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), 2) as tf.Tensor2D), count: n };
}

/** Trains a linear model for 3 epochs (batch 4: 10 steps an epoch, read every 3) and returns its loss points and weights. */
async function run(overlapReads: boolean, poisonAtStep: number | null = null): Promise<{ points: LossPoint[]; weights: number[]; epochEnds: number[]; error: unknown }> {
  const train = data();
  const init = tf.tensor2d([0.1, -0.2, 0.3, 0.05, -0.1, 0.2], [3, 2]);
  const w = tf.variable(init);
  init.dispose();
  const points: LossPoint[] = [];
  const epochEnds: number[] = [];
  let error: unknown = null;
  const optimizer = tf.train.adam(0.05);
  try {
    await trainPhase({
      phase: 'scratch',
      epochs: 3,
      batchSize: 4,
      orderSeed: 7,
      train,
      optimizer,
      vars: [w],
      controller: new RunController({ temperature: 4, alpha: 0.5 }),
      lossForBatch: (b) => {
        const parts = hardLossParts(b.yOneHot, tf.matMul(b.x, w) as tf.Tensor2D);
        // A loss that turns NaN at one step (the divergence guard must still name that step).
        return b.step === poisonAtStep ? { ...parts, total: tf.mul(parts.total, NaN) } : parts;
      },
      onLoss: (p) => points.push(...p),
      onEpochEnd: async (_epoch, step) => {
        // Every loss of the epoch has been reported before its evaluation runs.
        expect(points.at(-1)?.step).toBe(step);
        epochEnds.push(step);
      },
      readEvery: 3,
      overlapReads,
    });
  } catch (e) {
    error = e;
  }
  const weights = Array.from(await w.data());
  optimizer.dispose();
  tf.dispose([w, train.x, train.yOneHot]);
  return { points, weights, epochEnds, error };
}

describe('loss read-backs that overlap training (GPU backends)', () => {
  it('give the same points, in step order, and the same weights as waiting for each read, with no tensor left', async () => {
    const before = tf.memory().numTensors;
    const waited = await run(false);
    const overlapped = await run(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(waited.error).toBeNull();
    expect(overlapped.error).toBeNull();
    expect(overlapped.points.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(overlapped.points).toEqual(waited.points);
    expect(overlapped.weights).toEqual(waited.weights);
    expect(overlapped.epochEnds).toEqual([10, 20, 30]);
  });

  it('still stop a diverged run and name the step whose loss went bad, reporting only the points before it', async () => {
    const before = tf.memory().numTensors;
    for (const overlap of [false, true]) {
      const r = await run(overlap, 14);
      expect(r.error).toBeInstanceOf(LossDivergedError);
      expect((r.error as LossDivergedError).step).toBe(14);
      expect(r.points.map((p) => p.step)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
