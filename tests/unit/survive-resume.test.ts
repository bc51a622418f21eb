import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import { hardLossParts } from '../../src/engine/losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { LossDivergedError } from '../../src/engine/train/errors';
import { runExperiment, type ExperimentOutcome } from '../../src/engine/train/experiment';
import {
  captureResumePoint,
  decodeResumePoint,
  encodeResumePoint,
  readWeights,
  restoreModel,
  restoreOptimizer,
  type ResumePoint,
} from '../../src/engine/train/resumePoint';
import { trainStep } from '../../src/engine/train/step';
import type { EpochPoint, ExperimentConfig, LossPoint, Phase } from '../../src/engine/train/types';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const BASE: ExperimentConfig = toyConfig({
  // Dropout in the teacher: its seeded mask stream must continue where it stopped.
  teacher: { kind: 'mlp', hidden: [24, 24], activation: 'tanh', dropout: 0.1 },
  epochs: 3,
});

const load = (cfg: ExperimentConfig) => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
const controller = (cfg: ExperimentConfig) => new RunController({ temperature: cfg.temperature, alpha: cfg.alpha });

/** One run, recording its loss and epoch points, phase starts and checkpoints. */
async function record(cfg: ExperimentConfig, resume: ResumePoint | null = null) {
  const data = await load(cfg);
  const losses: LossPoint[] = [];
  const epochs: EpochPoint[] = [];
  const phases: [Phase, number][] = [];
  const checkpoints: ResumePoint[] = [];
  const out: ExperimentOutcome = await runExperiment(
    cfg,
    data,
    controller(cfg),
    {
      onPhase: (p, _steps, context, from) => {
        if (context === null) phases.push([p, from]);
      },
      onLoss: (p) => losses.push(...p),
      onEpoch: (e) => epochs.push(e),
      onCheckpoint: (c) => checkpoints.push(c),
    },
    { resume },
  );
  const weights = await readWeights(out.student);
  out.dispose();
  return { results: out.results, losses, epochs, phases, checkpoints, weights };
}

const maxAbsDiff = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - b[i]![j]!)))));

beforeAll(async () => {
  await useCpu();
});

