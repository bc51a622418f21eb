import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/wasmTrainingKernels';
import { distillationLoss, type KdWeights } from '../../src/engine/losses';
import { hostLossBackend, hostLossParts, type HostLossTerms } from '../../src/engine/losses/hostLoss';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import { makeOptimizer } from '../../src/engine/train/hostAdam';
import { trainStep } from '../../src/engine/train/step';
import { CE, KL, LABELS, STUDENT, TEACHER } from './lossBatch';

// MSE of the logits, by hand: ((1−2)² + 0 + 1² + 1.5² + 1² + 4²)/6.
const MSE = (1 + 0 + 1 + 2.25 + 1 + 16) / 6;

const oneHot = () => tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3).toFloat() as tf.Tensor2D;
const value = (s: tf.Scalar) => s.dataSync()[0]!;
const terms = (w: Omit<KdWeights, 'softTerm'> & { softTerm?: 'kl' | 'mse' }): HostLossTerms => ({ soft: w.softTerm ?? 'kl', temperature: w.temperature, alpha: w.alpha, scaleByT2: w.scaleByT2, hardWeight: 1 - w.alpha });

/** The host pass's value and gradient at `zs` (the gradient through `tf.grad`, as a training step takes it). */
function host(w: HostLossTerms, zs: number[][], zt: number[][] | null = TEACHER) {
  const y = oneHot();
  const t = zt ? tf.tensor2d(zt) : null;
  const parts = hostLossParts(y, t, tf.tensor2d(zs), w)!;
  const grad = tf.grad((z: tf.Tensor) => hostLossParts(y, t, z as tf.Tensor2D, w)!.total)(tf.tensor2d(zs));
  return { total: value(parts.total), soft: value(parts.soft), hard: value(parts.hard), grad: Array.from(grad.dataSync()) };
}

/** The kernel path's value and gradient at `zs` (on the CPU backend, where the losses keep the kernels). */
function kernels(w: KdWeights, zs: number[][]) {
  const y = oneHot();
  const zt = tf.tensor2d(TEACHER);
  const parts = distillationLoss(y, zt, tf.tensor2d(zs), w);
  const grad = tf.grad((z: tf.Tensor) => distillationLoss(y, zt, z as tf.Tensor2D, w).total)(tf.tensor2d(zs));
  return { total: value(parts.total), grad: Array.from(grad.dataSync()) };
}

