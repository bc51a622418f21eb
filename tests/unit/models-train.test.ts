import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { crossEntropy } from '../../src/engine/losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import { forwardWithHidden } from '../../src/engine/models/forward';
import { findPreset, IMAGE_TEACHER_PRESETS } from '../../src/engine/models/presets';
import { SeededDropout } from '../../src/engine/models/seededDropout';
import { hiddenLayerOptions, type ArchSpec, type CnnSpec } from '../../src/engine/models/spec';
import { trainStep } from '../../src/engine/train/step';
import { useCpu } from './tfSetup';

const MNIST_CNN = findPreset(IMAGE_TEACHER_PRESETS, 'cnn-32-64-128').spec;
/** A small CNN with batch norm and gelu, on 12×12×1 images, so CPU steps stay fast. */
const BN_CNN: CnnSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'gelu', batchNorm: true },
    { type: 'maxpool', size: 2 },
    { type: 'conv', filters: 6, kernel: 3, stride: 1, activation: 'relu' },
    { type: 'dense', units: 8, activation: 'tanh' },
    { type: 'dropout', rate: 0.3 },
  ],
};
const DROP_MLP: ArchSpec = { kind: 'mlp', hidden: [16, 16], activation: 'relu', dropout: 0.5 };
const GELU_MLP: ArchSpec = { kind: 'mlp', hidden: [16], activation: 'gelu' };
const SMALL = [12, 12, 1];

/** A seeded model with its weights installed. */
function seeded(spec: ArchSpec, shape: number[], classes: number, dropoutSeed = 1, initSeed = 2): tf.Sequential {
  const m = buildModel(spec, shape, classes, 'm', { seed: dropoutSeed });
  assignWeights(m, seededWeights(m, initSeed));
  return m;
}

/** A fixed batch of inputs and one-hot labels. */
function batch(shape: number[], n: number, classes: number): { x: tf.Tensor; y: tf.Tensor2D } {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(Array.from({ length: n * size }, (_, i) => Math.sin(i * 0.37)), [n, ...shape]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32'), classes).toFloat() as tf.Tensor2D;
  return { x, y };
}

/** One cross-entropy training step; returns the loss. */
function step(model: tf.LayersModel, opt: tf.Optimizer, x: tf.Tensor, y: tf.Tensor2D): number {
  const parts = trainStep(opt, trainableVariables(model), () => {
    const ce = crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D);
    return { total: ce, soft: tf.zerosLike(ce), hard: ce };
  });
  const loss = parts.dataSync()[0]!;
  parts.dispose();
  return loss;
}

/** Saves a model to memory and loads it back with the stock `tf.loadLayersModel`. */
async function roundTrip(model: tf.LayersModel): Promise<{ loaded: tf.LayersModel; json: string }> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new Error('nothing saved');
  const saved: tf.io.ModelArtifacts = artifacts;
  return { loaded: await tf.loadLayersModel(tf.io.fromMemory(saved)), json: JSON.stringify(saved.modelTopology) };
}

const run = (m: tf.LayersModel, x: tf.Tensor, training: boolean): Float32Array =>
  tf.tidy(() => (m.apply(x, { training }) as tf.Tensor).dataSync() as Float32Array);

beforeAll(async () => {
  await useCpu();
});

