import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { compareProblem } from '../../src/engine/train/compareProblems';
import { COMPARE_DKD, methodConfig } from '../../src/engine/train/compareMethods';
import { comparePlan } from '../../src/engine/train/comparePlan';
import { chooseSetting, readSpread, summariseCompare, type CompareTrial } from '../../src/engine/train/compareSummary';
import { RunCancelled, RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { PhaseContext } from '../../src/engine/train/phaseContext';
import type { ExperimentConfig, TrialResult } from '../../src/engine/train/types';
import { planSegments, segmentIndex } from '../../src/store/progress';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const noHooks = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };

beforeAll(async () => {
  await useCpu();
});

describe('the comparison plan', () => {
  it('trains scratch for seeds 2…N, then each method: its grid on seed 1, then seeds 2…N', () => {
    const plan = comparePlan({ methods: ['kl', 'mse'], seeds: 2 }, true);
    expect(plan.map((s) => `${s.trial}:${s.arm}@${s.seed}/${s.purpose}/${s.value}`)).toEqual([
      '1:scratch@2/seed/null',
      '2:kl@1/grid/1',
      '3:kl@1/grid/2',
      '4:kl@1/grid/4',
      '5:kl@2/seed/null',
      '6:mse@1/grid/null',
      '7:mse@2/seed/null',
    ]);
  });

  it('without a validation set each method trains only its fallback value: nothing is chosen, least of all on test', () => {
    const plan = comparePlan({ methods: ['dkd', 'at', 'rkd'], seeds: 1 }, false);
    expect(plan.map((s) => `${s.arm}:${s.value}`)).toEqual(['dkd:2', 'at:1000', 'rkd:25']);
  });

  it('the progress bar has one segment per trial, and each trial context lands on its own', () => {
    const cfg = toyConfig({ validationFraction: 0.1, repeats: 2, compare: { methods: ['kl', 'mse'], seeds: 2 } });
    const segments = planSegments(cfg);
    // teacher, scratch, distill, seed 2 (scratch + distill), then 7 comparison students.
    expect(segments).toHaveLength(5 + 7);
    const at = (trial: number): PhaseContext => ({ kind: 'compare', arm: 'kl', seed: 1, seeds: 2, value: 1, trial, trials: 7 });
    expect(segmentIndex(segments, 'distill', at(1), 2)).toBe(5);
    expect(segmentIndex(segments, 'distill', at(7), 2)).toBe(11);
    expect(segments[5]!.phase).toBe('scratch');
  });
});

describe('choosing a setting on validation', () => {
  const grid = (pairs: [number, number | null, number][]): CompareTrial[] =>
    pairs.map(([value, val, test], i) => ({ kind: 'compare', index: i, total: 3, arm: 'kl', seed: 1, purpose: 'grid', value, valAccuracy: val, accuracy: test }));

  it('keeps the best validation accuracy even where test says otherwise (test accuracy is not even read)', () => {
    // T = 4 is best on validation, T = 1 on test.
    expect(chooseSetting(grid([[1, 0.5, 0.99], [2, 0.6, 0.7], [4, 0.8, 0.1]]))).toBe(4);
    expect(chooseSetting(grid([[1, 0.9, 0.1], [2, 0.6, 0.7], [4, 0.2, 0.99]]))).toBe(1);
  });

  it('takes the earliest value on ties, and the only value without validation figures', () => {
    expect(chooseSetting(grid([[1, 0.7, 0], [2, 0.7, 1], [4, 0.6, 1]]))).toBe(1);
    expect(chooseSetting(grid([[2, null, 0.3]]))).toBe(2);
    expect(chooseSetting([])).toBeNull();
  });
});

