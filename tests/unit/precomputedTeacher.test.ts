import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { buildModel, assignWeights, seededWeights } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import { precomputedTeacherProblem } from '../../src/engine/train/precomputedTeacher';
import type { ExperimentConfig, LossPoint } from '../../src/engine/train/types';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const controller = () => new RunController({ temperature: 4, alpha: 0.7 });
const load = (cfg: ExperimentConfig): Promise<Dataset> => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});

beforeAll(async () => {
  await useCpu();
});

/** Runs the experiment once with `teacher` as a tfjs model and once with its logits only; returns both. */
async function both(cfg: ExperimentConfig) {
  const data = await load(cfg);
  const teacher = buildModel(cfg.teacher, data.inputShape, data.numClasses, 'given');
  assignWeights(teacher, seededWeights(teacher, 99));
  const logitsOf = (x: Float32Array, n: number) => tf.tidy(() => (teacher.predict(tf.tensor(x, [n, ...data.inputShape])) as tf.Tensor).dataSync().slice() as Float32Array);
  const run = async (options: Parameters<typeof runExperiment>[4]) => {
    const losses: LossPoint[] = [];
    const evaluated: (string | null)[] = [];
    const out = await runExperiment(cfg, data, controller(), {
      onPhase: () => {},
      onLoss: (p) => losses.push(...p),
      onEpoch: () => {},
      evaluatedLogits: 4,
      onEvaluated: async (phase, _e, model, logits) => {
        if (phase === 'teacher') evaluated.push(model ? 'model' : logits ? `logits:${logits.length}` : null);
      },
    }, options);
    const results = out.results;
    out.dispose();
    return { losses, results, evaluated };
  };
  const asModel = await run({ teacher });
  const before = tf.memory().numTensors;
  const asLogits = await run({ precomputed: { train: logitsOf(data.train.x, data.train.count), test: logitsOf(data.test.x, data.test.count), params: 1234 } });
  const leaked = tf.memory().numTensors - before;
  teacher.dispose();
  return { asModel, asLogits, leaked, data };
}

describe('a teacher given only by its logits (ONNX teachers)', () => {
  it('distils exactly as the same teacher given as a model: same teacher accuracy, same student steps, no leaks', async () => {
    const { asModel, asLogits, leaked } = await both(toyConfig());
    expect(leaked).toBe(0);
    expect(asLogits.results.teacher.accuracy).toBe(asModel.results.teacher.accuracy);
    expect(asLogits.results.teacher.params).toBe(1234);
    expect(asLogits.losses).toEqual(asModel.losses);
    expect(asLogits.results.distilled.accuracy).toBe(asModel.results.distilled.accuracy);
    expect(asLogits.results.distilled.agreement).toBe(asModel.results.distilled.agreement);
    expect(asLogits.evaluated).toEqual([`logits:${4 * 3}`]); // no model, but the first test logits for the classroom
    expect(asLogits.results.latency!.teacher).toEqual([]);
  });

  it('lines its logits up with a seeded transfer subset (classes left out)', async () => {
    const { asModel, asLogits } = await both(toyConfig({ transferSize: 60, excludeClasses: [1] }));
    expect(asLogits.losses).toEqual(asModel.losses);
    expect(asLogits.results.distilled.accuracy).toBe(asModel.results.distilled.accuracy);
  });

  it('lines its logits up with the validation hold-out and a transfer subset, and reports the validation accuracy', async () => {
    const { asModel, asLogits } = await both(toyConfig({ validationFraction: 0.1, transferSize: 60 }));
    expect(asLogits.losses).toEqual(asModel.losses);
    expect(asLogits.results.distilled.accuracy).toBe(asModel.results.distilled.accuracy);
    expect(asLogits.results.teacher.valAccuracy).toBeCloseTo(asModel.results.teacher.valAccuracy!, 6);
  });

  it('refuses live teachers, augmented student inputs and hints, with a reason', async () => {
    expect(precomputedTeacherProblem({ teacherLive: true, augment: 'off' }, true)).toMatch(/cannot run live/);
    expect(precomputedTeacherProblem({ teacherLive: false, augment: 'all' }, true)).toMatch(/augmentation off/);
    expect(precomputedTeacherProblem({ teacherLive: false, augment: 'all' }, false)).toBeNull(); // no shifts on points
    expect(precomputedTeacherProblem({ teacherLive: false, augment: 'teacher' }, true)).toBeNull();
    expect(precomputedTeacherProblem({ hint: {}, teacherLive: false, augment: 'off' }, false)).toMatch(/hint/);
    const data = await load(toyConfig());
    const pre = { train: new Float32Array(data.train.count * 3), test: new Float32Array(data.test.count * 3), params: 1 };
    const noop = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };
    const before = tf.memory().numTensors;
    await expect(runExperiment(toyConfig({ teacherLive: true }), data, controller(), noop, { precomputed: pre })).rejects.toThrow(/live/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
