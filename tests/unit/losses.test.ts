import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, distillationLoss, hardLossParts, hintLoss, logitMse, softTargetKl } from '../../src/engine/losses';
import { CE, KL, LABELS, STUDENT, TEACHER } from './lossBatch';
import { useCpu } from './tfSetup';

const oneHot = () => tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3).toFloat() as tf.Tensor2D;
const t2 = (v: number[][]) => tf.tensor2d(v);
const value = (s: tf.Scalar) => s.dataSync()[0]!;

beforeAll(async () => {
  await useCpu();
});

describe('cross-entropy and KL', () => {
  it('cross-entropy matches the hand-computed mean', () => {
    expect(value(crossEntropy(oneHot(), t2(STUDENT)))).toBeCloseTo(CE, 5);
  });

  it('row 0 alone is ln 3', () => {
    const y = tf.tensor2d([[1, 0, 0]]);
    expect(value(crossEntropy(y, tf.tensor2d([[1, 1, 1]])))).toBeCloseTo(Math.log(3), 6);
  });

  it.each([1, 4, 20])('KL at T=%d matches the float64 reference', (T) => {
    expect(value(softTargetKl(t2(TEACHER), t2(STUDENT), T))).toBeCloseTo(KL[T]!, 5);
  });

  it('KL of identical logits is zero', () => {
    expect(value(softTargetKl(t2(TEACHER), t2(TEACHER), 3))).toBeCloseTo(0, 6);
  });
});

describe('distillation loss', () => {
  const cases: [number, number][] = [
    [1, 0],
    [1, 0.7],
    [1, 1],
    [4, 0],
    [4, 0.7],
    [4, 1],
    [20, 0],
    [20, 0.7],
    [20, 1],
  ];
  it.each(cases)('T=%d α=%d gives α·T²·KL + (1−α)·CE', (T, alpha) => {
    const p = distillationLoss(oneHot(), t2(TEACHER), t2(STUDENT), { temperature: T, alpha, scaleByT2: true });
    const expected = alpha * T * T * KL[T]! + (1 - alpha) * CE;
    expect(value(p.total)).toBeCloseTo(expected, 4);
    expect(value(p.soft)).toBeCloseTo(alpha * T * T * KL[T]!, 4);
    expect(value(p.hard)).toBeCloseTo((1 - alpha) * CE, 5);
  });

  it('α = 0 is exactly plain cross-entropy', () => {
    const p = distillationLoss(oneHot(), t2(TEACHER), t2(STUDENT), { temperature: 7, alpha: 0, scaleByT2: true });
    expect(value(p.total)).toBe(value(crossEntropy(oneHot(), t2(STUDENT))));
  });

  it('without the T² factor the soft term is α·KL', () => {
    const p = distillationLoss(oneHot(), t2(TEACHER), t2(STUDENT), { temperature: 4, alpha: 1, scaleByT2: false });
    expect(value(p.total)).toBeCloseTo(KL[4]!, 5);
  });

  it('logit matching: MSE over all logits, by hand = (1 + 0 + 1 + 2.25 + 1 + 16) / 6', () => {
    expect(value(logitMse(t2(TEACHER), t2(STUDENT)))).toBeCloseTo(21.25 / 6, 5);
    const p = distillationLoss(oneHot(), t2(TEACHER), t2(STUDENT), { temperature: 9, alpha: 0.7, scaleByT2: true, softTerm: 'mse' });
    expect(value(p.soft)).toBeCloseTo((0.7 * 21.25) / 6, 5);
    expect(value(p.total)).toBeCloseTo((0.7 * 21.25) / 6 + 0.3 * CE, 5);
  });

  it('logit matching gradient is α·2(z_s − z_t)/(N·C) plus the CE gradient', () => {
    const g = tf
      .grad((z: tf.Tensor) => distillationLoss(oneHot(), t2(TEACHER), z as tf.Tensor2D, { temperature: 1, alpha: 1, scaleByT2: true, softTerm: 'mse' }).total)(
        t2(STUDENT),
      )
      .arraySync() as number[][];
    STUDENT.forEach((row, i) => row.forEach((z, k) => expect(g[i]![k]!).toBeCloseTo((2 * (z - TEACHER[i]![k]!)) / 6, 5)));
  });

  it('rejects T ≤ 0 and α outside [0, 1]', () => {
    const run = (temperature: number, alpha: number) => () =>
      distillationLoss(oneHot(), t2(TEACHER), t2(STUDENT), { temperature, alpha, scaleByT2: true });
    expect(run(0, 0.5)).toThrow(/Temperature/);
    expect(run(-1, 0.5)).toThrow(/Temperature/);
    expect(run(Number.NaN, 0.5)).toThrow(/Temperature/);
    expect(run(2, 1.5)).toThrow(/Alpha/);
    expect(run(2, -0.1)).toThrow(/Alpha/);
  });

  it('stays finite for logits of ±1e4, with finite gradients', () => {
    const big = tf.tensor2d([
      [1e4, -1e4, 0],
      [-1e4, 1e4, 1e4],
    ]);
    const teacherBig = tf.tensor2d([
      [-1e4, 1e4, 0],
      [1e4, -1e4, 0],
    ]);
    for (const T of [0.5, 1, 20]) {
      const f = (z: tf.Tensor) =>
        distillationLoss(oneHot(), teacherBig, z as tf.Tensor2D, { temperature: T, alpha: 0.5, scaleByT2: true }).total;
      const [loss, grad] = [value(f(big)), tf.grad(f)(big).dataSync()];
      expect(Number.isFinite(loss)).toBe(true);
      expect(loss).toBeGreaterThan(0);
      expect(Array.from(grad).every(Number.isFinite)).toBe(true);
    }
  });
});

