import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { holdOutValidation } from '../../src/engine/data/validation';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import { poolableTrials, recordSettings } from '../../src/engine/train/trialSettings';
import type { ExperimentConfig, Phase, TrialResult } from '../../src/engine/train/types';
import type { PhaseContext } from '../../src/engine/train/phaseContext';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const BASE: ExperimentConfig = toyConfig({ samples: 600, teacher: { kind: 'mlp', hidden: [32, 32], activation: 'tanh' }, epochs: 2, seed: 11 });
const noHooks = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };
const load = (cfg: ExperimentConfig) => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
const controller = () => new RunController({ temperature: BASE.temperature, alpha: BASE.alpha });

beforeAll(async () => {
  await useCpu();
});

describe('validation split', () => {
  it('holds out a seeded, stratified, disjoint share of the training set', async () => {
    const data = await load(BASE);
    const a = holdOutValidation(data.train, 2, 0.1, 7);
    const b = holdOutValidation(data.train, 2, 0.1, 7);
    expect(a.validation!.count + a.train.count).toBe(data.train.count);
    expect(a.validation!.count).toBe(48); // 3 classes × round(160 × 0.1)
    expect(Array.from(a.validation!.x)).toEqual(Array.from(b.validation!.x));
    for (let c = 0; c < 3; c++) expect(Array.from(a.validation!.y).filter((y) => y === c)).toHaveLength(16);
    const rows = (s: { x: Float32Array; count: number }) => new Set(Array.from({ length: s.count }, (_, i) => `${s.x[2 * i]},${s.x[2 * i + 1]}`));
    const train = rows(a.train);
    expect([...rows(a.validation!)].some((r) => train.has(r))).toBe(false);
    expect(holdOutValidation(data.train, 2, 0.1, 8).validation!.x).not.toEqual(a.validation!.x);
    expect(holdOutValidation(data.train, 2, 0, 7)).toEqual({ train: data.train, validation: null });
  });

  it('no model trains on it; results, sweeps and the bias correction report it next to test', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const trials: TrialResult[] = [];
    const out = await runExperiment(
      { ...BASE, epochs: 10, validationFraction: 0.1, excludeClasses: [2], sweep: { temperatures: [1, 8], alphas: [] } },
      data,
      controller(),
      { ...noHooks, onTrial: (t) => trials.push(t) },
    );
    const r = out.results;
    expect(r.trainCounts).toEqual({ teacher: data.train.count - 48, students: expect.any(Number), validation: 48 });
    for (const m of [r.teacher, r.scratch, r.distilled]) {
      expect(m.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(m.valAccuracy! * 48).toBeCloseTo(Math.round(m.valAccuracy! * 48), 9); // a count of 48 examples
    }
    expect(r.teacher.valAccuracy).toBeGreaterThan(0.75);
    expect(r.sweep!.baselineVal).toBe(r.scratch.valAccuracy);
    for (const p of trials) expect(p.kind === 'sweep' && typeof p.valAccuracy === 'number' && p.baselineVal === r.scratch.valAccuracy).toBe(true);
    // The distilled student's validation logits (class 2 left out) give the same validation accuracy.
    const v = r.validationLogits!;
    expect(v.labels).toHaveLength(48);
    expect(v.logits).toHaveLength(48 * 3);
    const preds = v.labels.map((_, i) => [0, 1, 2].reduce((best, k) => (v.logits[i * 3 + k]! > v.logits[i * 3 + best]! ? k : best), 0));
    expect(preds.filter((p, i) => p === v.labels[i]).length / 48).toBeCloseTo(r.distilled.valAccuracy!, 9);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('each trial uses the settings it reports', () => {
  it('records settings, notices a mid-trial change, and pools only identical settings', () => {
    let w = { temperature: 4, alpha: 0.7, scaleByT2: true, softTerm: 'kl' as const };
    const rec = recordSettings(() => w);
    rec.weights(1);
    expect(rec.settings()).toEqual({ temperature: 4, alpha: 0.7, changed: false });
    w = { ...w, temperature: 8 };
    rec.weights(2);
    expect(rec.settings()).toEqual({ temperature: 8, alpha: 0.7, changed: true });
    const s = (temperature: number, changed = false) => ({ temperature, alpha: 0.7, changed });
    expect(poolableTrials([s(4), s(4), s(4)])).toEqual([0, 1, 2]);
    expect(poolableTrials([s(4), s(8), s(8)])).toEqual([1, 2]);
    expect(poolableTrials([s(4), s(4, true), s(4)])).toEqual([0, 2]);
    expect(poolableTrials([s(4), s(8)])).toEqual([0]);
  });

  it('moving T before seed 2 is recorded per seed, and mean ± std pools seeds 2 and 3 only', async () => {
    const data = await load(BASE);
    const c = controller();
    const trials: TrialResult[] = [];
    const out = await runExperiment({ ...BASE, repeats: 3 }, data, c, {
      ...noHooks,
      onPhase: (phase: Phase, _s: number, context: PhaseContext | null) => {
        if (phase === 'scratch' && context?.kind === 'seed' && context.seed === 2) c.hyper = { temperature: 8, alpha: 0.7 };
      },
      onTrial: (t) => trials.push(t),
    });
    const seeds = out.results.seeds!;
    expect(seeds.settings).toEqual([
      { temperature: 4, alpha: 0.7, changed: false },
      { temperature: 8, alpha: 0.7, changed: false },
      { temperature: 8, alpha: 0.7, changed: false },
    ]);
    expect(trials.map((t) => (t.kind === 'seed' ? t.settings : null))).toEqual(seeds.settings!.slice(1));
    expect(seeds.pooled).toEqual([2, 3]);
    expect(seeds.gain.n).toBe(2);
    const gain = (t: TrialResult) => (t.kind === 'seed' ? (t.distilled - t.scratch) * 100 : NaN);
    expect(seeds.gains[0]).toBeCloseTo(gain(trials[0]!), 9);
    expect(seeds.gains[1]).toBeCloseTo(gain(trials[1]!), 9);
    expect(seeds.variance).toBe('students');
    out.dispose();
  });
});

describe('teacher per seed', () => {
  it('retrains the teacher for each extra seed, reports its accuracy, labels the variance and leaks nothing', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const phases: string[] = [];
    const trials: TrialResult[] = [];
    const out = await runExperiment({ ...BASE, repeats: 2, teacherPerSeed: true }, data, controller(), {
      ...noHooks,
      onPhase: (p, _s, ctx) => phases.push(`${p}${ctx?.kind === 'seed' ? `@${ctx.seed}` : ''}`),
      onTrial: (t) => trials.push(t),
    });
    expect(phases.slice(0, 6)).toEqual(['teacher', 'scratch', 'distill', 'teacher@2', 'scratch@2', 'distill@2']);
    const t2 = trials[0]!;
    expect(t2.kind === 'seed' && typeof t2.teacher === 'number' && t2.teacher > 0.5).toBe(true);
    expect(t2.kind === 'seed' && t2.teacher).not.toBe(out.results.teacher.accuracy);
    expect(out.results.seeds!.variance).toBe('students-and-teacher');
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
