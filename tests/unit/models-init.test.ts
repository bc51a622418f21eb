import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { assignWeights, buildModel, seededWeights } from '../../src/engine/models/build';
import { kernelFans, weightKind } from '../../src/engine/models/init';
import { findPreset, IMAGE_TEACHER_PRESETS } from '../../src/engine/models/presets';
import type { CnnSpec } from '../../src/engine/models/spec';
import { useCpu } from './tfSetup';

const BN_CNN: CnnSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 32, kernel: 3, stride: 1, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 64, kernel: 3, stride: 1, activation: 'gelu', batchNorm: true },
    { type: 'maxpool', size: 2 },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
  ],
};

const mean = (v: Float32Array): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: Float32Array): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};
const maxAbs = (v: Float32Array): number => v.reduce((a, b) => Math.max(a, Math.abs(b)), 0);

beforeAll(async () => {
  await useCpu();
});

describe('weight kinds and fans', () => {
  it('classifies tfjs weight names', () => {
    expect(weightKind('conv_1/kernel', [3, 3, 1, 32])).toBe('conv-kernel');
    expect(weightKind('dense_3/kernel_2', [10, 4])).toBe('dense-kernel');
    expect(weightKind('logits/bias', [10])).toBe('zeros');
    expect(weightKind('bn_3/gamma', [64])).toBe('ones');
    expect(weightKind('bn_3/beta', [64])).toBe('zeros');
    expect(weightKind('bn_3/moving_mean', [64])).toBe('zeros');
    expect(weightKind('bn_3/moving_variance', [64])).toBe('ones');
    expect(() => weightKind('lstm/recurrent_kernel', [4, 4])).toThrow(/No seeded initialiser/);
  });

  it('conv fans are kh·kw·inC and kh·kw·outC', () => {
    expect(kernelFans([3, 3, 32, 64])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(kernelFans([784, 100])).toEqual({ fanIn: 784, fanOut: 100 });
  });
});

describe('seededWeights', () => {
  it('gives every weight kind the right initial values and statistics', () => {
    const m = buildModel(BN_CNN, [28, 28, 1], 10, 'init');
    const values = seededWeights(m, 7);
    const weights = m.weights;
    expect(values.map((v) => v.length)).toEqual(m.getWeights().map((w) => w.size));
    const seen = new Set<string>();
    weights.forEach((w, i) => {
      const v = values[i]!;
      const leaf = w.originalName.split('/')[1]!;
      seen.add(leaf);
      if (leaf === 'kernel') {
        const shape = w.shape as number[];
        const fanIn = shape.length === 4 ? shape[0]! * shape[1]! * shape[2]! : shape[0]!;
        const fanOut = shape.length === 4 ? shape[0]! * shape[1]! * shape[3]! : shape[1]!;
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        expect(maxAbs(v), w.originalName).toBeLessThanOrEqual(limit);
        expect(maxAbs(v), w.originalName).toBeGreaterThan(0.9 * limit);
        // Uniform(−L, L): mean 0, std L/√3.
        expect(Math.abs(mean(v)), w.originalName).toBeLessThan((limit / Math.sqrt(3)) * (4 / Math.sqrt(v.length)));
        if (v.length >= 1000) expect(std(v) / (limit / Math.sqrt(3)), w.originalName).toBeCloseTo(1, 1);
      } else if (leaf === 'gamma' || leaf === 'moving_variance') {
        expect(v.every((x) => x === 1), w.originalName).toBe(true);
      } else {
        expect(['bias', 'beta', 'moving_mean']).toContain(leaf);
        expect(v.every((x) => x === 0), w.originalName).toBe(true);
      }
    });
    expect([...seen].sort()).toEqual(['beta', 'bias', 'gamma', 'kernel', 'moving_mean', 'moving_variance']);
    m.dispose();
  });

  it('uses the conv fan-in/fan-out (not size ÷ last dimension)', () => {
    const m = buildModel(findPreset(IMAGE_TEACHER_PRESETS, 'cnn-32-64-128').spec, [28, 28, 1], 10, 'fans');
    const i = m.weights.findIndex((w) => w.shape.length === 4 && w.shape[2] === 32);
    const v = seededWeights(m, 3)[i]!;
    expect(maxAbs(v)).toBeLessThanOrEqual(Math.sqrt(6 / (288 + 576)));
    expect(maxAbs(v)).toBeGreaterThan(Math.sqrt(6 / (288 + 576)) * 0.99);
    m.dispose();
  });

  it('is reproducible, seed-sensitive and equal across two builds of the same spec', () => {
    const a = buildModel(BN_CNN, [28, 28, 1], 10, 'a');
    const b = buildModel(BN_CNN, [28, 28, 1], 10, 'b');
    const wa = seededWeights(a, 42);
    expect(seededWeights(b, 42)).toEqual(wa);
    const other = seededWeights(a, 43);
    expect(other.some((v, i) => v.some((x, j) => x !== wa[i]![j]))).toBe(true);
    a.dispose();
    b.dispose();
  });

  it('assignWeights installs them in getWeights() order without leaking', () => {
    const m = buildModel(BN_CNN, [28, 28, 1], 10, 'assign');
    const w = seededWeights(m, 5);
    const before = tf.memory().numTensors;
    assignWeights(m, w);
    expect(tf.memory().numTensors).toBe(before);
    m.getWeights().forEach((t, i) => expect(t.dataSync()).toEqual(w[i]));
    expect(() => assignWeights(m, w.slice(1))).toThrow(/does not match/);
    m.dispose();
  });
});
