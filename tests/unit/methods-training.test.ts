import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Split } from '../../src/engine/data/types';
import type { ArchSpec } from '../../src/engine/models/spec';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { ExperimentConfig, LossPoint } from '../../src/engine/train/types';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { Rng } from '../../src/engine/rng';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

beforeAll(async () => {
  await useCpu();
});

/** 8×8 grey images of 4 classes: a bright 4×4 patch in quadrant k, plus noise (seeded). */
function quadrants(count: number, seed: number): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 64);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 4;
    y[i] = k;
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 8; c++) {
        const inside = Math.floor(r / 4) === Math.floor(k / 2) && Math.floor(c / 4) === k % 2;
        x[i * 64 + r * 8 + c] = (inside ? 0.8 : 0.1) + 0.2 * rng.uniform(-1, 1);
      }
    }
  }
  return { x, y, count };
}

const images: Dataset = {
  id: 'quadrants',
  name: 'Quadrants (test)',
  inputShape: [8, 8, 1],
  numClasses: 4,
  classNames: ['0', '1', '2', '3'],
  train: quadrants(96, 1),
  test: quadrants(40, 2),
};

const cnn = (filters: number, pool: boolean): ArchSpec => ({
  kind: 'cnn',
  layers: [
    { type: 'conv', filters, kernel: 3, stride: 1, activation: 'relu' },
    ...(pool ? [{ type: 'maxpool' as const, size: 2 }] : []),
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'relu' },
  ],
});

/** An image experiment: a CNN teacher with 6×6 maps, a CNN student with 3×3 maps (pooled), so AT pools to the smaller. */
const imageConfig = (o: Partial<ExperimentConfig>): ExperimentConfig =>
  toyConfig({ dataset: 'mnist', teacher: cnn(8, false), student: cnn(4, true), epochs: 4, batchSize: 16, learningRate: 0.01, ...o });

async function distillLosses(cfg: ExperimentConfig, data: Dataset | null): Promise<LossPoint[]> {
  const d = data ?? (await (await import('../../src/engine/data/registry')).DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {}));
  const controller = new RunController({ temperature: cfg.temperature, alpha: cfg.alpha });
  const losses: LossPoint[] = [];
  const before = tf.memory().numTensors;
  const out = await runExperiment(cfg, d, controller, { onPhase: () => {}, onLoss: (p) => losses.push(...p), onEpoch: () => {} }, {});
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return losses.filter((p) => p.phase === 'distill');
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
/** The mean total loss of the first and of the last quarter of the distillation's read-back points. */
function firstAndLast(points: LossPoint[]): [number, number] {
  const q = Math.max(1, Math.floor(points.length / 4));
  return [mean(points.slice(0, q).map((p) => p.total)), mean(points.slice(-q).map((p) => p.total))];
}

describe('a short run with each new method trains and lowers its loss (CPU backend)', () => {
  const cases: [string, ExperimentConfig, Dataset | null, 'at' | 'rkd' | null][] = [
    ['DKD (no warm-up)', toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 0 }, epochs: 6 }), null, null],
    ['KL with logit standardisation', toyConfig({ logitStandardize: true, epochs: 6 }), null, null],
    ['DKD with standardisation', toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 2, warmup: 0 }, logitStandardize: true, epochs: 6 }), null, null],
    ['RKD on the logits (MLP)', toyConfig({ rkd: { distanceWeight: 25, angleWeight: 50, source: 'logits', teacherLayer: 0, studentLayer: 0 }, epochs: 6 }), null, 'rkd'],
    ['attention transfer (CNN, 6×6 vs 3×3 maps)', imageConfig({ alpha: 0, attention: { teacherLayers: [0], studentLayers: [0], beta: 1000 } }), images, 'at'],
    ['RKD on hidden blocks (CNN)', imageConfig({ rkd: { distanceWeight: 25, angleWeight: 50, source: 'hidden', teacherLayer: 1, studentLayer: 1 } }), images, 'rkd'],
  ];
  it.each(cases)('%s', async (_name, cfg, data, term) => {
    expect(validateConfig(cfg)).toBeNull();
    const points = await distillLosses(cfg, data);
    expect(points.length).toBeGreaterThan(4);
    expect(points.every((p) => Number.isFinite(p.total))).toBe(true);
    const [first, last] = firstAndLast(points);
    expect(last).toBeLessThan(first);
    if (term) {
      expect(points.some((p) => (p[term] ?? 0) > 0)).toBe(true);
      // The total is soft + hard + the added term.
      for (const p of points) expect(p.total).toBeCloseTo(p.soft + p.hard + p.hint + (p.at ?? 0) + (p.rkd ?? 0), 4);
    } else {
      expect(points.every((p) => p.at === undefined && p.rkd === undefined)).toBe(true);
    }
  }, 60_000);

  it('DKD’s warm-up scales its soft term linearly over the first epochs', async () => {
    const warm = await distillLosses(toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 4 }, alpha: 1, epochs: 1 }), null);
    const cold = await distillLosses(toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 0 }, alpha: 1, epochs: 1 }), null);
    // Same teacher, same initial student, first read-back step: the warmed-up loss is 1/4 of the full one in epoch 1.
    expect(warm[0]!.step).toBe(cold[0]!.step);
    expect(warm[0]!.soft).toBeCloseTo(cold[0]!.soft / 4, 5);
  }, 60_000);
});

