import * as tf from '@tensorflow/tfjs';

/** Logits plus the output of each hidden block, in `hiddenLayerOptions` order. */
export interface ForwardWithHidden {
  /** Output-layer logits, [batch, classes]. */
  logits: tf.Tensor2D;
  /** One tensor per hidden block, [batch, ...blockShape] (flatten it for a dense regressor). */
  hidden: tf.Tensor[];
}

/** Layers that open a hidden block (when they are not the output layer). */
const BLOCK_HEADS = new Set(['Conv2D', 'Dense']);
/** Layers that belong to the block opened before them. */
const BLOCK_TAILS = new Set(['BatchNormalization', 'Activation', 'MaxPooling2D']);

/**
 * Runs the model layer by layer and keeps each hidden block's output: a conv or dense layer with its batch norm,
 * activation and directly following max-pools, taken before any dropout. Matches `hiddenLayerOptions` for models
 * from `buildModel` (also after a save/load round trip). Tensors are owned by the caller.
 */
export function forwardWithHidden(model: tf.LayersModel, x: tf.Tensor, training: boolean): ForwardWithHidden {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const result = tf.tidy(() => {
    const hidden: tf.Tensor[] = [];
    let t = x;
    let inBlock = false;
    layers.forEach((layer, i) => {
      const name = layer.getClassName();
      const isOutput = i === layers.length - 1;
      if (inBlock && !BLOCK_TAILS.has(name)) {
        hidden.push(t);
        inBlock = false;
      }
      t = layer.apply(t, { training }) as tf.Tensor;
      if (!isOutput && BLOCK_HEADS.has(name)) inBlock = true;
    });
    if (inBlock) hidden.push(t);
    return { logits: t as tf.Tensor2D, hidden };
  });
  return result;
}
