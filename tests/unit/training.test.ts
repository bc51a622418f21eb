import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import { crossEntropy, distillationLoss, hintLoss, withHint, type KdLossParts } from '../../src/engine/losses';
import { forwardWithHidden } from '../../src/engine/models/forward';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import { paramCount } from '../../src/engine/models/spec';
import type { PhaseContext } from '../../src/engine/train/phaseContext';
import { RunController, RunCancelled } from '../../src/engine/train/controller';
import { LossDivergedError, isBadLoss } from '../../src/engine/train/errors';
import { runExperiment } from '../../src/engine/train/experiment';
import { trainStep } from '../../src/engine/train/step';
import type { ExperimentConfig, LossPoint, TrialResult } from '../../src/engine/train/types';
import { validateConfig } from '../../src/engine/train/validateConfig';
import type { Dataset, Split } from '../../src/engine/data/types';
import { Rng } from '../../src/engine/rng';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const BASE: ExperimentConfig = toyConfig({
  samples: 600,
  teacher: { kind: 'mlp', hidden: [32, 32], activation: 'tanh' },
  epochs: 3,
  seed: 11,
});

const noHooks = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };
const load = (cfg: ExperimentConfig) => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});

beforeAll(async () => {
  await useCpu();
});

describe('models', () => {
  it('parameter counts match the layer arithmetic and tfjs', () => {
    expect(paramCount({ kind: 'mlp', hidden: [64, 64], activation: 'relu' }, [2], 3)).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3);
    expect(paramCount({ kind: 'mlp', hidden: [64, 64], activation: 'relu' }, [2], 3)).toBe(4547);
    expect(paramCount({ kind: 'mlp', hidden: [8], activation: 'tanh' }, [2], 3)).toBe(51);
    const m = buildModel({ kind: 'mlp', hidden: [64, 64], activation: 'relu' }, [2], 3, 't');
    expect(m.countParams()).toBe(4547);
    m.dispose();
  });

  it('seeded weights are reproducible, seed-sensitive and Glorot-bounded', () => {
    const m = buildModel({ kind: 'mlp', hidden: [16], activation: 'tanh' }, [2], 3, 's');
    const a = seededWeights(m, 1);
    const b = seededWeights(m, 1);
    const c = seededWeights(m, 2);
    expect(a.map((w) => Array.from(w))).toEqual(b.map((w) => Array.from(w)));
    expect(Array.from(a[0]!)).not.toEqual(Array.from(c[0]!));
    const limit = Math.sqrt(6 / (2 + 16));
    expect(Array.from(a[0]!).every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(Array.from(a[1]!).every((v) => v === 0)).toBe(true);
    assignWeights(m, a);
    expect(Array.from(m.getWeights()[0]!.dataSync())).toEqual(Array.from(a[0]!));
    m.dispose();
  });
});

describe('training step', () => {
  it('leaks no tensors: numTensors is the same before and after a step', () => {
    const teacher = buildModel(BASE.teacher, [2], 3, 'leak_t');
    const student = buildModel(BASE.student, [2], 3, 'leak_s');
    assignWeights(student, seededWeights(student, 3));
    const opt = tf.train.adam(0.01);
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), 'int32'), 3).toFloat() as tf.Tensor2D;
    const zt = teacher.predict(x) as tf.Tensor2D;
    const vars = trainableVariables(student);
    const step = () =>
      trainStep(opt, vars, () =>
        distillationLoss(y, zt, student.apply(x, { training: true }) as tf.Tensor2D, { temperature: 4, alpha: 0.7, scaleByT2: true }),
      ).dispose();
    step(); // the first step creates Adam's slot variables
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, zt]);
    opt.dispose();
    teacher.dispose();
    student.dispose();
  });
});