/** The same loss in float64 JavaScript, for numerical differentiation. */
function referenceLoss(zs: number[][], T: number, alpha: number): number {
  const lsm = (z: number[]) => {
    const m = Math.max(...z);
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) + m;
    return z.map((v) => v - lse);
  };
  let kl = 0;
  let ce = 0;
  zs.forEach((row, i) => {
    const lp = lsm(TEACHER[i]!.map((v) => v / T));
    const lq = lsm(row.map((v) => v / T));
    kl += lp.reduce((s, a, k) => s + Math.exp(a) * (a - lq[k]!), 0);
    ce -= lsm(row)[LABELS[i]!]!;
  });
  return (alpha * T * T * kl + (1 - alpha) * ce) / zs.length;
}

describe('gradients', () => {
  it.each([
    [1, 0.7],
    [4, 0.7],
    [20, 0.9],
    [2, 0],
    [3, 1],
  ])('autodiff gradient at T=%d α=%d matches central differences', (T, alpha) => {
    const grad = tf
      .grad((z: tf.Tensor) => distillationLoss(oneHot(), t2(TEACHER), z as tf.Tensor2D, { temperature: T, alpha, scaleByT2: true }).total)(
        t2(STUDENT),
      )
      .arraySync() as number[][];
    const h = 1e-5;
    STUDENT.forEach((row, i) =>
      row.forEach((_, k) => {
        const plus = STUDENT.map((r) => [...r]);
        const minus = STUDENT.map((r) => [...r]);
        plus[i]![k]! += h;
        minus[i]![k]! -= h;
        const numeric = (referenceLoss(plus, T, alpha) - referenceLoss(minus, T, alpha)) / (2 * h);
        expect(grad[i]![k]!).toBeCloseTo(numeric, 4);
      }),
    );
  });

  it('with T² the soft gradient keeps its scale across T; without it, it falls as 1/T²', () => {
    const norm = (T: number, scaleByT2: boolean) => {
      const g = tf.grad((z: tf.Tensor) => distillationLoss(oneHot(), t2(TEACHER), z as tf.Tensor2D, { temperature: T, alpha: 1, scaleByT2 }).total)(
        t2(STUDENT),
      );
      return value(tf.norm(g) as tf.Scalar);
    };
    const scaled = [4, 8, 16].map((T) => norm(T, true));
    expect(scaled[2]! / scaled[0]!).toBeGreaterThan(0.9);
    expect(scaled[2]! / scaled[0]!).toBeLessThan(1.1);
    const unscaled = [4, 8, 16].map((T) => norm(T, false));
    expect(unscaled[1]! / unscaled[0]!).toBeCloseTo(1 / 4, 1);
    expect(unscaled[2]! / unscaled[0]!).toBeCloseTo(1 / 16, 2);
  });
});

