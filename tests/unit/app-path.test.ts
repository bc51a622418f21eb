import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { evaluate, evaluateSets, EVAL_BATCH } from '../../src/engine/metrics';
import { assignWeights, buildModel, seededWeights } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { prepareData } from '../../src/engine/train/experimentData';
import { runExperiment, type ExperimentHooks } from '../../src/engine/train/experiment';
import { HostAdam } from '../../src/engine/train/hostAdam';
import { decodeResumePoint, readWeights, type ResumePoint } from '../../src/engine/train/resumePoint';
import type { ExperimentConfig, ExperimentResults, Phase } from '../../src/engine/train/types';
import type { BackendPlanner } from '../../src/worker/backendPlanner';
import { predictors } from '../../src/worker/predictors';
import type { WorkerEvent } from '../../src/worker/protocol';
import { Run } from '../../src/worker/runner';
import { UploadStore } from '../../src/worker/uploads';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

/*
 * The app path's evaluation and checkpoints, on the deterministic CPU backend: the test and validation sets evaluated in
 * one pass give exactly the figures of separate evaluations, and capturing resume points only when they are wanted
 * leaves every weight and result of the run bit-identical.
 */

const load = (cfg: ExperimentConfig): Promise<Dataset> => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});

const quiet = (): ExperimentHooks => ({ onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} });

/** The results without wall-clock figures (train times, latency). */
function metricsOf(r: ExperimentResults): unknown {
  const model = ({ trainMs: _ms, ...rest }: ExperimentResults['teacher']) => rest;
  return { ...r, teacher: model(r.teacher), scratch: model(r.scratch), distilled: model(r.distilled), latency: null };
}

/** A resume point without its wall times and slot names (tfjs numbers the variables of each new model apart). */
const timeless = ({ elapsedMs: _ms, optimizerState, finished, ...rest }: ResumePoint) => ({
  ...rest,
  optimizerState: optimizerState.map(({ shape, values }) => ({ shape, values })),
  finished: Object.fromEntries(Object.entries(finished).map(([phase, { ms: _t, ...record }]) => [phase, record])),
});

beforeAll(async () => {
  await useCpu();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('evaluation of the test and validation sets in one pass', () => {
  it('gives exactly the figures of two separate evaluations, over several batches, and leaks nothing', async () => {
    const model = buildModel({ kind: 'mlp', hidden: [12], activation: 'tanh' }, [3], 4, 'eval_sets');
    assignWeights(model, seededWeights(model, 3));
    const nTest = EVAL_BATCH + 477;
    const nVal = 613;
    const features = (n: number, seed: number) => tf.randomNormal([n, 3], 0, 1.5, 'float32', seed);
    const labels = (n: number, seed: number) => tf.oneHot(tf.randomUniform([n], 0, 4, 'int32', seed), 4).toFloat() as tf.Tensor2D;
    const test = { x: features(nTest, 1), y: labels(nTest, 2) };
    const validation = { x: features(nVal, 3), y: labels(nVal, 4) };
    const before = tf.memory().numTensors;

    const sets = await evaluateSets(model, test, validation, 7);
    const alone = await evaluate(model, test.x, test.y, 7);
    const val = await evaluate(model, validation.x, validation.y);
    expect(sets.test.accuracy).toBe(alone.accuracy);
    expect(sets.test.loss).toBe(alone.loss);
    expect(sets.test.ece).toBe(alone.ece);
    expect(Array.from(sets.test.preds)).toEqual(Array.from(alone.preds));
    expect(Array.from(sets.test.logits!)).toEqual(Array.from(alone.logits!));
    expect(sets.validationAccuracy).toBe(val.accuracy);
    // The validation accuracy is a real figure of these rows (neither 0 nor 1), so a wrong row range would show.
    expect(val.accuracy).toBeGreaterThan(0);
    expect(val.accuracy).toBeLessThan(1);

    const none = await evaluateSets(model, test, null);
    expect(none.validationAccuracy).toBeNull();
    expect(none.test.loss).toBe(alone.loss);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([test.x, test.y, validation.x, validation.y]);
    model.dispose();
  });
});

describe('resume points captured only when wanted', () => {
  const cfg = toyConfig({ epochs: 3, validationFraction: 0.2 });
  const wanted: [Phase, number][] = [
    ['teacher', 3],
    ['scratch', 1],
    ['distill', 2],
    ['distill', 3],
  ];

  /** One run: its final weights, its results and the checkpoints it captured (every epoch's, or only `want`'s). */
  async function run(want: ((phase: Phase, epoch: number) => boolean) | null) {
    const data = await load(cfg);
    const captures = vi.spyOn(HostAdam.prototype, 'getWeights');
    const checkpoints: ResumePoint[] = [];
    const before = tf.memory().numTensors;
    const hooks: ExperimentHooks = { ...quiet(), onCheckpoint: (c) => checkpoints.push(c), ...(want ? { wantsCheckpoint: want } : {}) };
    const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), hooks);
    const weights = await readWeights(out.student);
    // Direct evaluation of the returned student, as a check of the figures the run reported.
    const prepared = prepareData(cfg, data);
    const direct = await evaluateSets(out.student, prepared.test, prepared.validation);
    prepared.dispose();
    const results = out.results;
    out.dispose();
    const reads = captures.mock.calls.length;
    captures.mockRestore();
    expect(tf.memory().numTensors).toBe(before);
    return { weights, results, checkpoints, reads, direct };
  }

  it('leaves the weights, the results and the wanted checkpoints bit-identical, and reads back only those', async () => {
    const every = await run(null);
    const some = await run((phase, epoch) => wanted.some(([p, e]) => p === phase && e === epoch));

    expect(every.checkpoints.map((c) => [c.phase, c.epoch])).toEqual((['teacher', 'scratch', 'distill'] as const).flatMap((p) => [1, 2, 3].map((e) => [p, e])));
    expect(every.reads).toBe(9);
    expect(some.checkpoints.map((c) => [c.phase, c.epoch])).toEqual(wanted);
    // The optimiser state was read back for the wanted checkpoints only.
    expect(some.reads).toBe(wanted.length);

    expect(some.weights.map((w) => Array.from(w))).toEqual(every.weights.map((w) => Array.from(w)));
    expect(metricsOf(some.results)).toEqual(metricsOf(every.results));
    for (const c of some.checkpoints) expect(timeless(c)).toEqual(timeless(every.checkpoints.find((d) => d.phase === c.phase && d.epoch === c.epoch)!));

    // The reported figures are the student's own: its test accuracy, loss and validation accuracy evaluated directly.
    expect(every.results.distilled.accuracy).toBe(every.direct.test.accuracy);
    expect(every.results.distilled.loss).toBe(every.direct.test.loss);
    expect(every.results.distilled.valAccuracy).toBe(every.direct.validationAccuracy);
    expect(every.results.distilled.valAccuracy).not.toBeNull();
  });
});

