import * as tf from '@tensorflow/tfjs';

/**
 * sqrt(x) for x ≥ 0 with a finite gradient everywhere: where x ≤ `floor` the value is `atFloor` and the gradient 0
 * (the double `where` keeps sqrt's infinite slope at 0 out of the backward pass, as PyTorch's masked std and
 * `F.normalize` do).
 */
export function safeSqrt(x: tf.Tensor, floor: number, atFloor: number): tf.Tensor {
  return tf.tidy(() => {
    const ok = tf.greater(x, floor);
    const safe = tf.where(ok, x, tf.onesLike(x));
    return tf.where(ok, tf.sqrt(safe), tf.fill(x.shape, atFloor));
  });
}

/** Rows divided by their L2 norm along the last axis, the norm floored at `eps` (PyTorch's `F.normalize`, eps 1e-12). */
export function l2Normalize(x: tf.Tensor, eps = 1e-12): tf.Tensor {
  return tf.tidy(() => {
    const squares = tf.sum(tf.square(x), -1, true);
    return tf.div(x, safeSqrt(squares, eps * eps, eps));
  });
}
