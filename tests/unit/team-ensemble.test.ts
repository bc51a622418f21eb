import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { paramCount } from '../../src/engine/models/spec';
import { RunController } from '../../src/engine/train/controller';
import { ensembleLogits } from '../../src/engine/train/ensemble';
import { teacherLogits, type Teacher } from '../../src/engine/train/teacher';
import { runExperiment } from '../../src/engine/train/experiment';
import type { PhaseContext } from '../../src/engine/train/phaseContext';
import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase } from '../../src/engine/train/types';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

beforeAll(async () => {
  await useCpu();
});

const softmaxAt = (z: number[], t: number) => {
  const e = z.map((v) => Math.exp(v / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('ensemble soft targets: the average of the K teachers’ softmax(z/T), averaged at T (Hinton 2015)', () => {
  it('two teachers, T = 2, by hand', () => {
    // softmax([2, 0] / 2) = [e/(e+1), 1/(e+1)] = [0.7310586, 0.2689414]; softmax([0, 0] / 2) = [0.5, 0.5].
    // Their mean is [0.6155293, 0.3844707]; the stand-in logits are 2 · ln(mean) = [−0.9705455, −1.9117753].
    const out = ensembleLogits([tf.tensor2d([[2, 0]]), tf.tensor2d([[0, 0]])], 2, 'kl');
    const z = Array.from(out.dataSync());
    expect(z[0]).toBeCloseTo(-0.9705455, 5);
    expect(z[1]).toBeCloseTo(-1.9117753, 5);
    const p = Array.from(tf.softmax(tf.div(out, 2)).dataSync());
    expect(p[0]).toBeCloseTo(0.6155293, 6);
    expect(p[1]).toBeCloseTo(0.3844707, 6);
  });

  it('three teachers, three classes, two rows: softmax(out / T) is the mean of the teachers’ probabilities (KL and DKD)', () => {
    const rows = [
      [[1, 2, 3], [0, 0, 9]],
      [[-4, 0, 4], [2, 2, 2]],
      [[30, -30, 0], [1, 0, -1]],
    ];
    for (const t of [0.5, 1, 4]) {
      for (const term of ['kl', 'dkd'] as const) {
        const out = tf.tidy(() => Array.from(tf.softmax(tf.div(ensembleLogits(rows.map((r) => tf.tensor2d(r)), t, term), t)).dataSync()));
        for (let r = 0; r < 2; r++) {
          const mean = [0, 1, 2].map((c) => rows.reduce((a, m) => a + softmaxAt(m[r]!, t)[c]!, 0) / 3);
          for (let c = 0; c < 3; c++) expect(out[r * 3 + c]).toBeCloseTo(mean[c]!, 6);
        }
      }
    }
  });

  it('MSE on logits averages the logits themselves', () => {
    const out = ensembleLogits([tf.tensor2d([[2, 0, -1]]), tf.tensor2d([[0, 4, 1]])], 3, 'mse');
    expect(Array.from(out.dataSync())).toEqual([1, 2, 0]);
  });

  it('a batch of an ensemble teacher: its rows of every member, combined at the step’s T (so a live T change is exact)', () => {
    const members = [tf.tensor2d([[2, 0], [0, 3]]), tf.tensor2d([[0, 0], [1, 1]])];
    const teacher: Teacher = { model: null, cached: null, preds: new Int32Array(2), ensemble: members };
    const idx = tf.tensor1d([1, 0], 'int32');
    const b = { x: tf.zeros([2, 2]), yOneHot: tf.zeros([2, 2]) as tf.Tensor2D, idx, step: 1, epoch: 1 };
    for (const t of [1, 2, 5]) {
      const z = teacherLogits(teacher, b, b.x, { temperature: t, alpha: 0.5, scaleByT2: true, softTerm: 'kl' });
      const p = Array.from(tf.softmax(tf.div(z, t)).dataSync());
      // Row 0 of the batch is example 1: the mean of softmax([0, 3]/T) and softmax([1, 1]/T).
      const want0 = [0, 1].map((c) => (softmaxAt([0, 3], t)[c]! + softmaxAt([1, 1], t)[c]!) / 2);
      const want1 = [0, 1].map((c) => (softmaxAt([2, 0], t)[c]! + softmaxAt([0, 0], t)[c]!) / 2);
      [...want0, ...want1].forEach((w, i) => expect(p[i]).toBeCloseTo(w, 6));
    }
    expect(() => teacherLogits(teacher, b, b.x)).toThrow(/needs the step’s temperature/);
    tf.dispose([...members, idx, b.x, b.yOneHot]);
  });

  it('leaks no tensors', () => {
    const members = [tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]])];
    const before = tf.memory().numTensors;
    for (const term of ['kl', 'mse'] as const) ensembleLogits(members, 2, term).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(members);
  });
});