describe('the host loss pass (CPU backend memory)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const grid: [number, number, boolean][] = [];
  for (const T of [1, 4, 20]) for (const alpha of [0, 0.7, 1]) for (const t2 of [true, false]) grid.push([T, alpha, t2]);

  it.each(grid)('T=%d α=%d T²=%s: α·(T²)·KL + (1−α)·CE by hand, and the kernel path’s gradient', (T, alpha, scaleByT2) => {
    const h = host(terms({ temperature: T, alpha, scaleByT2 }), STUDENT);
    const soft = alpha * (scaleByT2 ? T * T : 1) * KL[T]!;
    expect(h.soft).toBeCloseTo(soft, 6);
    expect(h.hard).toBeCloseTo((1 - alpha) * CE, 6);
    expect(h.total).toBeCloseTo(soft + (1 - alpha) * CE, 6);
    const k = kernels({ temperature: T, alpha, scaleByT2 }, STUDENT);
    h.grad.forEach((g, i) => expect(g).toBeCloseTo(k.grad[i]!, 6));
  });

  it('the MSE soft term: α·MSE of logits + (1−α)·CE, and its gradient', () => {
    const h = host(terms({ temperature: 4, alpha: 0.7, scaleByT2: true, softTerm: 'mse' }), STUDENT);
    expect(h.soft).toBeCloseTo(0.7 * MSE, 6);
    expect(h.total).toBeCloseTo(0.7 * MSE + 0.3 * CE, 6);
    const k = kernels({ temperature: 4, alpha: 0.7, scaleByT2: true, softTerm: 'mse' }, STUDENT);
    h.grad.forEach((g, i) => expect(g).toBeCloseTo(k.grad[i]!, 6));
  });

  it('hard labels alone: CE, soft part 0, gradient (softmax(z) − y)/B', () => {
    const h = host({ soft: 'none', temperature: 1, alpha: 0, scaleByT2: false, hardWeight: 1 }, STUDENT, null);
    expect(h.total).toBeCloseTo(CE, 6);
    expect(h.soft).toBe(0);
    const expected = tf.div(tf.sub(tf.softmax(tf.tensor2d(STUDENT)), oneHot()), 2).dataSync();
    h.grad.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
  });

  it('its gradient matches central differences of its own value', () => {
    const w = terms({ temperature: 4, alpha: 0.5, scaleByT2: true });
    const z0 = [
      [0.3, -1.2, 2],
      [1.5, 0.4, -0.7],
    ];
    const { grad } = host(w, z0);
    const h = 1e-2;
    const at = (i: number, j: number, d: number) => host(w, z0.map((row, r) => row.map((v, c) => (r === i && c === j ? v + d : v)))).total;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(grad[i * 3 + j]!).toBeCloseTo((at(i, j, h) - at(i, j, -h)) / (2 * h), 4);
  });

  it('stays finite for huge logits and reports NaN logits as a NaN loss', () => {
    const big = host(terms({ temperature: 1, alpha: 0.5, scaleByT2: true }), [
      [1000, -1000, 0],
      [0, 0, 900],
    ]);
    expect(Number.isFinite(big.total)).toBe(true);
    const bad = host(terms({ temperature: 4, alpha: 0.5, scaleByT2: true }), [
      [NaN, 0, 0],
      [0, 0, 0],
    ]);
    expect(bad.total).toBeNaN();
  });

  it('refuses a soft term without teacher logits, and is not what the CPU backend’s losses use', () => {
    expect(() => hostLossParts(oneHot(), null, tf.tensor2d(STUDENT), terms({ temperature: 2, alpha: 0.5, scaleByT2: true }))).toThrow('teacher');
    expect(hostLossBackend()).toBe(false);
  });
});

describe('the host loss pass on WASM', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is what the losses use there, with the same values as the CPU backend’s kernels', async () => {
    expect(hostLossBackend()).toBe(true);
    const w: KdWeights = { temperature: 4, alpha: 0.7, scaleByT2: true };
    const onWasm = kernels(w, STUDENT);
    await tf.setBackend('cpu');
    const onCpu = kernels(w, STUDENT);
    await tf.setBackend('wasm');
    expect(onWasm.total).toBeCloseTo(onCpu.total, 5);
    onWasm.grad.forEach((g, i) => expect(g).toBeCloseTo(onCpu.grad[i]!, 6));
  });

  it('trains a student as the CPU backend does, leaving the tensor count flat', async () => {
    /** Ten distillation steps from seeded weights; the final weights. */
    const train = async (): Promise<Float32Array[]> => {
      const student = buildModel({ kind: 'mlp', hidden: [8], activation: 'tanh' }, [4], 3, 'host_loss');
      assignWeights(student, seededWeights(student, 3));
      const x = tf.tensor2d(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [6, 4]);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3).toFloat() as tf.Tensor2D;
      const zt = tf.tensor2d(Array.from({ length: 18 }, (_, i) => Math.cos(i) * 3), [6, 3]);
      const opt = makeOptimizer('adam', 0.05);
      const vars = trainableVariables(student);
      const step = () => trainStep(opt, vars, () => distillationLoss(y, zt, student.apply(x, { training: true }) as tf.Tensor2D, { temperature: 2, alpha: 0.6, scaleByT2: true })).dispose();
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 9; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      const weights = student.getWeights().map((t) => t.dataSync().slice() as Float32Array);
      opt.dispose();
      student.dispose();
      tf.dispose([x, y, zt]);
      return weights;
    };
    const wasm = await train();
    await tf.setBackend('cpu');
    const cpu = await train();
    await tf.setBackend('wasm');
    wasm.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(cpu[i]![j]!, 4)));
  });
});
