import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, sanitizeConfig } from '../../src/store/configFields';
import { fieldError } from './fieldText';
import { IMAGE_LEARNING_RATE, toExperimentConfig, withFamilyDefaults } from '../../src/store/configSlice';
import { IDLE_RUN, mergeEpochs, mergeLosses, newRun, reduceRun } from '../../src/store/runState';
import { verdictOf } from '../../src/ui/results/verdict';
import type { ExperimentResults, ModelResult } from '../../src/engine/train/types';

describe('switching the dataset family', () => {
  it('clears the toy default transfer set when only the dataset changes to an image set, and nothing else', () => {
    expect(DEFAULT_CONFIG.transferSize).toBeGreaterThan(0);
    expect(withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'mnist' }).transferSize).toBe(0);
    // A transfer size the user chose, a patch that sets one (lessons, links), or another toy set keep it.
    expect(withFamilyDefaults({ ...DEFAULT_CONFIG, transferSize: 300 }, { dataset: 'mnist' }).transferSize).toBe(300);
    expect(withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'mnist', transferSize: DEFAULT_CONFIG.transferSize }).transferSize).toBe(DEFAULT_CONFIG.transferSize);
    expect(withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'moons' }).transferSize).toBe(DEFAULT_CONFIG.transferSize);
  });

  it('moves a default learning rate with the family, and keeps one the user chose', () => {
    const mnist = withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'mnist' });
    expect(mnist.learningRate).toBe(IMAGE_LEARNING_RATE);
    expect(withFamilyDefaults(mnist, { dataset: 'spiral' }).learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(withFamilyDefaults({ ...DEFAULT_CONFIG, learningRate: 0.05 }, { dataset: 'mnist' }).learningRate).toBe(0.05);
    expect(withFamilyDefaults(DEFAULT_CONFIG, { dataset: 'mnist', learningRate: 0.01 }).learningRate).toBe(0.01);
  });
});

describe('config field table', () => {
  it('defaults are valid and bad values fall back to them', () => {
    for (const [k, v] of Object.entries(DEFAULT_CONFIG)) expect(fieldError(k as keyof typeof DEFAULT_CONFIG, v)).toBeNull();
    const { config, rejected } = sanitizeConfig({ temperature: 0, alpha: 0.3, epochs: 2.5, backend: 'quantum', seed: 7, sweepAlphas: [0, 2] });
    expect(config.temperature).toBe(DEFAULT_CONFIG.temperature);
    expect(config.alpha).toBe(0.3);
    expect(config.epochs).toBe(DEFAULT_CONFIG.epochs);
    expect(config.backend).toBe('auto');
    expect(config.seed).toBe(7);
    expect(config.sweepAlphas).toEqual(DEFAULT_CONFIG.sweepAlphas);
    expect(rejected.sort()).toEqual(['backend', 'epochs', 'sweepAlphas', 'temperature']);
    expect(sanitizeConfig('garbage').config).toEqual(DEFAULT_CONFIG);
  });

  it('messages say what is wrong', () => {
    expect(fieldError('epochs', 0)).toBe('Must be between 1 and 500.');
    expect(fieldError('epochs', 1.5)).toBe('Enter a whole number.');
    expect(fieldError('learningRate', Number.NaN)).toBe('Enter a number.');
    expect(fieldError('sweepTemperatures', [])).toMatch(/one or more numbers/);
    expect(fieldError('sweepTemperatures', [0.1])).toBe('Each value must be between 0.5 and 20.');
  });

  it('maps sweep modes to the engine grid', () => {
    expect(toExperimentConfig(DEFAULT_CONFIG).sweep).toBeNull();
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, sweep: 'temperature' }).sweep).toEqual({ temperatures: [1, 2, 4, 8, 20], alphas: [] });
    expect(toExperimentConfig({ ...DEFAULT_CONFIG, sweep: 'alpha' }).sweep).toEqual({ temperatures: [], alphas: [0, 0.25, 0.5, 0.75, 1] });
  });
});

