import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { distillationLoss, softTargetKl } from '../../src/engine/losses';
import { adaptiveAvgPool, attentionLoss, attentionMap, attentionTransfer } from '../../src/engine/losses/attention';
import { dkdLoss, dkdParts, dkdWarmup } from '../../src/engine/losses/dkd';
import { pairwiseDistances, rkdLoss, rkdParts, smoothL1 } from '../../src/engine/losses/rkd';
import { standardizeLogits } from '../../src/engine/losses/standardize';
import { expectClose, gradAndNumerical, seededValues } from './gradCheck';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

const t2 = (rows: number[][]) => tf.tensor2d(rows);
const scalar = (t: tf.Scalar) => t.dataSync()[0]!;
const oneHotOf = (labels: number[], classes: number) => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D;

// Float64 references written from the papers' definitions, independent of the tfjs code.
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const kl = (p: number[], q: number[]) => p.reduce((s, pi, i) => s + (pi > 0 ? pi * Math.log(pi / q[i]!) : 0), 0);
/** TCKD and NCKD of one example at T from the definitions: b = (p_t, 1 − p_t), p̂ = p over the other classes renormalised. */
function refDkd(zt: number[], zs: number[], label: number, T: number) {
  const p = softmax(zt.map((v) => v / T));
  const q = softmax(zs.map((v) => v / T));
  const tckd = kl([p[label]!, 1 - p[label]!], [q[label]!, 1 - q[label]!]);
  const rest = (r: number[]) => {
    const o = r.filter((_, i) => i !== label);
    const s = o.reduce((a, b) => a + b, 0);
    return o.map((v) => v / s);
  };
  return { tckd, nckd: kl(rest(p), rest(q)), kl: kl(p, q), pt: p[label]! };
}
/** z-scored logits with the unbiased std and ε = 1e-7, as the paper's `normalize`. */
function refStandardize(z: number[]) {
  const m = z.reduce((a, b) => a + b, 0) / z.length;
  const sd = Math.sqrt(z.reduce((a, v) => a + (v - m) ** 2, 0) / (z.length - 1));
  return z.map((v) => (v - m) / (1e-7 + sd));
}