describe('the summary statistics, against hand-computed values', () => {
  let next = 0;
  const trial = (arm: CompareTrial['arm'], seed: number, accuracy: number, purpose: 'grid' | 'seed' = 'seed', value: number | null = null, valAccuracy: number | null = null): CompareTrial => ({
    kind: 'compare',
    index: next++,
    total: 0,
    arm,
    seed,
    purpose,
    value,
    accuracy,
    valAccuracy,
  });

  it('mean ± sample std per method, gains over scratch on the same seeds, and the verdict rule', () => {
    // Scratch: 0.50 (seed 1, the main run), 0.52, 0.54 → mean 0.52, std 0.02.
    // KL: grid T = 1 (val 0.6, test 0.70) and T = 2 (val 0.8, test 0.60) → T = 2 chosen, seed 1 = 0.60; then 0.64, 0.62.
    // MSE: 0.55, 0.53, 0.57.
    const trials = [
      trial('scratch', 2, 0.52),
      trial('scratch', 3, 0.54),
      trial('kl', 1, 0.7, 'grid', 1, 0.6),
      trial('kl', 1, 0.6, 'grid', 2, 0.8),
      trial('kl', 2, 0.64, 'seed', 2),
      trial('kl', 3, 0.62, 'seed', 2),
      trial('mse', 1, 0.55, 'grid', null, 0.5),
      trial('mse', 2, 0.53),
      trial('mse', 3, 0.57),
    ];
    const s = summariseCompare({ methods: ['kl', 'mse'], seeds: 3 }, 0.5, trials);
    expect(s.scratch.accuracies).toEqual([0.5, 0.52, 0.54]);
    expect(s.scratch.accuracy.mean).toBeCloseTo(0.52, 12);
    expect(s.scratch.accuracy.std).toBeCloseTo(0.02, 12);
    const [kl, mse] = s.methods;
    expect(kl!.value).toBe(2);
    expect(kl!.chosenBy).toBe('validation');
    expect(kl!.accuracies).toEqual([0.6, 0.64, 0.62]);
    expect(kl!.accuracy.mean).toBeCloseTo(0.62, 12);
    expect(kl!.accuracy.std).toBeCloseTo(0.02, 12);
    // Gains 10, 12, 8 points: mean 10, std 2 → above scratch beyond the spread.
    expect(kl!.gains.map((g) => Math.round(g * 1e9) / 1e9)).toEqual([10, 12, 8]);
    expect(kl!.gain.mean).toBeCloseTo(10, 9);
    expect(kl!.gain.std).toBeCloseTo(2, 9);
    expect(kl!.vsScratch).toBe('above');
    // MSE: gains 5, 1, 3 → mean 3, std 2: above. MSE has no setting to choose.
    expect(mse!.value).toBeNull();
    expect(mse!.chosenBy).toBe('fixed');
    expect(mse!.gain.mean).toBeCloseTo(3, 9);
    expect(mse!.gain.std).toBeCloseTo(2, 9);
    // KL − MSE per seed: 5, 11, 5 → mean 7, std 3.46: KL wins beyond the spread.
    expect(s.verdict).toEqual({ kind: 'winner', best: 'kl' });
    // A comparison reported twice (restarted after a backend switch) counts each trial once, its last report.
    const indexed = trials.map((t, i) => ({ ...t, index: i }));
    const again = summariseCompare({ methods: ['kl', 'mse'], seeds: 3 }, 0.5, [...indexed, ...indexed]);
    expect(again).toEqual(summariseCompare({ methods: ['kl', 'mse'], seeds: 3 }, 0.5, indexed));
    expect(again.methods[0]!.grid).toHaveLength(2);
  });

  it('names no winner inside the spread, and none from one seed', () => {
    const trials = [trial('scratch', 2, 0.5), trial('kl', 1, 0.6, 'grid', 1, 0.5), trial('kl', 2, 0.6), trial('dkd', 1, 0.55, 'grid', 1, 0.5), trial('dkd', 2, 0.62)];
    // KL − DKD per seed: +5, −2 → mean 1.5, std 4.9: within.
    expect(summariseCompare({ methods: ['kl', 'dkd'], seeds: 2 }, 0.5, trials).verdict).toEqual({ kind: 'withinSpread', best: 'kl', tied: ['dkd'] });
    const one = summariseCompare({ methods: ['kl', 'dkd'], seeds: 1 }, 0.5, trials.filter((t) => t.seed === 1));
    expect(one.verdict).toEqual({ kind: 'oneSeed', best: 'kl' });
    expect(one.methods[0]!.vsScratch).toBe('oneSeed');
    expect(summariseCompare({ methods: ['kl'], seeds: 2 }, 0.5, []).verdict).toEqual({ kind: 'none' });
  });

  it('reads the spread like the seeds verdict: |mean| ≤ std or under 0.05 points is within', () => {
    expect(readSpread({ mean: 1, std: 1, n: 3 })).toBe('within');
    expect(readSpread({ mean: -1.2, std: 1, n: 3 })).toBe('below');
    expect(readSpread({ mean: 0.04, std: 0, n: 3 })).toBe('within');
    expect(readSpread({ mean: 3, std: 0, n: 1 })).toBe('oneSeed');
  });
});