describe('validation', () => {
  it('refuses attention transfer for an MLP student or teacher, with a message that says why', () => {
    const at = { teacherLayers: [0], studentLayers: [0], beta: 1000 };
    expect(validateConfig(toyConfig({ attention: at }))).toMatch(/Attention transfer needs convolutional teacher and student: the student is an MLP/);
    const mnistMlp = imageConfig({ student: { kind: 'mlp', hidden: [32], activation: 'relu' }, attention: at });
    expect(validateConfig(mnistMlp)).toMatch(/the student is an MLP, whose layers have no spatial attention map/);
    expect(validateConfig(imageConfig({ teacher: { kind: 'mlp', hidden: [32], activation: 'relu' }, attention: at }))).toMatch(/the teacher is an MLP/);
    // A dense block of a CNN has no map either; pairs must match one to one.
    expect(validateConfig(imageConfig({ attention: { ...at, teacherLayers: [1] } }))).toMatch(/dense layer; pick a conv layer/);
    expect(validateConfig(imageConfig({ attention: { ...at, studentLayers: [0, 0] } }))).toMatch(/one to one/);
    expect(validateConfig(imageConfig({ attention: at }))).toBeNull();
  });

  it('refuses standardised MSE, negative weights, missing RKD layers and a batch too large for the angle term', () => {
    expect(validateConfig(toyConfig({ softTerm: 'mse', logitStandardize: true }))).toMatch(/KL and DKD/);
    expect(validateConfig(toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: -1, warmup: 0 } }))).toMatch(/DKD weight β/);
    const rkd = { distanceWeight: 25, angleWeight: 50, source: 'hidden' as const, teacherLayer: 0, studentLayer: 3 };
    expect(validateConfig(toyConfig({ rkd }))).toMatch(/RKD: the student has no hidden block 4/);
    expect(validateConfig(toyConfig({ rkd: { ...rkd, studentLayer: 0 }, batchSize: 512 }))).toMatch(/at most 128 examples per batch/);
    expect(validateConfig(toyConfig({ rkd: { ...rkd, studentLayer: 0, angleWeight: 0 }, batchSize: 512 }))).toBeNull();
    expect(validateConfig(toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 5 }, logitStandardize: true }))).toBeNull();
  });
});

describe('a loaded teacher', () => {
  const loaded = { id: 'teacher-1', name: 'model.json' };
  it('refuses attention transfer and hidden-layer RKD before the run (it gives only its logits), keeps RKD on the logits', () => {
    const at = { teacherLayers: [0], studentLayers: [0], beta: 1000 };
    expect(validateConfig(imageConfig({ attention: at }))).toBeNull();
    expect(validateConfig(imageConfig({ attention: at, pretrainedTeacher: loaded }))).toBe(
      'Attention transfer reads the teacher’s conv layers, and a loaded teacher gives only its logits: turn attention transfer off or remove the loaded teacher.',
    );
    const rkd = { distanceWeight: 25, angleWeight: 50, source: 'hidden' as const, teacherLayer: 1, studentLayer: 1 };
    expect(validateConfig(imageConfig({ rkd }))).toBeNull();
    expect(validateConfig(imageConfig({ rkd, pretrainedTeacher: loaded }))).toMatch(/^RKD on a hidden layer reads the teacher’s hidden features, and a loaded teacher gives only its logits/);
    expect(validateConfig(imageConfig({ rkd: { ...rkd, source: 'logits' }, pretrainedTeacher: loaded }))).toBeNull();
  });
});