describe('DKD (Zhao et al. 2022)', () => {
  it('matches two cases worked out by hand', () => {
    // Case 1 (T = 1, target 0): teacher p = (1/3, 1/3, 1/3), student q = (1/2, 1/4, 1/4). Both non-target parts are
    // (1/2, 1/2), so NCKD = 0 and TCKD = 1/3·ln(2/3) + 2/3·ln(4/3) = KL.
    // Case 2 (T = 1, target 0): teacher p = (1/4, 1/2, 1/4), student q = (1/3, 1/3, 1/3).
    //   TCKD = 1/4·ln(3/4) + 3/4·ln(9/8) = 0.0164168; NCKD = 2/3·ln(4/3) + 1/3·ln(2/3) = 0.0566330.
    const { tckd, nckd } = dkdParts(oneHotOf([0, 0], 3), t2([[0, 0, 0], [0, Math.log(2), 0]]), t2([[Math.log(2), 0, 0], [0, 0, 0]]), 1);
    const tc1 = Math.log(2 / 3) / 3 + (2 / 3) * Math.log(4 / 3);
    const tc2 = Math.log(3 / 4) / 4 + (3 / 4) * Math.log(9 / 8);
    const nc2 = (2 / 3) * Math.log(4 / 3) + Math.log(2 / 3) / 3;
    expect(scalar(tckd)).toBeCloseTo((tc1 + tc2) / 2, 6);
    expect(scalar(nckd)).toBeCloseTo((0 + nc2) / 2, 6);
    expect(nc2).toBeCloseTo(0.056633, 6);
  });

  it('matches the float64 definitions on random logits at several temperatures', () => {
    const zt = seededValues(20, 1, -3, 3);
    const zs = seededValues(20, 2, -3, 3);
    const labels = [0, 3, 4, 1];
    for (const T of [1, 2, 4]) {
      const { tckd, nckd } = dkdParts(oneHotOf(labels, 5), tf.tensor2d(zt, [4, 5]), tf.tensor2d(zs, [4, 5]), T);
      const ref = labels.map((y, i) => refDkd(zt.slice(5 * i, 5 * i + 5), zs.slice(5 * i, 5 * i + 5), y, T));
      expect(scalar(tckd)).toBeCloseTo(ref.reduce((s, r) => s + r.tckd, 0) / 4, 5);
      expect(scalar(nckd)).toBeCloseTo(ref.reduce((s, r) => s + r.nckd, 0) / 4, 5);
    }
  });

  it('α = β = 1 without warm-up is TCKD + NCKD; KL is TCKD + (1 − p_t)·NCKD per example (the paper’s Eq. 3), not their plain sum', () => {
    const zt = seededValues(15, 3, -2, 2);
    const zs = seededValues(15, 4, -2, 2);
    const labels = [2, 0, 4];
    const y = oneHotOf(labels, 5);
    const T = 2;
    const { tckd, nckd } = dkdParts(y, tf.tensor2d(zt, [3, 5]), tf.tensor2d(zs, [3, 5]), T);
    const dkd = dkdLoss(y, tf.tensor2d(zt, [3, 5]), tf.tensor2d(zs, [3, 5]), T, 1, 1, 1);
    expect(scalar(dkd)).toBeCloseTo(scalar(tckd) + scalar(nckd), 6);
    // Per example, KL = TCKD + (1 − p_t)·NCKD exactly; each row checked one at a time.
    labels.forEach((label, i) => {
      const row = (v: number[]) => tf.tensor2d(v.slice(5 * i, 5 * i + 5), [1, 5]);
      const parts = dkdParts(oneHotOf([label], 5), row(zt), row(zs), T);
      const pt = softmax(zt.slice(5 * i, 5 * i + 5).map((v) => v / T))[label]!;
      const klRow = scalar(softTargetKl(row(zt), row(zs), T));
      expect(scalar(parts.tckd) + (1 - pt) * scalar(parts.nckd)).toBeCloseTo(klRow, 6);
      // The plain sum overshoots KL by p_t·NCKD.
      expect(scalar(parts.tckd) + scalar(parts.nckd) - klRow).toBeCloseTo(pt * scalar(parts.nckd), 6);
    });
    // Where NCKD vanishes (same non-target distribution), DKD with α = β = 1 equals plain KL.
    const same = dkdLoss(oneHotOf([0], 3), t2([[3, 1, 2]]), t2([[0, 1, 2]]), 1, 1, 1, 1);
    expect(scalar(same)).toBeCloseTo(scalar(softTargetKl(t2([[3, 1, 2]]), t2([[0, 1, 2]]), 1)), 6);
  });

  it('as the soft term: α·T²·warm-up·(α_DKD·TCKD + β_DKD·NCKD) + (1 − α)·CE, with the linear warm-up', () => {
    expect([1, 5, 10, 20, 30].map((e) => dkdWarmup(e, 20))).toEqual([0.05, 0.25, 0.5, 1, 1]);
    expect(dkdWarmup(1, 0)).toBe(1);
    const y = oneHotOf([1, 2], 3);
    const zt = t2([[1, 2, 0], [0.5, -1, 2]]);
    const zs = t2([[0, 1, 1], [1, 0, -1]]);
    const weights = { temperature: 3, alpha: 0.6, scaleByT2: true, softTerm: 'dkd' as const, dkd: { alpha: 1, beta: 8, warmup: 4 } };
    const { tckd, nckd } = dkdParts(y, zt, zs, 3);
    const parts = distillationLoss(y, zt, zs, weights, 2);
    expect(scalar(parts.soft)).toBeCloseTo(0.6 * 9 * 0.5 * (scalar(tckd) + 8 * scalar(nckd)), 5);
    const ce = -(Math.log(softmax([0, 1, 1])[1]!) + Math.log(softmax([1, 0, -1])[2]!)) / 2;
    expect(scalar(parts.hard)).toBeCloseTo(0.4 * ce, 5);
    expect(scalar(parts.total)).toBeCloseTo(scalar(parts.soft) + scalar(parts.hard), 6);
  });

  it('gradient (with and without standardisation) matches central differences', () => {
    const zt = tf.tensor2d(seededValues(12, 5, -2, 2), [3, 4]);
    const y = oneHotOf([0, 3, 1], 4);
    for (const standardize of [false, true]) {
      const f = (z: tf.Tensor) =>
        distillationLoss(y, zt, z as tf.Tensor2D, { temperature: 2, alpha: 0.8, scaleByT2: true, softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 0 }, standardize }).total;
      const { grad, numerical } = gradAndNumerical(f, seededValues(12, 6, -2, 2), [3, 4]);
      expectClose(grad, numerical, 2e-3, 1e-2);
    }
  });
});

