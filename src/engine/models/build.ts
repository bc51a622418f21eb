import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../rng';
import { planArch, type PlannedLayer } from './plan';
import { SeededDropout } from './seededDropout';
import type { ArchSpec } from './spec';

export { assignWeights, seededWeights } from './init';

/**
 * Momentum of batch norm's moving mean and variance: 0.9 (PyTorch's default, its momentum 0.1). Keras's 0.99 leaves the
 * moving variance near its starting 1 for hundreds of steps while the batches' variance is ~0.02 on [0, 1] pixels, so
 * a model evaluated after a few epochs of a few thousand pictures scored at chance although it had learnt.
 */
export const BATCH_NORM_MOMENTUM = 0.9;

/** Options of `buildModel`. */
export interface BuildOptions {
  /** Seed of the dropout masks (each dropout layer derives its own stream); default 0. */
  seed?: number;
}

/** The tfjs layers that implement one planned layer (`first` carries the input shape). */
function tfLayers(l: PlannedLayer, index: number, first: boolean, seed: number): tf.layers.Layer[] {
  const input = first ? { inputShape: l.inShape } : {};
  const n = index + 1;
  switch (l.op) {
    case 'flatten':
      return [tf.layers.flatten({ name: `flatten_${n}`, ...input })];
    case 'dense':
      return [
        tf.layers.dense({
          name: l.activation === null ? 'logits' : `dense_${n}`,
          units: l.units,
          ...(l.activation === null ? {} : { activation: l.activation }),
          kernelInitializer: 'zeros',
          biasInitializer: 'zeros',
          ...input,
        }),
      ];
    case 'conv': {
      // 'valid' padding (no zero border), as in the classic Keras MNIST CNN: shapes shrink by kernel − 1,
      // which keeps the parameter and FLOP arithmetic simple and avoids learning from artificial borders.
      const conv = tf.layers.conv2d({
        name: `conv_${n}`,
        filters: l.filters,
        kernelSize: l.kernel,
        strides: l.stride,
        padding: 'valid',
        ...(l.batchNorm ? { useBias: false } : { activation: l.activation, biasInitializer: 'zeros' }),
        kernelInitializer: 'zeros',
        ...input,
      });
      if (!l.batchNorm) return [conv];
      return [conv, tf.layers.batchNormalization({ name: `bn_${n}`, axis: -1, momentum: BATCH_NORM_MOMENTUM }), tf.layers.activation({ name: `act_${n}`, activation: l.activation })];
    }
    case 'maxpool':
      return [tf.layers.maxPooling2d({ name: `pool_${n}`, poolSize: l.size, strides: l.size, padding: 'valid', ...input })];
    case 'dropout': {
      const drop = new SeededDropout({ name: `dropout_${n}`, rate: l.rate, seed: deriveSeed(seed, `dropout-${n}`) });
      return first ? [tf.layers.inputLayer({ inputShape: l.inShape }), drop] : [drop];
    }
  }
}

/**
 * Builds a tfjs layers model for any architecture (throws with `validateArch`'s message if it is invalid).
 * Weights start at zero (batch norm at identity): call `seededWeights` + `assignWeights` before training.
 * Dropout masks are drawn from `options.seed`, so the same seed gives the same masks step by step.
 */
export function buildModel(spec: ArchSpec, inputShape: number[], numClasses: number, name: string, options: BuildOptions = {}): tf.Sequential {
  const plan = planArch(spec, inputShape, numClasses);
  if (!plan.ok) throw new Error(plan.error);
  const model = tf.sequential({ name });
  const seed = options.seed ?? 0;
  plan.layers.forEach((l, i) => {
    for (const layer of tfLayers(l, i, i === 0, seed)) model.add(layer);
  });
  return model;
}

/** Trainable variables of a model, for `optimizer.minimize(..., varList)`. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}
