import * as tf from '@tensorflow/tfjs';
import { safeSqrt } from './safeNorm';

/** The ε added to the standard deviation, as in the paper's code (`normalize` in mdistiller/distillers/KD.py). */
export const STANDARDIZE_EPS = 1e-7;

/**
 * Logit standardisation (Sun et al., CVPR 2024): each example's logits z-scored over the classes,
 * (z − mean(z)) / (ε + std(z)) with the unbiased (n − 1) standard deviation, as `torch.std` computes it. A row of equal
 * logits has std 0 and maps to zeros with a zero gradient through the std (PyTorch masks it the same way).
 */
export function standardizeLogits(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const classes = z.shape[1]!;
    if (classes < 2) throw new RangeError('Logit standardisation needs at least two classes.');
    const centred = tf.sub(z, tf.mean(z, -1, true));
    const variance = tf.div(tf.sum(tf.square(centred), -1, true), classes - 1);
    return tf.div(centred, tf.add(safeSqrt(variance, 0, 0), STANDARDIZE_EPS)) as tf.Tensor2D;
  });
}