describe('logit standardisation (Sun et al. 2024)', () => {
  it('z-scores each row with the unbiased std and ε = 1e-7', () => {
    // [1, 2, 3]: mean 2, unbiased std 1 → (−1, 0, 1)/(1 + 1e-7).
    expectClose(Array.from(standardizeLogits(t2([[1, 2, 3]])).dataSync()), [-1, 0, 1], 1e-6, 0);
    const z = seededValues(10, 7, -5, 5);
    expectClose(Array.from(standardizeLogits(tf.tensor2d(z, [2, 5])).dataSync()), [...refStandardize(z.slice(0, 5)), ...refStandardize(z.slice(5))], 1e-5, 1e-5);
  });

  it('KL with standardisation is invariant to shifting and (positively) scaling either model’s logits', () => {
    const zt = seededValues(12, 8, -2, 2);
    const zs = seededValues(12, 9, -2, 2);
    const y = oneHotOf([0, 1, 2], 4);
    const loss = (a: number[], b: number[]) =>
      scalar(distillationLoss(y, tf.tensor2d(a, [3, 4]), tf.tensor2d(b, [3, 4]), { temperature: 2, alpha: 1, scaleByT2: true, standardize: true }).soft);
    const base = loss(zt, zs);
    expect(loss(zt.map((v) => 7 * v - 3), zs.map((v) => 0.25 * v + 11))).toBeCloseTo(base, 5);
    // Without standardisation the same change moves KL a lot.
    const plain = (a: number[], b: number[]) => scalar(softTargetKl(tf.tensor2d(a, [3, 4]), tf.tensor2d(b, [3, 4]), 2));
    expect(Math.abs(plain(zt.map((v) => 7 * v - 3), zs) - plain(zt, zs))).toBeGreaterThan(0.1);
    // DKD too.
    const dkd = (a: number[], b: number[]) =>
      scalar(distillationLoss(y, tf.tensor2d(a, [3, 4]), tf.tensor2d(b, [3, 4]), { temperature: 2, alpha: 1, scaleByT2: true, softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 0 }, standardize: true }).soft);
    expect(dkd(zt.map((v) => 3 * v + 1), zs.map((v) => 2 * v - 4))).toBeCloseTo(dkd(zt, zs), 5);
  });

  it('standardised KL matches the float64 definition; its gradient matches central differences; equal logits give no NaN', () => {
    const zt = seededValues(8, 10, -2, 2);
    const zs = seededValues(8, 11, -2, 2);
    const T = 2;
    const got = scalar(distillationLoss(oneHotOf([0, 1], 4), tf.tensor2d(zt, [2, 4]), tf.tensor2d(zs, [2, 4]), { temperature: T, alpha: 1, scaleByT2: true, standardize: true }).soft);
    const ref = [0, 1].reduce((s, i) => {
      const p = softmax(refStandardize(zt.slice(4 * i, 4 * i + 4)).map((v) => v / T));
      const q = softmax(refStandardize(zs.slice(4 * i, 4 * i + 4)).map((v) => v / T));
      return s + kl(p, q);
    }, 0);
    expect(got).toBeCloseTo((T * T * ref) / 2, 5);
    const f = (z: tf.Tensor) => distillationLoss(oneHotOf([0, 1], 4), tf.tensor2d(zt, [2, 4]), z as tf.Tensor2D, { temperature: T, alpha: 0.5, scaleByT2: true, standardize: true }).total;
    const { grad, numerical } = gradAndNumerical(f, zs, [2, 4]);
    expectClose(grad, numerical, 2e-3, 1e-2);
    const flat = tf.grad(f)(tf.zeros([2, 4])).dataSync();
    expect(Array.from(flat).every(Number.isFinite)).toBe(true);
  });

  it('is refused with MSE on logits', () => {
    expect(() => distillationLoss(oneHotOf([0], 2), t2([[1, 0]]), t2([[0, 1]]), { temperature: 1, alpha: 1, scaleByT2: true, softTerm: 'mse', standardize: true })).toThrow(/KL and DKD/);
  });
});