describe('test logits read back only when wanted', () => {
  const cfg = toyConfig({ epochs: 3 });
  const wanted: [Phase, number][] = [
    ['teacher', 2],
    ['distill', 3],
  ];

  /** One run keeping the first 5 test logits after every epoch (or only `want`'s): what `onEvaluated` got, and the results. */
  async function run(want: ((phase: Phase, epoch: number) => boolean) | null) {
    const data = await load(cfg);
    const seen: { phase: Phase; epoch: number; logits: number | null }[] = [];
    const before = tf.memory().numTensors;
    const hooks: ExperimentHooks = {
      ...quiet(),
      evaluatedLogits: 5,
      onEvaluated: async (phase, epoch, _model, logits) => void seen.push({ phase, epoch, logits: logits?.length ?? null }),
      ...(want ? { wantsLogits: want } : {}),
    };
    const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), hooks);
    const weights = await readWeights(out.student);
    const results = out.results;
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    return { seen, weights, results };
  }

  it("hands over the logits only for the epochs that asked, and the run's weights and results stay bit-identical", async () => {
    const every = await run(null);
    const some = await run((phase, epoch) => wanted.some(([p, e]) => p === phase && e === epoch));
    const all = (['teacher', 'scratch', 'distill'] as const).flatMap((phase) => [1, 2, 3].map((epoch) => ({ phase, epoch })));
    expect(every.seen).toEqual(all.map((e) => ({ ...e, logits: 5 * 3 })));
    expect(some.seen).toEqual(all.map((e) => ({ ...e, logits: wanted.some(([p, n]) => p === e.phase && n === e.epoch) ? 5 * 3 : null })));
    expect(some.weights.map((w) => Array.from(w))).toEqual(every.weights.map((w) => Array.from(w)));
    expect(metricsOf(some.results)).toEqual(metricsOf(every.results));
  });
});

describe('the worker run', () => {
  it('captures a resume point only for the checkpoints it posts, and its last one holds the final student', async () => {
    const cfg = toyConfig({ epochs: 4 });
    const events: WorkerEvent[] = [];
    const planner = { plan: async () => ({ name: 'cpu', reason: { code: 'forced' }, notes: [] }) } as unknown as BackendPlanner;
    const captures = vi.spyOn(HostAdam.prototype, 'getWeights');
    const before = tf.memory().numTensors;
    const run = new Run(3, cfg, 'cpu', (e) => events.push(e), planner, new UploadStore());
    const outcome = await run.execute();
    expect(outcome).not.toBeNull();
    const posted = events.filter((e): e is Extract<WorkerEvent, { type: 'checkpoint' }> => e.type === 'checkpoint');
    // Each phase's first and last epoch always get one; epochs between only when the page's spacing has passed.
    for (const phase of ['teacher', 'scratch', 'distill'] as const) {
      const epochs = posted.filter((c) => c.phase === phase).map((c) => c.epoch);
      expect(epochs[0]).toBe(1);
      expect(epochs.at(-1)).toBe(4);
    }
    expect(captures.mock.calls.length).toBe(posted.length);
    const last = decodeResumePoint(posted.at(-1)!.data);
    const final = await readWeights(outcome!.student);
    expect(last.weights.map((w) => Array.from(w))).toEqual(final.map((w) => Array.from(w)));
    outcome!.dispose();
    predictors.clear();
    expect(tf.memory().numTensors).toBe(before);
  });
});