describe('FitNets hint term', () => {
  it('β·mean((h_s·W + b − h_t)²) by hand, with its adapter gradient', () => {
    const hs = tf.tensor2d([[1, 2]]);
    const ht = tf.tensor2d([[0, 0, 1]]);
    const adapter = { kernel: tf.variable(tf.tensor2d([[1, 0, 0], [0, 1, 0]])), bias: tf.variable(tf.zeros([3])) };
    // mapped = [1, 2, 0]; squared errors 1, 4, 1 → mean 2; β = 0.5 → 1
    expect(value(hintLoss(hs, ht, adapter, 0.5))).toBeCloseTo(1, 6);
    const { grads } = tf.variableGrads(() => hintLoss(hs, ht, adapter, 0.5), [adapter.kernel, adapter.bias]);
    // dL/dW = β · 2/(N·D) · h_sᵀ (mapped − h_t) = 0.5 · 2/3 · [1, 2]ᵀ [1, 2, −1]
    const k = 1 / 3;
    expect(grads[adapter.kernel.name]!.arraySync()).toEqual([
      [expect.closeTo(k, 6), expect.closeTo(2 * k, 6), expect.closeTo(-k, 6)],
      [expect.closeTo(2 * k, 6), expect.closeTo(4 * k, 6), expect.closeTo(-2 * k, 6)],
    ]);
    expect(grads[adapter.bias.name]!.arraySync()).toEqual([expect.closeTo(k, 6), expect.closeTo(2 * k, 6), expect.closeTo(-k, 6)]);
    tf.dispose([adapter.kernel, adapter.bias]);
  });

  it('matches equal widths directly, flattens feature maps, and refuses mismatched widths without an adapter', () => {
    expect(value(hintLoss(tf.ones([2, 2, 2]), tf.zeros([2, 4]), null, 2))).toBeCloseTo(2, 6);
    expect(() => hintLoss(tf.ones([1, 2]), tf.ones([1, 3]), null, 1)).toThrow(/widths differ/);
  });
});

describe('closed-form gradients (tf.customGrad) equal autodiff', () => {
  // Autodiff through the plain ops: the reference for the fused gradient.
  const reference = (y: tf.Tensor2D, zt: tf.Tensor2D, zs: tf.Tensor2D, T: number, alpha: number, scaleByT2: boolean, softTerm: 'kl' | 'mse') => {
    const soft = softTerm === 'mse' ? tf.mul(logitMse(zt, zs), alpha) : tf.mul(softTargetKl(zt, zs, T), alpha * (scaleByT2 ? T * T : 1));
    return tf.add(soft, tf.mul(crossEntropy(y, zs), 1 - alpha)) as tf.Scalar;
  };
  const teacher = () => tf.tensor2d([[3, -1, 0.5, 2], [0, 4, -2, 1], [-3, 0.2, 0.1, 5]]);
  const student = () => tf.tensor2d([[0.3, 1, -0.5, 0], [2, -1, 0, 0.7], [1, 1, 1, -4]]);
  const labels = () => tf.oneHot(tf.tensor1d([0, 1, 3], 'int32'), 4).toFloat() as tf.Tensor2D;
  const grid: [number, number, boolean, 'kl' | 'mse'][] = [];
  for (const T of [0.5, 4, 20]) for (const alpha of [0, 0.5, 1]) for (const t2 of [true, false]) grid.push([T, alpha, t2, 'kl']);
  for (const alpha of [0, 0.5, 1]) grid.push([4, alpha, true, 'mse']);
  it.each(grid)('T=%d α=%d T²=%s %s', (T, alpha, scaleByT2, softTerm) => {
    const y = labels();
    const zt = teacher();
    const fused = tf.grad((z: tf.Tensor) => distillationLoss(y, zt, z as tf.Tensor2D, { temperature: T, alpha, scaleByT2, softTerm }).total)(student());
    const auto = tf.grad((z: tf.Tensor) => reference(y, zt, z as tf.Tensor2D, T, alpha, scaleByT2, softTerm))(student());
    const a = fused.dataSync();
    const b = auto.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 5);
    // The values agree too.
    const v = distillationLoss(y, zt, student(), { temperature: T, alpha, scaleByT2, softTerm });
    expect(value(v.total)).toBeCloseTo(value(reference(y, zt, student(), T, alpha, scaleByT2, softTerm)), 5);
  });

  it('the hard-label loss has the gradient (softmax(z) − y)/B', () => {
    const y = labels();
    const g = tf.grad((z: tf.Tensor) => hardLossParts(y, z as tf.Tensor2D).total)(student()).dataSync();
    const expected = tf.div(tf.sub(tf.softmax(student()), y), 3).dataSync();
    for (let i = 0; i < g.length; i++) expect(g[i]!).toBeCloseTo(expected[i]!, 6);
  });

  it('a training step with the fused loss leaves the tensor count flat', () => {
    const y = labels();
    const zt = teacher();
    const w = tf.variable(tf.randomNormal([4, 4]));
    const opt = tf.train.adam(0.01);
    const x = student();
    const step = () => opt.minimize(() => distillationLoss(y, zt, tf.matMul(x, w) as tf.Tensor2D, { temperature: 4, alpha: 0.5, scaleByT2: true }).total, false, [w]);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    w.dispose();
  });
});
