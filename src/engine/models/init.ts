import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';

/** How one weight variable is initialised, from its name and shape. */
export type WeightKind = 'dense-kernel' | 'conv-kernel' | 'zeros' | 'ones';

/** Kind of a weight from its tfjs name (`layer/kernel`, `layer/bias`, `bn/gamma`, `bn/moving_variance`, …). */
export function weightKind(name: string, shape: readonly number[]): WeightKind {
  const leaf = name.slice(name.lastIndexOf('/') + 1).replace(/_\d+$/, '');
  if (leaf === 'kernel') {
    if (shape.length === 2) return 'dense-kernel';
    if (shape.length === 4) return 'conv-kernel';
    throw new Error(`Unsupported kernel shape [${shape.join(', ')}] for ${name}.`);
  }
  if (leaf === 'gamma' || leaf === 'moving_variance') return 'ones';
  if (leaf === 'bias' || leaf === 'beta' || leaf === 'moving_mean') return 'zeros';
  throw new Error(`No seeded initialiser for weight ${name}.`);
}

/** Glorot fan-in and fan-out of a kernel: [in, out] for dense, kh·kw·inC and kh·kw·outC for conv [kh, kw, inC, outC]. */
export function kernelFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: receptive * shape[shape.length - 2]!, fanOut: receptive * shape[shape.length - 1]! };
}

/**
 * Initial values for every weight of a model, in `getWeights()` order, drawn from our own seeded generator:
 * Glorot-uniform dense and conv kernels, zero biases, batch-norm gamma and moving variance 1, beta and moving mean 0.
 * tfjs initialisers do not all honour their seed, so the studio never relies on them.
 */
export function seededWeights(model: tf.LayersModel, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return model.weights.map((w) => {
    const values = new Float32Array(w.shape.reduce((a: number, b) => a * (b ?? 1), 1));
    const kind = weightKind(w.originalName, w.shape as number[]);
    if (kind === 'ones') values.fill(1);
    if (kind === 'dense-kernel' || kind === 'conv-kernel') {
      const { fanIn, fanOut } = kernelFans(w.shape as number[]);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
    }
    return values;
  });
}

/** Assigns flat weight arrays (in `getWeights()` order) to a model. */
export function assignWeights(model: tf.LayersModel, values: readonly Float32Array[]): void {
  const current = model.getWeights();
  if (current.length !== values.length) throw new Error('Weight list does not match the model.');
  tf.tidy(() => model.setWeights(current.map((w, i) => tf.tensor(values[i]!, w.shape))));
}
