import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../../src/engine/data/types';
import { Rng } from '../../src/engine/rng';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import { readWeights, type ResumePoint } from '../../src/engine/train/resumePoint';
import type { ArchSpec } from '../../src/engine/models/spec';
import type { ExperimentConfig, TrialResult } from '../../src/engine/train/types';
import { biasCorrection, biasedPredictions } from '../../src/engine/inspect/biasCorrection';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const SIDE = 8;

/** `n` seeded 8×8 colour pictures of 3 classes: a square of the class's hue at a random place, on a noisy grey ground. */
function pictures(n: number, rng: Rng): Split {
  const x = new Float32Array(n * SIDE * SIDE * 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    y[i] = label;
    const [ox, oy] = [rng.int(SIDE - 3), rng.int(SIDE - 3)];
    for (let py = 0; py < SIDE; py++)
      for (let px = 0; px < SIDE; px++)
        for (let c = 0; c < 3; c++) {
          const inside = px >= ox && px < ox + 3 && py >= oy && py < oy + 3;
          x[((i * SIDE + py) * SIDE + px) * 3 + c] = inside ? (c === label ? 0.9 : 0.1) : 0.4 + 0.2 * rng.next();
        }
  }
  return { x, y, count: n };
}

const rng = new Rng(11);
const DATA: Dataset = { id: 'colour-test', name: 'colour test', inputShape: [SIDE, SIDE, 3], numClasses: 3, classNames: ['red', 'green', 'blue'], train: pictures(120, rng), test: pictures(30, rng) };

const TEACHER: ArchSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 8, activation: 'relu' },
  ],
};
const STUDENT: ArchSpec = {
  kind: 'cnn',
  layers: [{ type: 'conv', filters: 2, kernel: 3, stride: 1, activation: 'relu' }, { type: 'maxpool', size: 2 }, { type: 'flatten' }],
};

/** A colour experiment: the CNN pair above, flips and shifts for every model. */
function colourConfig(overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return toyConfig({ dataset: 'colour-shapes', teacher: TEACHER, student: STUDENT, flip: true, augment: 'all', batchSize: 16, learningRate: 0.01, ...overrides });
}

/** Runs one experiment on the colour pictures; returns the final student's weights, the trials and the checkpoints. */
async function run(cfg: ExperimentConfig, resume?: ResumePoint) {
  const checkpoints: ResumePoint[] = [];
  const trials: TrialResult[] = [];
  const before = tf.memory().numTensors;
  const out = await runExperiment(
    cfg,
    DATA,
    new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }),
    { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {}, onTrial: (t) => trials.push(t), onCheckpoint: (c) => checkpoints.push(c) },
    resume ? { resume } : {},
  );
  const weights = (await readWeights(out.student)).map((w) => Array.from(w));
  const results = out.results;
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return { weights, results, trials, checkpoints };
}

beforeAll(async () => {
  await useCpu();
});

describe('a colour image run goes through every experiment path (CPU backend, 8×8×3 pictures)', () => {
  it('a FitNets hint between conv layers (1×1 conv adapter), with flips and shifts, trains and ends with finite results', async () => {
    const r = await run(colourConfig({ hint: { teacherLayer: 0, studentLayer: 0, beta: 0.5 } }));
    for (const m of [r.results.teacher, r.results.scratch, r.results.distilled]) expect(m.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.weights.flat().every(Number.isFinite)).toBe(true);
  });

  it('seeds and a sweep on a validation hold-out report a trial each', async () => {
    const seeds = await run(colourConfig({ repeats: 2 }));
    // The extra seed is a trial (the main run is the first seed).
    const extra = seeds.trials.filter((t) => t.kind === 'seed');
    expect(extra).toHaveLength(1);
    expect(Number.isFinite(extra[0]!.scratch) && Number.isFinite(extra[0]!.distilled)).toBe(true);
    const sweep = await run(colourConfig({ sweep: { temperatures: [2, 6], alphas: [0.5] }, validationFraction: 0.2 }));
    const points = sweep.trials.filter((t) => t.kind === 'sweep');
    expect(points.map((p) => p.temperature)).toEqual([2, 6]);
    expect(points.every((p) => Number.isFinite(p.accuracy) && typeof p.valAccuracy === 'number')).toBe(true);
  });

  it('a left-out class: the distilled student never sees it, and the bias correction reads its validation logits', async () => {
    const r = await run(colourConfig({ excludeClasses: [1], transferSize: 60, validationFraction: 0.2 }));
    const v = r.results.validationLogits!;
    expect(v.labels.length).toBeGreaterThan(0);
    expect(v.logits).toHaveLength(v.labels.length * 3);
    // A huge bias on the left-out class makes the student predict it for every picture: its class accuracy becomes 1.
    const corrected = biasCorrection(Float32Array.from(v.logits), v.labels, 3, 1, 1e6);
    expect(corrected.after.classAccuracy).toBe(1);
    expect(corrected.before.accuracy).not.toBeNull();
    expect(Array.from(biasedPredictions(Float32Array.from(v.logits), 3, 1, 1e6)).every((p) => p === 1)).toBe(true);
  });

  it('resumes from a distillation checkpoint to exactly the uninterrupted weights', async () => {
    const cfg = colourConfig({ epochs: 3 });
    const full = await run(cfg);
    const point = full.checkpoints.find((c) => c.phase === 'distill' && c.epoch === 1)!;
    expect(point).toBeDefined();
    const resumed = await run(cfg, point);
    expect(resumed.weights).toEqual(full.weights);
  });
});