/** Runs a toy experiment, recording each announced phase with its context; asserts numTensors is flat. */
async function run(cfg: ExperimentConfig): Promise<{ results: ExperimentResults; phases: [Phase, PhaseContext | null][]; losses: LossPoint[]; epochs: EpochPoint[] }> {
  expect(validateConfig(cfg)).toBeNull();
  const data = await DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
  const phases: [Phase, PhaseContext | null][] = [];
  const losses: LossPoint[] = [];
  const epochs: EpochPoint[] = [];
  const before = tf.memory().numTensors;
  const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), {
    onPhase: (p, _s, c) => phases.push([p, c]),
    onLoss: (p) => losses.push(...p),
    onEpoch: (e) => epochs.push(e),
  });
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return { results: out.results, phases, losses, epochs };
}

describe('a run with a teacher ensemble or a teaching assistant (CPU backend)', () => {
  it('off (null or absent) gives exactly the plain run’s results', async () => {
    const plain = await run(toyConfig());
    const off = await run(toyConfig({ ensemble: null, assistant: null }));
    expect(off.results.distilled).toEqual({ ...plain.results.distilled, trainMs: off.results.distilled.trainMs });
    expect(off.results.ensemble).toBeUndefined();
    expect(off.results.assistant).toBeUndefined();
  }, 60_000);

  it('an ensemble of 3 trains teachers 2 and 3 after teacher 1 and reports each and the ensemble', async () => {
    const { results, phases } = await run(toyConfig({ ensemble: { size: 3 } }));
    expect(phases.slice(0, 3)).toEqual([
      ['teacher', null],
      ['teacher', { kind: 'ensemble', member: 2, of: 3 }],
      ['teacher', { kind: 'ensemble', member: 3, of: 3 }],
    ]);
    const e = results.ensemble!;
    expect(e.members).toHaveLength(3);
    expect(e.members[0]!.accuracy).toBe(results.teacher.accuracy);
    // Different seeds, different teachers.
    expect(new Set(e.members.map((m) => m.loss)).size).toBe(3);
    expect(e.combined.params).toBe(3 * results.teacher.params);
    expect(e.combined.accuracy).toBeGreaterThan(0.3);
  }, 60_000);

  it('teachers of different presets: teacher 2 is built and trained with its own architecture (its parameter count), teacher 3 with the teacher’s', async () => {
    const wide = { kind: 'mlp' as const, hidden: [24, 24], activation: 'relu' as const };
    const cfg = toyConfig({ ensemble: { size: 3, members: [wide, toyConfig().teacher] } });
    const { results } = await run(cfg);
    const e = results.ensemble!;
    // 2 inputs → 24 → 24 → 3 classes: (2·24 + 24) + (24·24 + 24) + (24·3 + 3) = 747 parameters.
    expect(e.members.map((m) => m.params)).toEqual([results.teacher.params, 747, results.teacher.params]);
    expect(e.combined.params).toBe(2 * results.teacher.params + 747);
    // The same seeds with the teacher's architecture everywhere give another teacher 2, and the same teacher 3.
    const same = (await run(toyConfig({ ensemble: { size: 3 } }))).results.ensemble!;
    expect(same.members[1]!.loss).not.toBe(e.members[1]!.loss);
    expect(same.members[2]).toEqual({ ...e.members[2]!, trainMs: same.members[2]!.trainMs });
  }, 60_000);

  it('an assistant is distilled after the teacher, announced as the assistant phase, and the student learns from it', async () => {
    const assistant = { kind: 'mlp' as const, hidden: [12], activation: 'tanh' as const };
    const plain = await run(toyConfig());
    const { results, phases, losses, epochs } = await run(toyConfig({ assistant }));
    expect(phases.slice(0, 4)).toEqual([
      ['teacher', null],
      ['distill', { kind: 'assistant' }],
      ['scratch', null],
      ['distill', null],
    ]);
    expect(results.assistant!.params).toBe(paramCount(assistant, [2], 3));
    // Its own curves: a loss point per step on the students' set and a test accuracy per epoch, under its own phase.
    const mine = losses.filter((p) => p.phase === 'assistant');
    const distill = losses.filter((p) => p.phase === 'distill');
    expect(mine.map((p) => p.step)).toEqual(distill.map((p) => p.step));
    expect(mine.every((p) => Number.isFinite(p.total) && p.total > 0 && p.soft > 0)).toBe(true);
    const accuracy = epochs.filter((e) => e.phase === 'assistant');
    expect(accuracy.map((e) => e.epoch)).toEqual([1, 2]);
    expect(accuracy[1]!.testAccuracy).toBe(results.assistant!.accuracy);
    expect(results.assistant!.agreement).not.toBeNull();
    // Same teacher and scratch student; the distilled student learned from another model.
    expect(results.teacher.accuracy).toBe(plain.results.teacher.accuracy);
    expect(results.scratch.accuracy).toBe(plain.results.scratch.accuracy);
    expect(results.distilled.loss).not.toBe(plain.results.distilled.loss);
  }, 60_000);

  it('with 2 seeds and a 2-point sweep, the ensemble and the assistant train once and every trial runs (no leak)', async () => {
    const { results, phases } = await run(
      toyConfig({ ensemble: { size: 2 }, assistant: { kind: 'mlp', hidden: [12], activation: 'tanh' }, repeats: 2, sweep: { temperatures: [2, 8], alphas: [] } }),
    );
    // The ensemble's teacher and the assistant train once, before the main students; seeds and sweep re-use them.
    expect(phases.filter(([, c]) => c?.kind === 'ensemble' || c?.kind === 'assistant')).toHaveLength(2);
    expect(results.seeds?.distilled.n).toBe(2);
    expect(results.sweep?.points).toHaveLength(2);
  }, 60_000);

  it('an ensemble and an assistant together: the assistant learns from the ensemble', async () => {
    const { results, phases } = await run(toyConfig({ ensemble: { size: 2 }, assistant: { kind: 'mlp', hidden: [12], activation: 'tanh' } }));
    expect(phases.slice(0, 3).map(([, c]) => c?.kind ?? null)).toEqual([null, 'ensemble', 'assistant']);
    expect(results.ensemble!.members).toHaveLength(2);
    expect(results.assistant).toBeTruthy();
  }, 60_000);
});