describe('resume from a checkpoint', () => {
  it('an interrupted run resumed from any epoch ends like the uninterrupted run, and the epochs continue', async () => {
    const full = await record(BASE);
    // One checkpoint per epoch of every phase of the main run: 3 phases × 3 epochs.
    expect(full.checkpoints.map((c) => `${c.phase}${c.epoch}`)).toEqual(['teacher1', 'teacher2', 'teacher3', 'scratch1', 'scratch2', 'scratch3', 'distill1', 'distill2', 'distill3']);
    const stepsPerEpoch = Math.ceil(240 / 32);
    expect(full.checkpoints[1]!.step).toBe(2 * stepsPerEpoch);
    expect(full.checkpoints[0]!.teacherWeights).toBeNull();
    expect(full.checkpoints[3]!.teacherWeights).not.toBeNull();
    for (const at of [1, 4, 6]) {
      // Through the codec, as the studio stores it.
      const point = decodeResumePoint(encodeResumePoint(full.checkpoints[at]!));
      const before = tf.memory().numTensors;
      const resumed = await record(BASE, point);
      expect(tf.memory().numTensors).toBe(before);
      // Phases before the checkpoint's are skipped; its own continues after the saved epoch.
      expect(resumed.phases[0]).toEqual([point.phase, point.epoch]);
      const own = resumed.epochs.filter((e) => e.phase === point.phase).map((e) => e.epoch);
      expect(own).toEqual(Array.from({ length: BASE.epochs - point.epoch }, (_, i) => point.epoch + 1 + i));
      expect(resumed.losses[0]).toMatchObject({ phase: point.phase, step: point.step + 1 });
      // The same losses, step for step, as the uninterrupted run from there on.
      const tail = full.losses.filter((l) => l.phase !== point.phase || l.step > point.step).slice(-resumed.losses.length);
      expect(resumed.losses.length).toBe(full.losses.filter((l) => ['teacher', 'scratch', 'distill'].indexOf(l.phase) > ['teacher', 'scratch', 'distill'].indexOf(point.phase) || (l.phase === point.phase && l.step > point.step)).length);
      resumed.losses.forEach((l, i) => {
        expect(l.step).toBe(tail[i]!.step);
        expect(l.total).toBeCloseTo(tail[i]!.total, 4);
      });
      // Final weights and metrics: bit-identical on the CPU backend in this run (measured max |Δ| = 0). The bound
      // allows float32 rounding only: tfjs restores Adam's bias correction as one pow β^(t+1) instead of the running
      // product of t multiplications, which can differ in the last bit for other step counts.
      const diff = maxAbsDiff(resumed.weights, full.weights);
      console.log(`[metrics] resumed after ${point.phase} epoch ${point.epoch}: max |Δ weight| vs uninterrupted = ${diff.toExponential(2)}; checkpoint ${encodeResumePoint(point).byteLength} bytes`);
      expect(diff).toBeLessThan(1e-6);
      for (const m of ['teacher', 'scratch', 'distilled'] as const) {
        expect(resumed.results[m].accuracy).toBe(full.results[m].accuracy);
        expect(resumed.results[m].loss).toBeCloseTo(full.results[m].loss, 4);
        expect(resumed.results[m].agreement).toBe(full.results[m].agreement);
      }
      expect(resumed.results.gainPoints).toBeCloseTo(full.results.gainPoints, 6);
    }
  }, 120_000);

  it('a checkpoint round-trips weights, optimizer slots and dropout positions: the next step is identical', async () => {
    const spec = { kind: 'mlp' as const, hidden: [6], activation: 'relu' as const, dropout: 0.2 };
    const make = () => {
      const m = buildModel(spec, [2], 3, 'm', { seed: 3 });
      assignWeights(m, seededWeights(m, 9));
      return m;
    };
    const x = tf.tensor2d([0.1, 0.4, -0.3, 0.8, 0.5, -0.9, 0.2, 0.2], [4, 2]);
    const y = tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3).toFloat() as tf.Tensor2D;
    const step = (m: tf.LayersModel, opt: tf.Optimizer) => trainStep(opt, trainableVariables(m), () => hardLossParts(y, m.apply(x, { training: true }) as tf.Tensor2D)).dispose();
    const a = make();
    const optA = tf.train.adam(0.05);
    for (let i = 0; i < 3; i++) step(a, optA);
    const before = tf.memory().numTensors;
    const point = await captureResumePoint({ phase: 'scratch', epoch: 1, step: 3, elapsedMs: 12, model: a, extra: [], optimizer: optA, optimizerName: 'adam', teacherWeights: [new Float32Array([1, 2])], finished: { teacher: { accuracy: 0.5, loss: 1, ece: 0.1, ms: 3, preds: [0, 1, 2] } } });
    expect(tf.memory().numTensors).toBe(before);
    expect(point.optimizerStep).toBe(3);
    expect(point.optimizerState).toHaveLength(8); // Adam: first and second moments of 2 kernels and 2 biases
    const decoded = decodeResumePoint(encodeResumePoint(point));
    expect(decoded.optimizerState.map((s) => s.values)).toEqual(point.optimizerState.map((s) => s.values));
    expect(decoded.weights).toEqual(point.weights);
    expect(decoded.dropoutCalls).toEqual([3]);
    expect(decoded.finished).toEqual(point.finished);
    expect(decoded.teacherWeights).toEqual([new Float32Array([1, 2])]);
    const b = make();
    const optB = tf.train.adam(0.05);
    restoreModel(b, [], decoded);
    await restoreOptimizer(optB, 'adam', decoded);
    expect(optB.iterations).toBe(3);
    step(a, optA);
    step(b, optB);
    expect(maxAbsDiff(await readWeights(b), await readWeights(a))).toBeLessThan(1e-6);
    // A different optimizer kind starts fresh instead of reading Adam's slots.
    const sgd = tf.train.sgd(0.1);
    await restoreOptimizer(sgd, 'sgd', decoded);
    expect(sgd.iterations).toBe(0);
    tf.dispose([x, y]);
    for (const o of [optA, optB, sgd]) o.dispose();
    a.dispose();
    b.dispose();
  });
});

describe('NaN guard', () => {
  it('a diverged resume keeps the last good checkpoint, leaks nothing, and continues with a lower learning rate', async () => {
    const full = await record({ ...BASE, epochs: 2 });
    const good = full.checkpoints.find((c) => c.phase === 'scratch' && c.epoch === 1)!;
    const saved = encodeResumePoint(good);
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const err = await runExperiment({ ...BASE, epochs: 2, optimizer: 'sgd', learningRate: 1e6 }, data, controller(BASE), { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} }, { resume: decodeResumePoint(saved) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LossDivergedError);
    expect((err as Error).message).toMatch(/^Loss (became NaN|became Infinity|exploded to [0-9.e+]+) at step \d+ of scratch student training: try a lower learning rate\.$/);
    expect(Number((err as LossDivergedError).step)).toBeGreaterThan(good.step);
    expect(tf.memory().numTensors).toBe(before);
    // The last good weights are untouched (the checkpoint lives in host memory) and finite.
    const kept = decodeResumePoint(saved);
    expect(kept.weights.every((w) => w.every(Number.isFinite))).toBe(true);
    const recovered = await record({ ...BASE, epochs: 2, learningRate: 0.01 }, kept);
    expect(recovered.epochs.filter((e) => e.phase === 'scratch').map((e) => e.epoch)).toEqual([2]);
    expect(Number.isFinite(recovered.results.distilled.loss)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
