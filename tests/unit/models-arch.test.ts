import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/models/build';
import {
  findPreset,
  IMAGE_STUDENT_PRESETS,
  IMAGE_TEACHER_PRESETS,
  presetsFor,
  STUDENT_PRESETS,
  TEACHER_PRESETS,
} from '../../src/engine/models/presets';
import {
  describeArch,
  flopsPerExample,
  hiddenLayerOptions,
  outputShapes,
  paramCount,
  sizeKB,
  validateArch,
  type ArchSpec,
  type CnnSpec,
} from '../../src/engine/models/spec';
import { useCpu } from './tfSetup';

const IMG = [28, 28, 1];
const MNIST_CNN = findPreset(IMAGE_TEACHER_PRESETS, 'cnn-32-64-128').spec;
const SMALL_CNN: CnnSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 6, kernel: 2, stride: 2, activation: 'gelu', batchNorm: true },
    { type: 'dense', units: 5, activation: 'tanh' },
  ],
};

/** Parameter count of the built tfjs model (trainable + non-trainable). */
function built(spec: ArchSpec, shape: number[], classes: number): number {
  const m = buildModel(spec, shape, classes, 'probe');
  try {
    return m.countParams();
  } finally {
    m.dispose();
  }
}

beforeAll(async () => {
  await useCpu();
});

describe('parameter counts', () => {
  it('MNIST CNN teacher: hand arithmetic = paramCount = countParams', () => {
    // 28 → conv3 → 26 → pool2 → 13 → conv3 → 11 → pool2 → 5; flatten 5·5·64 = 1600.
    const hand = 3 * 3 * 1 * 32 + 32 + (3 * 3 * 32 * 64 + 64) + (1600 * 128 + 128) + (128 * 10 + 10);
    expect(hand).toBe(225_034);
    expect(paramCount(MNIST_CNN, IMG, 10)).toBe(hand);
    expect(built(MNIST_CNN, IMG, 10)).toBe(hand);
  });

  it('Hinton MLPs on images (flattened input)', () => {
    const teacher = findPreset(IMAGE_TEACHER_PRESETS, 'hinton-mlp-1200-1200').spec;
    const hand = 784 * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 10 + 10;
    expect(paramCount(teacher, IMG, 10)).toBe(hand);
    expect(built(teacher, IMG, 10)).toBe(hand);
    const expected: Record<string, number> = {
      'mlp-800-800': 784 * 800 + 800 + 800 * 800 + 800 + 800 * 10 + 10,
      'mlp-100': 784 * 100 + 100 + 100 * 10 + 10,
      'mlp-32': 784 * 32 + 32 + 32 * 10 + 10,
    };
    for (const p of IMAGE_STUDENT_PRESETS) {
      expect(paramCount(p.spec, IMG, 10)).toBe(expected[p.id]);
      expect(built(p.spec, IMG, 10)).toBe(expected[p.id]);
    }
  });

  it('batch norm counts gamma, beta and both moving stats, and drops the conv bias', () => {
    // 12×12×1 → conv4·3 → 10×10×4 → pool2 → 5×5×4 → conv6·2/2 (bn) → 2×2×6 → flatten 24 → dense5 → 3.
    const hand = 3 * 3 * 1 * 4 + 4 + (2 * 2 * 4 * 6 + 4 * 6) + (24 * 5 + 5) + (5 * 3 + 3);
    expect(paramCount(SMALL_CNN, [12, 12, 1], 3)).toBe(hand);
    expect(built(SMALL_CNN, [12, 12, 1], 3)).toBe(hand);
  });

  it('toy presets still match', () => {
    for (const p of [...TEACHER_PRESETS, ...STUDENT_PRESETS]) expect(paramCount(p.spec, [2], 3)).toBe(built(p.spec, [2], 3));
  });

  it('sizeKB is float32 bytes / 1024; invalid specs give NaN instead of throwing', () => {
    expect(sizeKB(MNIST_CNN, IMG, 10)).toBeCloseTo((225_034 * 4) / 1024, 10);
    expect(paramCount(MNIST_CNN, [2], 3)).toBeNaN();
    expect(sizeKB(MNIST_CNN, [2], 3)).toBeNaN();
  });
});

describe('FLOPs (2 × multiply-adds of dense and conv layers)', () => {
  it('small MLP', () => {
    const mlp: ArchSpec = { kind: 'mlp', hidden: [8, 4], activation: 'tanh' };
    expect(flopsPerExample(mlp, [2], 3)).toBe(2 * (2 * 8 + 8 * 4 + 4 * 3));
  });

  it('small CNN', () => {
    const conv1 = 10 * 10 * 4 * (3 * 3 * 1);
    const conv2 = 2 * 2 * 6 * (2 * 2 * 4);
    const dense = 24 * 5 + 5 * 3;
    expect(flopsPerExample(SMALL_CNN, [12, 12, 1], 3)).toBe(2 * (conv1 + conv2 + dense));
  });

  it('MNIST CNN', () => {
    const macs = 26 * 26 * 32 * 9 + 11 * 11 * 64 * 9 * 32 + 1600 * 128 + 128 * 10;
    expect(flopsPerExample(MNIST_CNN, IMG, 10)).toBe(2 * macs);
  });
});