describe('seeded dropout', () => {
  it('drops about `rate` of the units, scales the rest by 1/(1−rate), and is the identity at inference', () => {
    const layer = new SeededDropout({ rate: 0.3, seed: 11 });
    const ones = tf.ones([50, 100]);
    const out = (layer.apply(ones, { training: true }) as tf.Tensor).dataSync();
    const zeros = out.filter((v) => v === 0).length / out.length;
    expect(zeros).toBeGreaterThan(0.27);
    expect(zeros).toBeLessThan(0.33);
    expect(out.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expect((layer.apply(ones, { training: false }) as tf.Tensor).dataSync().every((v) => v === 1)).toBe(true);
    tf.dispose(ones);
  });

  it('same seed ⇒ same masks, call after call; different seed ⇒ different masks; masks change between steps', () => {
    const { x } = batch([2], 8, 3);
    const a = seeded(DROP_MLP, [2], 3, 9);
    const b = seeded(DROP_MLP, [2], 3, 9);
    const c = seeded(DROP_MLP, [2], 3, 10);
    const a1 = run(a, x, true);
    const a2 = run(a, x, true);
    expect(run(b, x, true)).toEqual(a1);
    expect(run(b, x, true)).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(run(c, x, true)).not.toEqual(a1);
    // Inference ignores dropout: same as an identical MLP without dropout.
    const plain = buildModel({ ...DROP_MLP, dropout: 0 }, [2], 3, 'plain');
    assignWeights(plain, seededWeights(plain, 2));
    expect(run(a, x, false)).toEqual(run(plain, x, false));
    tf.dispose([x]);
    for (const m of [a, b, c, plain]) m.dispose();
  });

  it('same seed ⇒ same training curve; a different dropout seed changes it', () => {
    const curve = (dropoutSeed: number): number[] => {
      const { x, y } = batch([2], 16, 3);
      const m = seeded(DROP_MLP, [2], 3, dropoutSeed);
      const opt = tf.train.adam(0.05);
      const losses = [0, 1, 2, 3].map(() => step(m, opt, x, y));
      opt.dispose();
      m.dispose();
      tf.dispose([x, y]);
      return losses;
    };
    const first = curve(5);
    expect(curve(5)).toEqual(first);
    expect(curve(6)).not.toEqual(first);
  });
});

describe('forwardWithHidden', () => {
  it('returns logits equal to apply() and one tensor per hidden block, matching hiddenLayerOptions', () => {
    const m = seeded(MNIST_CNN, [28, 28, 1], 10);
    const { x } = batch([28, 28, 1], 2, 10);
    const before = tf.memory().numTensors;
    const { logits, hidden } = forwardWithHidden(m, x, false);
    expect(tf.memory().numTensors).toBe(before + 1 + hidden.length);
    expect(logits.shape).toEqual([2, 10]);
    expect(hidden.map((h) => h.shape)).toEqual([
      [2, 13, 13, 32],
      [2, 5, 5, 64],
      [2, 128],
    ]);
    expect(hidden.map((h) => h.size / 2)).toEqual(hiddenLayerOptions(MNIST_CNN, [28, 28, 1]).map((o) => o.width));
    expect(logits.dataSync()).toEqual(run(m, x, false));
    tf.dispose([logits, ...hidden, x]);
    m.dispose();
  });

  it('works for MLPs (flattened images, dropout), batch-norm CNNs and input dropout', () => {
    const cases: [ArchSpec, number[]][] = [
      [{ kind: 'mlp', hidden: [12, 7], activation: 'relu', dropout: 0.5 }, [28, 28, 1]],
      [BN_CNN, SMALL],
      [{ kind: 'mlp', hidden: [], activation: 'relu' }, [2]],
      [{ kind: 'cnn', layers: [{ type: 'dropout', rate: 0.2 }, { type: 'conv', filters: 2, kernel: 5, stride: 2, activation: 'tanh' }] }, SMALL],
    ];
    for (const [spec, shape] of cases) {
      const m = seeded(spec, shape, 3);
      const { x } = batch(shape, 4, 3);
      const { logits, hidden } = forwardWithHidden(m, x, true);
      expect(logits.shape).toEqual([4, 3]);
      expect(hidden.map((h) => h.size / 4)).toEqual(hiddenLayerOptions(spec, shape).map((o) => o.width));
      tf.dispose([logits, ...hidden, x]);
      m.dispose();
    }
  });
});

describe('training steps', () => {
  it.each<[string, ArchSpec, number[]]>([
    ['CNN with batch norm, gelu and dropout', BN_CNN, SMALL],
    ['MLP with dropout', DROP_MLP, [2]],
    ['gelu MLP on images', GELU_MLP, SMALL],
  ])('%s: finite loss, weights move, no tensor leaks', (_name, spec, shape) => {
    const m = seeded(spec, shape, 3);
    const { x, y } = batch(shape, 4, 3);
    const opt = tf.train.adam(0.01);
    const start = m.getWeights().map((w) => w.dataSync().slice());
    expect(Number.isFinite(step(m, opt, x, y))).toBe(true); // creates Adam's slots
    const before = tf.memory().numTensors;
    expect(Number.isFinite(step(m, opt, x, y))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    const after = m.getWeights().map((w) => w.dataSync());
    m.weights.forEach((w, i) => {
      // Every weight changes, including batch norm's moving statistics (updated in training mode).
      expect(after[i], w.originalName).not.toEqual(start[i]);
    });
    opt.dispose();
    tf.dispose([x, y]);
    m.dispose();
  });
});

describe('save → tf.loadLayersModel', () => {
  it.each<[string, ArchSpec, number[]]>([
    ['MLP with dropout', DROP_MLP, [2]],
    ['gelu MLP', GELU_MLP, SMALL],
    ['CNN with batch norm and gelu', BN_CNN, SMALL],
  ])('%s loads with stock tfjs and predicts identically', async (_name, spec, shape) => {
    const m = seeded(spec, shape, 3);
    const { x, y } = batch(shape, 4, 3);
    const opt = tf.train.sgd(0.1);
    step(m, opt, x, y); // moves batch norm's moving stats away from their initial values
    opt.dispose();
    const { loaded, json } = await roundTrip(m);
    expect(json).not.toMatch(/SeededDropout/);
    if (spec === GELU_MLP || spec === BN_CNN) expect(json).toMatch(/"gelu"/);
    if (spec !== GELU_MLP) expect(json).toMatch(/"class_name":"Dropout","config":\{[^}]*"rate":0\.[35]/);
    if (spec === BN_CNN) expect(json).toMatch(/"class_name":"BatchNormalization"/);
    expect(loaded.countParams()).toBe(m.countParams());
    expect(run(loaded, x, false)).toEqual(run(m, x, false));
    const hidden = forwardWithHidden(loaded, x, false);
    expect(hidden.hidden.length).toBe(hiddenLayerOptions(spec, shape).length);
    tf.dispose([hidden.logits, ...hidden.hidden, x, y]);
    loaded.dispose();
    m.dispose();
  });
});
