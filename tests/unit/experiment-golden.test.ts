import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { assignWeights, buildModel, seededWeights } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment, type ExperimentOptions } from '../../src/engine/train/experiment';
import { readWeights, type ResumePoint } from '../../src/engine/train/resumePoint';
import type { ExperimentConfig, ExperimentResults, LossPoint, TrialResult } from '../../src/engine/train/types';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

/**
 * Bit-identity of the experiment on the CPU backend: fixed small configs, the SHA-256 of the final student's float32
 * weights, of every loss point and of every trial, and the results' metrics (timings and latency left out: they are
 * wall-clock figures). The fixture was written by the code before `runExperiment` was split into phases; a refactor
 * must reproduce it exactly. Regenerate only for an intended change of the maths: `GOLDEN_WRITE=1 npx vitest run <this file>`.
 */
const FIXTURE = new URL('../fixtures/experiment-golden.json', import.meta.url);
const WRITE = process.env.GOLDEN_WRITE === '1';

type Golden = Record<string, { weights: string; losses: string; trials: string; metrics: unknown }>;

const sha256 = (bytes: Uint8Array[]): string => {
  const h = createHash('sha256');
  for (const b of bytes) h.update(b);
  return h.digest('hex');
};

/** The results without wall-clock figures (train times, latency). */
function metricsOf(r: ExperimentResults): unknown {
  const model = ({ trainMs: _ms, ...rest }: ExperimentResults['teacher']) => rest;
  return { ...r, teacher: model(r.teacher), scratch: model(r.scratch), distilled: model(r.distilled), latency: null };
}

const load = (cfg: ExperimentConfig): Promise<Dataset> => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});

/** A teacher built and seeded outside the experiment (as a loaded file would be). */
function outsideTeacher(cfg: ExperimentConfig, data: Dataset): tf.LayersModel {
  const teacher = buildModel(cfg.teacher, data.inputShape, data.numClasses, 'given');
  assignWeights(teacher, seededWeights(teacher, 99));
  return teacher;
}

const logitsOf = (m: tf.LayersModel, x: Float32Array, n: number, shape: number[]): Float32Array =>
  tf.tidy(() => (m.predict(tf.tensor(x, [n, ...shape])) as tf.Tensor).dataSync().slice() as Float32Array);

interface Recorded {
  digest: Golden[string];
  checkpoints: ResumePoint[];
}

/**
 * One run and its digest. `liveAt`: when the main run's distillation reads back the loss of this step, T/α move to
 * `live` (deterministic: read-backs come every 5 steps).
 */
async function record(
  cfg: ExperimentConfig,
  options: (data: Dataset) => ExperimentOptions = () => ({}),
  live: { at: number; temperature: number; alpha: number } | null = null,
): Promise<Recorded> {
  const data = await load(cfg);
  const controller = new RunController({ temperature: cfg.temperature, alpha: cfg.alpha });
  const losses: LossPoint[] = [];
  const trials: TrialResult[] = [];
  const checkpoints: ResumePoint[] = [];
  const before = tf.memory().numTensors;
  const opts = options(data);
  const out = await runExperiment(
    cfg,
    data,
    controller,
    {
      onPhase: () => {},
      onLoss: (points) => {
        losses.push(...points);
        if (live && points.some((p) => p.phase === 'distill' && p.step === live.at)) controller.hyper = { temperature: live.temperature, alpha: live.alpha };
      },
      onEpoch: () => {},
      onTrial: (t) => trials.push(t),
      onCheckpoint: (c) => checkpoints.push(c),
    },
    opts,
  );
  const weights = await readWeights(out.student);
  const metrics = metricsOf(out.results);
  out.dispose();
  opts.teacher?.dispose();
  expect(tf.memory().numTensors).toBe(before);
  const lossBytes = new Float64Array(losses.flatMap((p) => [p.step, p.total, p.soft, p.hard, p.hint]));
  const text = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  return {
    digest: {
      weights: sha256(weights.map((w) => new Uint8Array(w.buffer, w.byteOffset, w.byteLength))),
      losses: sha256([text(losses.map((p) => p.phase)), new Uint8Array(lossBytes.buffer)]),
      trials: sha256([text(trials)]),
      metrics: JSON.parse(JSON.stringify(metrics)) as unknown,
    },
    checkpoints,
  };
}