describe('run reducer', () => {
  it('merges deltas by step and epoch, and ignores other runs', () => {
    const rows = mergeLosses([], [
      { phase: 'teacher', step: 1, total: 2, soft: 0, hard: 2, hint: 0 },
      { phase: 'teacher', step: 2, total: 1.5, soft: 0, hard: 1.5, hint: 0 },
    ]);
    const merged = mergeLosses(rows, [{ phase: 'distill', step: 1, total: 3, soft: 2, hard: 1, hint: 0 }]);
    expect(merged).toEqual([
      { step: 1, teacher: 2, distill: 3, soft: 2, hard: 1 },
      { step: 2, teacher: 1.5 },
    ]);
    expect(rows[0]).toEqual({ step: 1, teacher: 2 }); // copy-on-write
    expect(mergeEpochs([], [{ phase: 'scratch', epoch: 1, testAccuracy: 0.5, testLoss: 1, agreement: 0.6 }])).toEqual([
      { epoch: 1, scratch: 0.5, scratchAgree: 0.6 },
    ]);
    const run = newRun(3, toExperimentConfig(DEFAULT_CONFIG));
    expect(reduceRun(run, { type: 'stopped', runId: 4 })).toBe(run);
    expect(reduceRun(run, { type: 'stopped', runId: 3 }).status).toBe('stopped');
    expect(reduceRun(IDLE_RUN, { type: 'paused', runId: 0 }).status).toBe('idle');
  });

  it('a failure keeps the curves and records the message', () => {
    let run = newRun(1, toExperimentConfig(DEFAULT_CONFIG));
    run = reduceRun(run, { type: 'phase', runId: 1, phase: 'teacher', epochs: 2, stepsPerEpoch: 3, context: null });
    run = reduceRun(run, { type: 'metrics', runId: 1, losses: [{ phase: 'teacher', step: 1, total: 1, soft: 0, hard: 1, hint: 0 }], epochs: [] });
    run = reduceRun(run, { type: 'failed', runId: 1, kind: 'internal', message: { code: 'runFailed', backend: 'cpu', error: 'boom' } });
    expect(run.status).toBe('failed');
    expect(run.lossRows).toHaveLength(1);
    expect(run.error).toEqual({ kind: 'internal', message: { code: 'runFailed', backend: 'cpu', error: 'boom' } });
  });
});

describe('verdict', () => {
  const model = (accuracy: number): ModelResult => ({ accuracy, loss: 0.3, agreement: 0.9, params: 10, ece: 0.02, trainMs: 1 });
  const base: ExperimentResults = { teacher: model(0.95), scratch: model(0.9), distilled: model(0.912), gainPoints: 1.2, samples: [], seeds: null, sweep: null, latency: null, trainCounts: { teacher: 100, students: 100 } };
  const withGains = (gains: number[]): ExperimentResults => {
    const m = gains.reduce((a, b) => a + b, 0) / gains.length;
    const sd = Math.sqrt(gains.reduce((s, g) => s + (g - m) ** 2, 0) / (gains.length - 1));
    const s = { mean: 0.9, std: 0.01, n: gains.length };
    return { ...base, seeds: { scratch: s, distilled: s, gains, gain: { mean: m, std: sd, n: gains.length } } };
  };

  it('one seed: states the gain and asks for more seeds', () => {
    const v = verdictOf(base);
    expect(v.headline).toBe('Distillation: +1.2 points over scratch');
    expect(v.qualifier).toMatch(/One seed only/);
  });

  it('never declares a winner inside the seed-to-seed spread', () => {
    const v = verdictOf(withGains([1, -0.5, 0.8]));
    expect(v.headline).toBe('Distillation: +0.4 ± 0.8 points over scratch (mean ± std over 3 seeds)');
    expect(v.qualifier).toBe('The difference is within the seed-to-seed spread: no clear winner.');
  });

  it('a clear gain on every seed, and a clear loss, are said plainly', () => {
    expect(verdictOf(withGains([2, 2.5, 3])).qualifier).toBe('Distillation helped on every seed.');
    expect(verdictOf(withGains([-2, -2.5, -3])).qualifier).toBe('Training from scratch did better on every seed.');
  });
});