describe('every loss trains leak-free, and α = 0 is plain training', () => {
  const setup = () => {
    const teacher = buildModel(BASE.teacher, [2], 3, 'lf_t');
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 7);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), 'int32'), 3).toFloat() as tf.Tensor2D;
    const zt = tf.tidy(() => teacher.predict(x) as tf.Tensor2D);
    return { teacher, x, y, zt };
  };

  it.each(['kl', 'mse', 'hint'] as const)('%s: numTensors is flat across steps', (kind) => {
    const { teacher, x, y, zt } = setup();
    const student = buildModel(BASE.student, [2], 3, 'lf_s');
    assignWeights(student, seededWeights(student, 3));
    const adapter = { kernel: tf.variable(tf.randomNormal([8, 32], 0, 0.1, 'float32', 1)), bias: tf.variable(tf.zeros([32])) };
    const opt = tf.train.adam(0.01);
    const vars = [...trainableVariables(student), ...(kind === 'hint' ? [adapter.kernel, adapter.bias] : [])];
    const step = () =>
      trainStep(opt, vars, () => {
        if (kind !== 'hint') return distillationLoss(y, zt, student.apply(x, { training: true }) as tf.Tensor2D, { temperature: 4, alpha: 0.7, scaleByT2: true, softTerm: kind });
        const s = forwardWithHidden(student, x, true);
        const t = forwardWithHidden(teacher, x, false);
        return withHint(distillationLoss(y, t.logits, s.logits, { temperature: 4, alpha: 0.7, scaleByT2: true }), hintLoss(s.hidden[0]!, t.hidden[0]!, adapter, 1));
      }).dispose();
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([x, y, zt, adapter.kernel, adapter.bias]);
    teacher.dispose();
    student.dispose();
  });

  it('α = 0 distillation gives weights identical to plain cross-entropy training after N steps', () => {
    const { teacher, x, y, zt } = setup();
    const init = seededWeights(buildModel(BASE.student, [2], 3, 'lf_probe'), 11);
    const trained = (lossOf: (m: tf.LayersModel) => () => KdLossParts) => {
      const m = buildModel(BASE.student, [2], 3, 'lf_same');
      assignWeights(m, init);
      const opt = tf.train.adam(0.01);
      for (let i = 0; i < 10; i++) trainStep(opt, trainableVariables(m), lossOf(m)).dispose();
      opt.dispose();
      const w = m.getWeights().map((t) => Array.from(t.dataSync()));
      m.dispose();
      return w;
    };
    const plain = trained((m) => () => {
      const ce = crossEntropy(y, m.apply(x, { training: true }) as tf.Tensor2D);
      return { total: ce, soft: tf.zerosLike(ce), hard: ce };
    });
    const alphaZero = trained((m) => () => distillationLoss(y, zt, m.apply(x, { training: true }) as tf.Tensor2D, { temperature: 4, alpha: 0, scaleByT2: true }));
    expect(alphaZero).toEqual(plain);
    tf.dispose([x, y, zt]);
    teacher.dispose();
  });
});

