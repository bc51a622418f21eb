import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';
import type { ArchSpec } from './spec';

/** Builds an uninitialised (zero-weight) tfjs layers model; call `seededWeights` + `setWeights` before training. */
export function buildModel(spec: ArchSpec, inputShape: number[], numClasses: number, name: string): tf.Sequential {
  const model = tf.sequential({ name });
  spec.hidden.forEach((width, i) => {
    model.add(
      tf.layers.dense({
        units: width,
        activation: spec.activation,
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: numClasses,
      kernelInitializer: 'zeros',
      biasInitializer: 'zeros',
      ...(spec.hidden.length === 0 ? { inputShape } : {}),
    }),
  );
  return model;
}

/**
 * Glorot-uniform kernels and zero biases drawn from our own seeded generator.
 * tfjs initialisers do not all honour their seed, so the studio never relies on them.
 */
export function seededWeights(model: tf.LayersModel, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return model.getWeights().map((w) => {
    const size = w.size;
    const values = new Float32Array(size);
    if (w.shape.length >= 2) {
      const fanOut = w.shape[w.shape.length - 1]!;
      const fanIn = size / fanOut;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) values[i] = rng.uniform(-limit, limit);
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

/** Trainable variables of a model, for `optimizer.minimize(..., varList)`. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}