describe('settings that do not go together are refused with a message that says why', () => {
  const tiny = { kind: 'mlp' as const, hidden: [4], activation: 'relu' as const };
  const hint = { teacherLayer: 0, studentLayer: 0, beta: 1 };
  it.each<[string, Partial<ExperimentConfig>, RegExp]>([
    ['one teacher', { ensemble: { size: 1 } }, /2 to 5 teachers \(got 1\)/],
    ['six teachers', { ensemble: { size: 6 } }, /2 to 5 teachers \(got 6\)/],
    ['a loaded teacher', { ensemble: { size: 2 }, pretrainedTeacher: { id: 'x', name: 't.onnx' } }, /remove the loaded teacher/],
    ['a live teacher', { ensemble: { size: 2 }, teacherLive: true }, /cached logits/],
    ['a hint', { ensemble: { size: 2 }, hint }, /hidden layers/],
    ['standardisation', { ensemble: { size: 2 }, logitStandardize: true }, /Logit standardisation/],
    ['a teacher per seed', { ensemble: { size: 2 }, teacherPerSeed: true }, /teacher per seed/],
    ['a member list of the wrong length', { ensemble: { size: 3, members: [tiny] } }, /teachers 2 to 3: 2 expected, 1 given/],
    ['a member with a zero-width layer', { ensemble: { size: 2, members: [{ kind: 'mlp', hidden: [0], activation: 'relu' }] } }, /^Teacher 2 of the ensemble: /],
    ['an assistant with a hint', { assistant: tiny, hint }, /learns from the assistant/],
    ['an assistant with a teacher per seed', { assistant: tiny, teacherPerSeed: true }, /teacher per seed and a teaching assistant/],
    ['an assistant with a zero-width layer', { assistant: { kind: 'mlp', hidden: [0], activation: 'relu' } }, /^Teaching assistant: /],
  ])('ensemble/assistant with %s', (_name, o, message) => {
    expect(validateConfig(toyConfig(o))).toMatch(message);
  });

  it('accepts an ensemble with MSE on logits and an assistant with RKD on logits', () => {
    expect(validateConfig(toyConfig({ ensemble: { size: 5 }, softTerm: 'mse' }))).toBeNull();
    expect(validateConfig(toyConfig({ assistant: tiny, rkd: { distanceWeight: 1, angleWeight: 0, source: 'logits', teacherLayer: 0, studentLayer: 0 } }))).toBeNull();
  });
});