describe('experiment', () => {
  it('runs teacher → scratch → distill, streams losses, learns, and leaks nothing', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const phases: string[] = [];
    const points: LossPoint[] = [];
    const epochs: string[] = [];
    const out = await runExperiment({ ...BASE, epochs: 15 }, data, new RunController({ temperature: 4, alpha: 0.7 }), {
      onPhase: (p) => phases.push(p),
      onLoss: (p) => points.push(...p),
      onEpoch: (e) => epochs.push(`${e.phase}:${e.epoch}`),
    });
    expect(phases).toEqual(['teacher', 'scratch', 'distill', 'distill']); // the last one: measuring inference latency
    const stepsPerEpoch = Math.ceil(data.train.count / BASE.batchSize);
    for (const phase of ['teacher', 'scratch', 'distill'] as const) {
      const steps = points.filter((p) => p.phase === phase).map((p) => p.step);
      expect(steps).toEqual(Array.from({ length: 15 * stepsPerEpoch }, (_, i) => i + 1));
    }
    expect(epochs).toHaveLength(45);
    const distill = points.filter((p) => p.phase === 'distill');
    for (const p of distill) expect(p.total).toBeCloseTo(p.soft + p.hard, 4);
    expect(points.filter((p) => p.phase !== 'distill').every((p) => p.soft === 0)).toBe(true);
    const r = out.results;
    expect(r.teacher.accuracy).toBeGreaterThan(0.85);
    expect(r.distilled.accuracy).toBeGreaterThan(0.55);
    expect(r.distilled.agreement).not.toBeNull();
    expect(r.gainPoints).toBeCloseTo((r.distilled.accuracy - r.scratch.accuracy) * 100, 9);
    expect(r.samples).toHaveLength(6);
    expect(r.samples[0]!.studentProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(out.student.countParams()).toBe(51);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible: the same config and seed give identical metrics on CPU', async () => {
    const data = await load(BASE);
    const run = async () => {
      const points: LossPoint[] = [];
      const out = await runExperiment(BASE, data, new RunController({ temperature: 4, alpha: 0.7 }), { ...noHooks, onLoss: (p) => points.push(...p) });
      out.dispose();
      return { points, results: out.results };
    };
    const a = await run();
    const b = await run();
    expect(b.points).toEqual(a.points);
    expect(b.results.distilled).toEqual({ ...a.results.distilled, trainMs: b.results.distilled.trainMs });
    const c = await runExperiment({ ...BASE, seed: 12 }, data, new RunController({ temperature: 4, alpha: 0.7 }), noHooks);
    expect(c.results.teacher.loss).not.toBe(a.results.teacher.loss);
    c.dispose();
  });

  it('α = 0 distillation reproduces the scratch student exactly', async () => {
    const data = await load(BASE);
    const points: LossPoint[] = [];
    const out = await runExperiment({ ...BASE, alpha: 0 }, data, new RunController({ temperature: 4, alpha: 0 }), {
      ...noHooks,
      onLoss: (p) => points.push(...p),
    });
    const scratch = points.filter((p) => p.phase === 'scratch').map((p) => p.total);
    const distill = points.filter((p) => p.phase === 'distill').map((p) => p.total);
    expect(distill).toEqual(scratch);
    expect(out.results.distilled.accuracy).toBe(out.results.scratch.accuracy);
    out.dispose();
  });

  it('the loss guard flags NaN, ±Infinity and explosions only', () => {
    expect([Number.NaN, Infinity, -Infinity, 2e6].every(isBadLoss)).toBe(true);
    expect([0, 1.1, 2.3, 9e5].some(isBadLoss)).toBe(false);
    expect(new LossDivergedError('distill', 812, Number.NaN).message).toBe('Loss became NaN at step 812 of distillation: try a lower learning rate.');
    expect(new LossDivergedError('scratch', 3, Infinity).message).toBe('Loss became Infinity at step 3 of scratch student training: try a lower learning rate.');
    expect(new LossDivergedError('teacher', 2, 1.6e7).message).toBe('Loss exploded to 1.6e+7 at step 2 of teacher training: try a lower learning rate.');
  });

  it('a huge learning rate stops with a NaN/Infinity error naming phase and step, leaking nothing', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const err = await runExperiment({ ...BASE, optimizer: 'sgd', learningRate: 1e6, teacher: { kind: 'mlp', hidden: [32], activation: 'relu' } }, data, new RunController({ temperature: 4, alpha: 0.7 }), noHooks).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LossDivergedError);
    expect((err as Error).message).toMatch(/^Loss (became NaN|became Infinity|exploded to [0-9.e+]+) at step \d+ of teacher training: try a lower learning rate\.$/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stop cancels the run at the next step and leaks nothing', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const controller = new RunController({ temperature: 4, alpha: 0.7 });
    let seen = 0;
    const err = await runExperiment(BASE, data, controller, {
      ...noHooks,
      onLoss: (p) => {
        seen += p.length;
        if (seen >= 10) controller.stop();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunCancelled);
    expect(seen).toBeLessThan(20);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pause holds the loop until resume, and live T/α changes reach the distillation step', async () => {
    const data = await load(BASE);
    const controller = new RunController({ temperature: 4, alpha: 0.7 });
    const softs: number[] = [];
    // The loop reports where it really halts (the controller's onPaused, as the worker uses it): no fixed sleep.
    let halted = 0;
    let softsWhenHalted = -1;
    controller.onPaused = () => {
      halted++;
      softsWhenHalted = softs.length;
    };
    const done = runExperiment({ ...BASE, epochs: 1 }, data, controller, {
      ...noHooks,
      onPhase: (p) => {
        if (p === 'distill') controller.pause();
      },
      onLoss: (p) => p.filter((q) => q.phase === 'distill').forEach((q) => softs.push(q.soft)),
    });
    await vi.waitFor(() => expect(halted).toBe(1), { timeout: 30_000, interval: 10 });
    // Halted before the first distillation step, and still there after the loop had every chance to run on.
    expect(softsWhenHalted).toBe(0);
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(softs).toHaveLength(0);
    expect(halted).toBe(1);
    controller.hyper = { temperature: 4, alpha: 0 };
    controller.resume();
    const out = await done;
    expect(softs.length).toBeGreaterThan(0);
    expect(softs.every((s) => s === 0)).toBe(true);
    out.dispose();
  });
});

describe('seeds, sweeps and the teacher cache', () => {
  it('repeats retrain both students with new seeds and report mean ± std of the gain', async () => {
    const data = await load(BASE);
    const trials: TrialResult[] = [];
    const contexts: (PhaseContext | null)[] = [];
    const out = await runExperiment({ ...BASE, epochs: 2, repeats: 3 }, data, new RunController({ temperature: 4, alpha: 0.7 }), {
      ...noHooks,
      onPhase: (_p, _s, c) => contexts.push(c),
      onTrial: (t) => trials.push(t),
    });
    const seeds = out.results.seeds!;
    expect(trials.map((t) => t.kind)).toEqual(['seed', 'seed']);
    const seed = (n: number) => ({ kind: 'seed', seed: n, of: 3 });
    expect(contexts).toEqual([null, null, null, seed(2), seed(2), seed(3), seed(3), { kind: 'latency' }]);
    expect(seeds.gains).toHaveLength(3);
    expect(seeds.gains[0]).toBeCloseTo(out.results.gainPoints, 9);
    const scratch = [out.results.scratch.accuracy, ...trials.map((t) => (t.kind === 'seed' ? t.scratch : 0))];
    expect(seeds.scratch.mean).toBeCloseTo(scratch.reduce((a, b) => a + b) / 3, 12);
    expect(seeds.gain.n).toBe(3);
    // Different seeds really give different students.
    expect(new Set(scratch).size).toBeGreaterThan(1);
    out.dispose();
  });

  it('a sweep distils once per grid point and keeps the scratch baseline', async () => {
    const data = await load(BASE);
    const trials: TrialResult[] = [];
    const out = await runExperiment(
      { ...BASE, epochs: 2, sweep: { temperatures: [1, 8], alphas: [] } },
      data,
      new RunController({ temperature: 4, alpha: 0.7 }),
      { ...noHooks, onTrial: (t) => trials.push(t) },
    );
    const sweep = out.results.sweep!;
    expect(sweep.baseline).toBe(out.results.scratch.accuracy);
    expect(sweep.points.map((p) => [p.temperature, p.alpha])).toEqual([
      [1, 0.7],
      [8, 0.7],
    ]);
    expect(trials).toEqual(sweep.points);
    out.dispose();
  });

  it('a sweep point at the main run’s T and α reproduces the main distilled student exactly', async () => {
    const data = await load(BASE);
    const out = await runExperiment({ ...BASE, epochs: 2, sweep: { temperatures: [4], alphas: [0.7] } }, data, new RunController({ temperature: 4, alpha: 0.7 }), noHooks);
    expect(out.results.sweep!.points[0]!.accuracy).toBe(out.results.distilled.accuracy);
    out.dispose();
  });

  it('running the teacher live gives the same distillation as the cached logits', async () => {
    const data = await load(BASE);
    const run = async (teacherLive: boolean) => {
      const points: LossPoint[] = [];
      const out = await runExperiment({ ...BASE, epochs: 2, teacherLive }, data, new RunController({ temperature: 4, alpha: 0.7 }), {
        ...noHooks,
        onLoss: (p) => points.push(...p),
      });
      out.dispose();
      return points.filter((p) => p.phase === 'distill').map((p) => p.total);
    };
    const cached = await run(false);
    const live = await run(true);
    expect(live).toHaveLength(cached.length);
    live.forEach((v, i) => expect(v).toBeCloseTo(cached[i]!, 4));
  });

  it('MSE logit matching trains and logs its soft term', async () => {
    const data = await load(BASE);
    const points: LossPoint[] = [];
    const out = await runExperiment({ ...BASE, epochs: 2, softTerm: 'mse' }, data, new RunController({ temperature: 4, alpha: 0.7 }), {
      ...noHooks,
      onLoss: (p) => points.push(...p),
    });
    const distill = points.filter((p) => p.phase === 'distill');
    expect(distill[0]!.soft).toBeGreaterThan(0);
    expect(distill[distill.length - 1]!.soft).toBeLessThan(distill[0]!.soft);
    // A floor the recipe must reach, not just a value in [0, 1]: well-calibrated enough to be worth reporting.
    expect(out.results.distilled.ece).toBeGreaterThan(0);
    expect(out.results.distilled.ece).toBeLessThan(0.25);
    expect(out.results.teacher.ece).toBeLessThan(0.15);
    out.dispose();
  });

  it('validateConfig names the first problem', () => {
    expect(validateConfig(BASE)).toBeNull();
    expect(validateConfig({ ...BASE, temperature: 0 })).toMatch(/Temperature must be greater than 0/);
    expect(validateConfig({ ...BASE, alpha: 1.2 })).toMatch(/Alpha must be between 0 and 1/);
    expect(validateConfig({ ...BASE, repeats: 11 })).toMatch(/Seeds must be a whole number from 1 to 10/);
    expect(validateConfig({ ...BASE, sweep: { temperatures: [0], alphas: [] } })).toMatch(/swept temperature/);
    expect(validateConfig({ ...BASE, sweep: { temperatures: [1, 2, 3, 4, 5, 6], alphas: [0, 0.2, 0.4, 0.6, 0.8] } })).toMatch(/at most 25 points/);
    expect(validateConfig({ ...BASE, student: { kind: 'mlp', hidden: [0], activation: 'tanh' } })).toMatch(/^Student: /);
  });
});

describe('hint term in an experiment', () => {
  it('logs β·MSE of features as its own series, trains the adapter, and leaks nothing', async () => {
    const data = await load(BASE);
    const before = tf.memory().numTensors;
    const points: LossPoint[] = [];
    const out = await runExperiment(
      { ...BASE, epochs: 3, hint: { teacherLayer: 1, studentLayer: 0, beta: 0.5 } },
      data,
      new RunController({ temperature: 4, alpha: 0.7 }),
      { ...noHooks, onLoss: (p) => points.push(...p) },
    );
    const distill = points.filter((p) => p.phase === 'distill');
    expect(distill.every((p) => p.hint > 0)).toBe(true);
    for (const p of distill) expect(p.total).toBeCloseTo(p.soft + p.hard + p.hint, 4);
    const firstEpoch = distill.slice(0, 15).reduce((s, p) => s + p.hint, 0);
    const lastEpoch = distill.slice(-15).reduce((s, p) => s + p.hint, 0);
    expect(lastEpoch).toBeLessThan(firstEpoch);
    expect(points.filter((p) => p.phase !== 'distill').every((p) => p.hint === 0)).toBe(true);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects hint layers that do not exist', () => {
    expect(validateConfig({ ...BASE, hint: { teacherLayer: 5, studentLayer: 0, beta: 1 } })).toMatch(/teacher hidden layer/);
    expect(validateConfig({ ...BASE, hint: { teacherLayer: 0, studentLayer: 3, beta: 1 } })).toMatch(/student hidden layer/);
    expect(validateConfig({ ...BASE, hint: { teacherLayer: 0, studentLayer: 0, beta: -1 } })).toMatch(/β must be ≥ 0/);
  });
});

describe('transfer set, augmentation and latency', () => {
  /** A tiny 8×8 image set: class = which quadrant is bright. */
  function quadrants(count: number, seed: number): Dataset {
    const rng = new Rng(seed);
    const make = (n: number): Split => {
      const x = new Float32Array(n * 64);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const c = i % 4;
        y[i] = c;
        for (let r = 0; r < 8; r++)
          for (let k = 0; k < 8; k++) {
            const on = (r < 4 ? 0 : 2) + (k < 4 ? 0 : 1) === c;
            x[i * 64 + r * 8 + k] = (on ? 0.8 : 0.1) + 0.1 * rng.next();
          }
      }
      return { x, y, count: n };
    };
    return { id: 'quadrants', name: 'Quadrants', inputShape: [8, 8, 1], numClasses: 4, classNames: ['a', 'b', 'c', 'd'], train: make(count), test: make(40) };
  }
  const IMG: ExperimentConfig = {
    ...BASE,
    teacher: { kind: 'cnn', layers: [{ type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu' }, { type: 'maxpool', size: 2 }] },
    student: { kind: 'mlp', hidden: [8], activation: 'relu' },
    epochs: 2,
    batchSize: 16,
  };

  it('students train on a seeded, stratified transfer subset without the excluded classes; the teacher on all', async () => {
    const data = await load(BASE);
    const out = await runExperiment({ ...BASE, epochs: 1, transferSize: 120, excludeClasses: [1] }, data, new RunController({ temperature: 4, alpha: 0.7 }), noHooks);
    expect(out.results.trainCounts.teacher).toBe(data.train.count);
    // 120 examples drawn, stratified, from the classes that remain (see data-subset tests for the class checks).
    expect(out.results.trainCounts.students).toBe(120);
    out.dispose();
  });

  it('image shifts change teacher training but stay reproducible and leak-free; "all" runs the teacher live', async () => {
    const data = quadrants(96, 5);
    const before = tf.memory().numTensors;
    const run = async (augment: 'off' | 'teacher' | 'all') => {
      const points: LossPoint[] = [];
      const out = await runExperiment({ ...IMG, augment }, data, new RunController({ temperature: 4, alpha: 0.7 }), {
        ...noHooks,
        onLoss: (p) => points.push(...p),
      });
      out.dispose();
      return points;
    };
    const off = await run('off');
    const teacherOnly = await run('teacher');
    const again = await run('teacher');
    const all = await run('all');
    const phase = (ps: LossPoint[], ph: string) => ps.filter((p) => p.phase === ph).map((p) => p.total);
    expect(phase(teacherOnly, 'teacher')).not.toEqual(phase(off, 'teacher'));
    expect(teacherOnly).toEqual(again);
    expect(phase(all, 'scratch')).not.toEqual(phase(teacherOnly, 'scratch'));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('measures inference latency of teacher and student at batch 1 and 256', async () => {
    const data = await load(BASE);
    const out = await runExperiment({ ...BASE, epochs: 1 }, data, new RunController({ temperature: 4, alpha: 0.7 }), noHooks);
    const lat = out.results.latency!;
    expect(lat.teacher.map((f) => f.batch)).toEqual([1, 256]);
    expect(lat.student.map((f) => f.batch)).toEqual([1, 256]);
    for (const f of [...lat.teacher, ...lat.student]) {
      expect(f.medianMs).toBeGreaterThan(0);
      expect(f.reps).toBeGreaterThanOrEqual(3);
    }
    out.dispose();
  });

  it('validateConfig checks the transfer set and excluded classes', () => {
    expect(validateConfig({ ...BASE, transferSize: -1 })).toMatch(/transfer set size/);
    expect(validateConfig({ ...BASE, excludeClasses: [3] })).toMatch(/Class 3 does not exist/);
    expect(validateConfig({ ...BASE, excludeClasses: [0, 1, 2] })).toMatch(/At least one class/);
  });
});