describe('each method’s config', () => {
  const cnn: ExperimentConfig['teacher'] = { kind: 'cnn', layers: [{ type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu' }, { type: 'flatten' }] };
  const base = toyConfig({ hint: { teacherLayer: 0, studentLayer: 0, beta: 1 }, rkd: null, alpha: 0.7 });

  it('sets only that method’s loss: KL, MSE and DKD at the run’s α, AT and RKD on the hard loss', () => {
    expect(methodConfig(base, 'kl', 4, [2])).toMatchObject({ softTerm: 'kl', temperature: 4, alpha: 0.7, hint: null, logitStandardize: false, attention: null, rkd: null, compare: null });
    expect(methodConfig(base, 'mse', null, [2])).toMatchObject({ softTerm: 'mse', alpha: 0.7 });
    expect(methodConfig(base, 'dkd', 1, [2])).toMatchObject({ softTerm: 'dkd', temperature: 1, dkd: COMPARE_DKD });
    expect(methodConfig(base, 'lskl', 2, [2])).toMatchObject({ softTerm: 'kl', temperature: 2, logitStandardize: true });
    expect(methodConfig(base, 'rkd', 5, [2])).toMatchObject({ alpha: 0, rkd: { distanceWeight: 5, angleWeight: 10, source: 'logits' } });
    const image = { ...base, hint: null, teacher: cnn, student: cnn };
    expect(methodConfig(image, 'at', 100, [8, 8, 1])).toMatchObject({ alpha: 0, attention: { teacherLayers: [0], studentLayers: [0], beta: 100 } });
  });

  it('refuses AT for an MLP pair, a repeated method and RKD with too large a batch', () => {
    expect(compareProblem({ ...base, compare: { methods: ['kl', 'at'], seeds: 2 } }, [2])).toEqual({ code: 'atNeedsCnn' });
    expect(compareProblem({ ...base, compare: { methods: ['kl', 'kl'], seeds: 2 } }, [2])).toEqual({ code: 'repeated', method: 'kl' });
    expect(compareProblem({ ...base, batchSize: 256, compare: { methods: ['rkd'], seeds: 2 } }, [2])).toEqual({ code: 'rkdBatch', max: 128, got: 256 });
    expect(compareProblem({ ...base, compare: { methods: ['kl'], seeds: 0 } }, [2])).toEqual({ code: 'seeds', got: 0 });
    expect(compareProblem({ ...base, teacher: cnn, student: cnn, compare: { methods: ['at'], seeds: 2 } }, [8, 8, 1], false)).toEqual({ code: 'atNeedsTeacherModel' });
    expect(compareProblem({ ...base, teacher: cnn, student: cnn, compare: { methods: ['at'], seeds: 2 } }, [8, 8, 1])).toBeNull();
    // A loaded tfjs teacher has its own layers, not the ones the teacher settings describe.
    const loaded = { id: 't1', name: 'model.json' };
    expect(compareProblem({ ...base, teacher: cnn, student: cnn, pretrainedTeacher: loaded, compare: { methods: ['at'], seeds: 2 } }, [8, 8, 1])).toEqual({ code: 'atNeedsTeacherModel' });
  });

  it('refuses a comparison together with a teacher ensemble or a teaching assistant (every method distils from one teacher)', () => {
    const compare = { methods: ['kl', 'mse'] as ('kl' | 'mse')[], seeds: 2 };
    expect(compareProblem({ ...base, compare, ensemble: { size: 3 } }, [2])).toEqual({ code: 'withTeam' });
    expect(compareProblem({ ...base, compare, assistant: { kind: 'mlp', hidden: [8], activation: 'relu' } }, [2])).toEqual({ code: 'withTeam' });
    expect(compareProblem({ ...base, compare }, [2])).toBeNull();
  });
});

describe('the comparison in a run', () => {
  const cfg = toyConfig({ samples: 300, epochs: 2, validationFraction: 0.2, seed: 3, compare: { methods: ['kl', 'mse', 'rkd'], seeds: 2 } });

  /** The toy data with every test label moved to the next class: test accuracy changes, validation (from train) does not. */
  function withWrongTestLabels(data: Dataset): Dataset {
    const y = Int32Array.from(data.test.y, (v) => (v + 1) % data.numClasses);
    return { ...data, test: { ...data.test, y } };
  }

  async function compareRun(data: Dataset): Promise<{ trials: CompareTrial[]; contexts: PhaseContext[]; out: Awaited<ReturnType<typeof runExperiment>> }> {
    const trials: CompareTrial[] = [];
    const contexts: PhaseContext[] = [];
    const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), {
      ...noHooks,
      onPhase: (_p, _s, c) => (c ? contexts.push(c) : undefined),
      onTrial: (t: TrialResult) => (t.kind === 'compare' ? trials.push(t) : undefined),
    });
    return { trials, contexts, out };
  }

  it('chooses each setting on validation: the same choices whatever the test labels say, and leaks nothing', async () => {
    const data = await DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
    const before = tf.memory().numTensors;
    const a = await compareRun(data);
    a.out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const b = await compareRun(withWrongTestLabels(data));
    b.out.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const plan = comparePlan(cfg.compare!, true);
    expect(a.trials.map((t) => `${t.arm}@${t.seed}/${t.purpose}`)).toEqual(plan.map((s) => `${s.arm}@${s.seed}/${s.purpose}`));
    expect(a.contexts.filter((c) => c.kind === 'compare')).toHaveLength(plan.length);
    // Test changed, so test accuracies changed; validation and every choice did not.
    expect(b.trials.map((t) => t.accuracy)).not.toEqual(a.trials.map((t) => t.accuracy));
    expect(b.trials.map((t) => t.valAccuracy)).toEqual(a.trials.map((t) => t.valAccuracy));
    expect(b.trials.map((t) => t.value)).toEqual(a.trials.map((t) => t.value));
    const sa = a.out.results.compare!;
    const sb = b.out.results.compare!;
    expect(sb.methods.map((m) => m.value)).toEqual(sa.methods.map((m) => m.value));
    // Each chosen value is the best on validation among its grid.
    for (const m of sa.methods) {
      const best = Math.max(...m.grid.map((g) => g.valAccuracy ?? -1));
      expect(m.grid.find((g) => g.value === m.value)!.valAccuracy).toBe(best);
    }
    // Seed 2 trains at the chosen value.
    for (const m of sa.methods) expect(a.trials.find((t) => t.arm === m.method && t.seed === 2)!.value).toBe(m.value);
    // The summary is the pure function of the trials and the main scratch student.
    expect(sa).toEqual(summariseCompare(cfg.compare!, a.out.results.scratch.accuracy, a.trials));
    // Seed 1's scratch student is the main run's.
    expect(sa.scratch.accuracies[0]).toBe(a.out.results.scratch.accuracy);
  });

  it('seed k of every method starts from seed k’s weights: scratch of seed 2 equals the repeated seeds’ scratch of seed 2', async () => {
    const data = await DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
    const seedTrials: TrialResult[] = [];
    const out = await runExperiment({ ...cfg, repeats: 2, compare: { methods: ['mse'], seeds: 2 } }, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), {
      ...noHooks,
      onTrial: (t) => seedTrials.push(t),
    });
    out.dispose();
    const seed2 = seedTrials.find((t) => t.kind === 'seed')!;
    const scratch2 = seedTrials.find((t) => t.kind === 'compare' && t.arm === 'scratch')!;
    expect(seed2.kind === 'seed' && scratch2.kind === 'compare' && seed2.scratch === scratch2.accuracy).toBe(true);
  });

  it('pauses and resumes inside a comparison trial, and a stop there ends the run with the finished trials reported and nothing leaked', async () => {
    const data = await DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
    const before = tf.memory().numTensors;
    const c = new RunController({ temperature: cfg.temperature, alpha: cfg.alpha });
    const trials: CompareTrial[] = [];
    let paused = 0;
    c.onPaused = () => {
      paused++;
      setTimeout(() => c.resume(), 10);
    };
    const run = runExperiment(cfg, data, c, {
      ...noHooks,
      onPhase: (_p, _s, context) => {
        if (context?.kind !== 'compare') return;
        if (context.trial === 2) c.pause();
        if (context.trial === 4) c.stop();
      },
      onTrial: (t: TrialResult) => (t.kind === 'compare' ? trials.push(t) : undefined),
    });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(paused).toBe(1);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