describe('attention transfer (Zagoruyko & Komodakis 2017)', () => {
  it('matches a hand computation and is 0 on identical maps and on rescaled features', () => {
    // Student features (1×2, one channel) [3, 4] → map (9, 16)/√337; teacher [1, 0] → (1, 0).
    const s = tf.tensor4d([3, 4], [1, 1, 2, 1]);
    const t = tf.tensor4d([1, 0], [1, 1, 2, 1]);
    const expected = ((9 / Math.sqrt(337) - 1) ** 2 + (16 / Math.sqrt(337)) ** 2) / 2;
    expect(scalar(attentionLoss(s, t))).toBeCloseTo(expected, 6);
    expectClose(Array.from(attentionMap(s).dataSync()), [9 / Math.sqrt(337), 16 / Math.sqrt(337)], 1e-6, 0);
    const f = tf.tensor4d(seededValues(2 * 4 * 4 * 3, 12), [2, 4, 4, 3]);
    expect(scalar(attentionLoss(f, f))).toBe(0);
    expect(scalar(attentionLoss(tf.mul(f, 5) as tf.Tensor4D, f))).toBeCloseTo(0, 7);
    // Attention maps compare where a network looks, not its channels: other channel counts are fine.
    const g = tf.tensor4d(seededValues(2 * 4 * 4 * 7, 13), [2, 4, 4, 7]);
    expect(scalar(attentionLoss(f, g))).toBeGreaterThan(0);
    expect(scalar(attentionTransfer([{ student: f, teacher: g }, { student: f, teacher: f }], 1000))).toBeCloseTo(1000 * scalar(attentionLoss(f, g)), 3);
  });

  it('adaptive average pooling uses PyTorch’s windows; different spatial sizes are pooled to the smaller one', () => {
    // 5 → 3: windows [0, 1], [1, 2, 3], [3, 4].
    expectClose(Array.from(adaptiveAvgPool(tf.tensor4d([1, 2, 3, 4, 5], [1, 1, 5, 1]), 1, 3).dataSync()), [1.5, 3, 4.5], 1e-6, 0);
    const big = tf.tensor4d(seededValues(2 * 6 * 6 * 3, 14), [2, 6, 6, 3]);
    expectClose(Array.from(adaptiveAvgPool(big, 3, 3).dataSync()), Array.from(tf.avgPool(big, 2, 2, 'valid').dataSync()), 1e-6, 0);
    // A 6×6 student against a 3×3 teacher equals the loss of the pooled student against the teacher.
    const small = tf.tensor4d(seededValues(2 * 3 * 3 * 5, 15), [2, 3, 3, 5]);
    expect(scalar(attentionLoss(big, small))).toBeCloseTo(scalar(attentionLoss(adaptiveAvgPool(big, 3, 3), small)), 7);
    expect(scalar(attentionLoss(small, big))).toBeCloseTo(scalar(attentionLoss(small, adaptiveAvgPool(big, 3, 3))), 7);
  });

  it('gradient matches central differences, also through the pooling', () => {
    const teacher = tf.tensor4d(seededValues(2 * 3 * 3 * 2, 16), [2, 3, 3, 2]);
    const f = (x: tf.Tensor) => tf.mul(attentionLoss(x as tf.Tensor4D, teacher), 100) as tf.Scalar;
    const { grad, numerical } = gradAndNumerical(f, seededValues(2 * 5 * 5 * 2, 17, 0.2, 2), [2, 5, 5, 2], 1e-2);
    expectClose(grad, numerical, 2e-3, 2e-2);
  });
});