const HINT = toyConfig({ hint: { teacherLayer: 0, studentLayer: 0, beta: 0.5 } });
const RESUMED = toyConfig({ teacher: { kind: 'mlp', hidden: [16], activation: 'tanh', dropout: 0.1 }, epochs: 3 });

/** The fixed configs; each returns its digest. */
const CASES: Record<string, () => Promise<Golden[string]>> = {
  'plain KL distillation': async () => (await record(toyConfig())).digest,
  'MSE soft term without T²': async () => (await record(toyConfig({ softTerm: 'mse', scaleByT2: false }))).digest,
  'FitNets hint': async () => (await record(HINT)).digest,
  'a live T/α change during distillation': async () => (await record(toyConfig({ epochs: 3 }), () => ({}), { at: 10, temperature: 2, alpha: 0.4 })).digest,
  'three seeds, one teacher': async () => (await record(toyConfig({ repeats: 3 }))).digest,
  'three seeds, a teacher per seed': async () => (await record(toyConfig({ repeats: 3, teacherPerSeed: true }))).digest,
  'a sweep with a validation hold-out': async () =>
    (await record(toyConfig({ sweep: { temperatures: [2, 6], alphas: [0.5] }, validationFraction: 0.2 }))).digest,
  'a loaded teacher, two seeds': async () => (await record(toyConfig({ repeats: 2, teacherPerSeed: true }), (d) => ({ teacher: outsideTeacher(toyConfig(), d) }))).digest,
  'a precomputed teacher with a hold-out and a transfer subset': async () => {
    const cfg = toyConfig({ validationFraction: 0.2, transferSize: 90 });
    return (
      await record(cfg, (d) => {
        const t = outsideTeacher(cfg, d);
        const pre = { train: logitsOf(t, d.train.x, d.train.count, d.inputShape), test: logitsOf(t, d.test.x, d.test.count, d.inputShape), params: 77 };
        t.dispose();
        return { precomputed: pre };
      })
    ).digest;
  },
  'a transfer subset without class 1, teacher live': async () =>
    (await record(toyConfig({ transferSize: 120, excludeClasses: [1], validationFraction: 0.2, teacherLive: true }))).digest,
  'resumed from the scratch phase and from the distillation': async () => {
    const full = await record(RESUMED);
    const at = (phase: string, epoch: number) => full.checkpoints.find((c) => c.phase === phase && c.epoch === epoch)!;
    const fromScratch = await record(RESUMED, () => ({ resume: at('scratch', 1) }));
    const fromDistill = await record(RESUMED, () => ({ resume: at('distill', 2) }));
    // A resumed run ends exactly where the uninterrupted one does.
    expect(fromScratch.digest.weights).toBe(full.digest.weights);
    expect(fromDistill.digest.weights).toBe(full.digest.weights);
    return { ...fromDistill.digest, losses: sha256([new TextEncoder().encode(fromScratch.digest.losses + fromDistill.digest.losses)]) };
  },
};

beforeAll(async () => {
  await useCpu();
});

describe('the experiment is bit-identical to its recorded fixture (CPU backend)', () => {
  const golden: Golden = existsSync(FIXTURE) ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Golden) : {};
  const written: Golden = {};
  for (const [name, run] of Object.entries(CASES)) {
    it(name, async () => {
      const digest = await run();
      if (WRITE) {
        written[name] = digest;
        writeFileSync(FIXTURE, `${JSON.stringify({ ...golden, ...written }, null, 1)}\n`);
        return;
      }
      expect(golden[name], `no fixture for "${name}": run with GOLDEN_WRITE=1 once`).toBeDefined();
      expect(digest.metrics).toEqual(golden[name]!.metrics);
      expect(digest.losses).toBe(golden[name]!.losses);
      expect(digest.trials).toBe(golden[name]!.trials);
      expect(digest.weights).toBe(golden[name]!.weights);
    });
  }
});
