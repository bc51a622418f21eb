import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/wasmTrainingKernels';
import { distillationLoss } from '../../src/engine/losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { makeOptimizer } from '../../src/engine/train/hostAdam';
import { trainPhase, type TrainTensors } from '../../src/engine/train/loop';
import type { LossPoint } from '../../src/engine/train/types';

/*
 * The training loop on WASM, where batches are written straight into the heap, the losses take the host pass and Adam
 * its host update: the same phase as on the CPU backend (which keeps the kernels for the loss), within float32 rounding.
 */

/** Two epochs of distillation on 50 examples (batches of 16, the last one short); final weights and loss points. */
async function phase(): Promise<{ weights: Float32Array[]; points: LossPoint[]; leaked: number }> {
  const n = 50;
  const xs = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 0.7));
  const ys = Int32Array.from({ length: n }, (_, i) => (i * 7) % 3);
  const before = tf.memory().numTensors;
  const train: TrainTensors = {
    x: tf.tensor2d(xs, [n, 4]),
    yOneHot: tf.tidy(() => tf.oneHot(tf.tensor1d(ys, 'int32'), 3).toFloat() as tf.Tensor2D),
    count: n,
    host: { x: xs, y: ys, numClasses: 3 },
  };
  const cached = tf.tensor2d(Float32Array.from({ length: n * 3 }, (_, i) => 2 * Math.cos(i)), [n, 3]);
  const student = buildModel({ kind: 'mlp', hidden: [8], activation: 'tanh' }, [4], 3, 'wasm_loop');
  assignWeights(student, seededWeights(student, 4));
  const optimizer = makeOptimizer('adam', 0.05);
  const points: LossPoint[] = [];
  await trainPhase({
    phase: 'distill',
    epochs: 2,
    batchSize: 16,
    orderSeed: 9,
    train,
    optimizer,
    vars: trainableVariables(student),
    controller: new RunController({ temperature: 3, alpha: 0.6 }),
    lossForBatch: (b) => distillationLoss(b.yOneHot, tf.gather(cached, b.idx), student.apply(b.x, { training: true }) as tf.Tensor2D, { temperature: 3, alpha: 0.6, scaleByT2: true }),
    onLoss: (p) => points.push(...p),
    onEpochEnd: async () => {},
  });
  const weights = student.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  optimizer.dispose();
  student.dispose();
  tf.dispose([train.x, train.yOneHot, cached]);
  return { weights, points, leaked: tf.memory().numTensors - before };
}

describe('the training loop on WASM', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains a phase as the CPU backend does, with every loss point, leaving no tensor behind', async () => {
    await tf.setBackend('cpu');
    const cpu = await phase();
    await tf.setBackend('wasm');
    await tf.ready();
    const wasm = await phase();
    expect(cpu.leaked).toBe(0);
    expect(wasm.leaked).toBe(0);
    expect(wasm.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    wasm.points.forEach((p, i) => {
      expect(p.total).toBeCloseTo(cpu.points[i]!.total, 4);
      expect(p.soft).toBeCloseTo(cpu.points[i]!.soft, 4);
      expect(p.hard).toBeCloseTo(cpu.points[i]!.hard, 4);
    });
    wasm.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(cpu.weights[i]![j]!, 4)));
  });
});