describe('RKD (Park et al. 2019)', () => {
  /** The distance and angle terms in float64 from the definitions (mdistiller's `rkd_loss`). */
  function refRkd(s: number[][], t: number[][]) {
    const n = s.length;
    const dist = (e: number[][]) => {
      const d = e.map((a, i) => e.map((b, j) => (i === j ? 0 : Math.sqrt(a.reduce((acc, v, k) => acc + (v - b[k]!) ** 2, 0)))));
      const mean = d.flat().reduce((a, b) => a + b, 0) / (n * (n - 1));
      return d.flat().map((v) => v / mean);
    };
    const ang = (e: number[][]) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const u = e.map((b) => {
          const v = b.map((x, k) => x - e[i]![k]!);
          const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
          return v.map((x) => (norm > 0 ? x / norm : 0));
        });
        for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out.push(u[j]!.reduce((a, x, m) => a + x * u[k]![m]!, 0));
      }
      return out;
    };
    const huber = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + (Math.abs(v - b[i]!) < 1 ? 0.5 * (v - b[i]!) ** 2 : Math.abs(v - b[i]!) - 0.5), 0) / a.length;
    return { distance: huber(dist(s), dist(t)), angle: huber(ang(s), ang(t)) };
  }

  it('matches a hand computation on three points', () => {
    // Student: a right isosceles triangle, legs 1; teacher: legs 2 and 1. Distances (off the diagonal, twice each):
    // student 1, 1, √2, mean (2 + √2)/3; teacher 2, 1, √5, mean (3 + √5)/3.
    const s = [[0, 0], [1, 0], [0, 1]];
    const t = [[0, 0], [2, 0], [0, 1]];
    const { distance, angle } = rkdParts(t2(s), t2(t));
    const ds = [1, 1, Math.SQRT2].map((v) => (3 * v) / (2 + Math.SQRT2));
    const dt = [2, 1, Math.sqrt(5)].map((v) => (3 * v) / (3 + Math.sqrt(5)));
    const handDistance = (2 * ds.reduce((a, v, i) => a + 0.5 * (v - dt[i]!) ** 2, 0)) / 9;
    expect(scalar(distance)).toBeCloseTo(handDistance, 6);
    const ref = refRkd(s, t);
    expect(ref.distance).toBeCloseTo(handDistance, 12);
    expect(scalar(angle)).toBeCloseTo(ref.angle, 6);
    expect(scalar(rkdLoss(t2(s), t2(t), 25, 50))).toBeCloseTo(25 * ref.distance + 50 * ref.angle, 5);
    expectClose(Array.from(pairwiseDistances(t2(s)).dataSync()), [0, 1, 1, 1, 0, Math.SQRT2, 1, Math.SQRT2, 0], 1e-6, 0);
    expect(scalar(smoothL1(tf.tensor1d([0.5, -2]))) ).toBeCloseTo((0.125 + 1.5) / 2, 7);
  });

  it('is 0 for identical (and for uniformly scaled) embeddings, and 0 for a batch of one', () => {
    const e = tf.tensor2d(seededValues(6 * 5, 18), [6, 5]);
    expect(scalar(rkdLoss(e, e, 25, 50))).toBeCloseTo(0, 6);
    expect(scalar(rkdLoss(tf.mul(e, 3), e, 25, 50))).toBeCloseTo(0, 5);
    expect(scalar(rkdLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]]), 25, 50))).toBe(0);
    // Embeddings of different widths are compared through their relations only.
    const s = seededValues(5 * 3, 19);
    const t = seededValues(5 * 7, 20);
    const toRows = (v: number[], w: number) => Array.from({ length: 5 }, (_, i) => v.slice(w * i, w * i + w));
    const ref = refRkd(toRows(s, 3), toRows(t, 7));
    const got = rkdParts(tf.tensor2d(s, [5, 3]), tf.tensor2d(t, [5, 7]));
    expect(scalar(got.distance)).toBeCloseTo(ref.distance, 5);
    expect(scalar(got.angle)).toBeCloseTo(ref.angle, 5);
  });

  it('gradient matches central differences; duplicate rows give a finite gradient', () => {
    const t = tf.tensor2d(seededValues(4 * 3, 21), [4, 3]);
    const f = (x: tf.Tensor) => rkdLoss(x, t, 25, 50);
    const { grad, numerical } = gradAndNumerical(f, seededValues(4 * 3, 22), [4, 3], 5e-3);
    expectClose(grad, numerical, 5e-3, 2e-2);
    const dup = tf.grad(f)(tf.tensor2d([[1, 2, 3], [1, 2, 3], [0, 1, 0], [2, 0, 1]])).dataSync();
    expect(Array.from(dup).every(Number.isFinite)).toBe(true);
  });
});

describe('no leaks', () => {
  it('each new loss and its gradient leave the tensor count flat', () => {
    const y = oneHotOf([0, 1, 2, 1], 3);
    const zt = tf.tensor2d(seededValues(12, 23), [4, 3]);
    const fs = tf.tensor4d(seededValues(4 * 6 * 6 * 2, 24), [4, 6, 6, 2]);
    const ft = tf.tensor4d(seededValues(4 * 3 * 3 * 4, 25), [4, 3, 3, 4]);
    const once = () => {
      tf.tidy(() => {
        const g = tf.grads((z: tf.Tensor, f: tf.Tensor) => {
          const parts = distillationLoss(y, zt, z as tf.Tensor2D, { temperature: 2, alpha: 0.5, scaleByT2: true, softTerm: 'dkd', standardize: true }, 3);
          return tf.addN([parts.total, attentionTransfer([{ student: f as tf.Tensor4D, teacher: ft }], 1000), rkdLoss(z, zt, 25, 50)]) as tf.Scalar;
        });
        g([tf.tensor2d(seededValues(12, 26), [4, 3]), fs]);
      });
      const parts = dkdParts(y, zt, zt, 2);
      tf.dispose([standardizeLogits(zt), parts.tckd, parts.nckd, adaptiveAvgPool(fs, 3, 3), rkdLoss(zt, zt, 25, 50)]);
    };
    once();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) once();
    expect(tf.memory().numTensors).toBe(before);
  });
});