describe('shapes and descriptions', () => {
  it('outputShapes lists each logical layer as built', () => {
    expect(outputShapes(MNIST_CNN, IMG, 10)).toEqual([
      { label: 'conv32·3×3', shape: [26, 26, 32] },
      { label: 'pool2', shape: [13, 13, 32] },
      { label: 'conv64·3×3', shape: [11, 11, 64] },
      { label: 'pool2', shape: [5, 5, 64] },
      { label: 'flatten', shape: [1600] },
      { label: 'dense128', shape: [128] },
      { label: 'drop0.5', shape: [128] },
      { label: 'output10', shape: [10] },
    ]);
    expect(outputShapes(SMALL_CNN, [12, 12, 1]).map((l) => l.shape)).toEqual([[10, 10, 4], [5, 5, 4], [2, 2, 6], [24], [5]]);
    expect(outputShapes({ kind: 'mlp', hidden: [16], activation: 'relu', dropout: 0.2 }, IMG, 10).map((l) => l.label)).toEqual([
      'flatten',
      'dense16',
      'drop0.2',
      'output10',
    ]);
    expect(outputShapes(MNIST_CNN, [2])).toEqual([]);
  });

  it('outputShapes agree with the built model', () => {
    const m = buildModel(SMALL_CNN, [12, 12, 1], 3, 'shapes');
    expect(m.outputShape).toEqual([null, 3]);
    expect(m.layers.map((l) => l.outputShape)).toEqual([
      [null, 10, 10, 4],
      [null, 5, 5, 4],
      [null, 2, 2, 6],
      [null, 2, 2, 6],
      [null, 2, 2, 6],
      [null, 24],
      [null, 5],
      [null, 3],
    ]);
    m.dispose();
  });

  it('describeArch for both kinds', () => {
    expect(describeArch(MNIST_CNN, IMG, 10)).toBe('CNN conv32·3×3 → pool2 → conv64·3×3 → pool2 → dense128 → drop0.5 → 10');
    expect(describeArch(SMALL_CNN, [12, 12, 1], 3)).toBe('CNN conv4·3×3 → pool2 → conv6·2×2/2·bn → dense5 → 3');
    expect(describeArch({ kind: 'mlp', hidden: [64, 64], activation: 'tanh' }, [2], 3)).toBe('MLP 2→64→64→3');
    expect(describeArch({ kind: 'mlp', hidden: [64, 64], activation: 'tanh' }, 2, 3)).toBe('MLP 2→64→64→3');
    expect(describeArch(findPreset(IMAGE_TEACHER_PRESETS, 'hinton-mlp-1200-1200').spec, IMG, 10)).toBe('MLP 784→1200→1200→10 (dropout 0.5)');
  });

  it('hiddenLayerOptions: one per conv/dense block, pools included, dropout excluded', () => {
    expect(hiddenLayerOptions(MNIST_CNN, IMG)).toMatchObject([
      { index: 0, label: 'conv32·3×3 → pool2 (13×13×32)', width: 5408 },
      { index: 1, label: 'conv64·3×3 → pool2 (5×5×64)', width: 1600 },
      { index: 2, label: 'dense128 (128)', width: 128 },
    ]);
    expect(hiddenLayerOptions({ kind: 'mlp', hidden: [1200, 1200], activation: 'relu', dropout: 0.5 }, IMG)).toMatchObject([
      { index: 0, label: 'dense1200 (1200)', width: 1200 },
      { index: 1, label: 'dense1200 (1200)', width: 1200 },
    ]);
    expect(hiddenLayerOptions({ kind: 'mlp', hidden: [], activation: 'relu' }, [2])).toEqual([]);
  });
});

describe('presets', () => {
  it('every preset is valid for its family, with an id, a label and a note for image presets', () => {
    for (const family of ['toy', 'image'] as const) {
      const { teachers, students } = presetsFor(family);
      const [shape, classes] = family === 'image' ? [IMG, 10] : [[2], 3];
      for (const p of [...teachers, ...students]) expect(validateArch(p.spec, shape, classes), p.id).toBeNull();
      const ids = [...teachers, ...students].map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const p of [...IMAGE_TEACHER_PRESETS, ...IMAGE_STUDENT_PRESETS]) expect(p.note).toMatch(/\.$/);
    expect(presetsFor('toy').teachers).toBe(TEACHER_PRESETS);
    expect(IMAGE_STUDENT_PRESETS.map((p) => p.id)).toEqual(['mlp-800-800', 'mlp-100', 'mlp-32']);
  });

  it('the students are real compressions of the image teachers', () => {
    const cnn = paramCount(MNIST_CNN, IMG, 10);
    const hinton = paramCount(findPreset(IMAGE_TEACHER_PRESETS, 'hinton-mlp-1200-1200').spec, IMG, 10);
    for (const id of ['mlp-100', 'mlp-32']) expect(paramCount(findPreset(IMAGE_STUDENT_PRESETS, id).spec, IMG, 10)).toBeLessThan(cnn);
    for (const p of IMAGE_STUDENT_PRESETS) expect(paramCount(p.spec, IMG, 10)).toBeLessThan(hinton);
  });
});
