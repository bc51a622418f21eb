import * as tf from '@tensorflow/tfjs';

/**
 * sqrt(x) for x ≥ 0 with a finite gradient everywhere: where x ≤ `floor` the value is `atFloor` and the gradient 0
 * (sqrt's infinite slope at 0 stays out of the backward pass, as with PyTorch's masked std and `F.normalize`). A custom
 * gradient, so the comparison is not on the tape (tfjs has no gradient for comparisons).
 */
export function safeSqrt(x: tf.Tensor, floor: number, atFloor: number): tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const ok = tf.greater(input, floor);
    const root = tf.sqrt(tf.where(ok, input, tf.onesLike(input)));
    (args[1] as tf.GradSaveFunc)([ok, root]);
    return {
      value: tf.where(ok, root, tf.fill(input.shape, atFloor)),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [mask, r] = saved as [tf.Tensor, tf.Tensor];
        return tf.where(mask, tf.div(dy as tf.Tensor, tf.mul(r, 2)), tf.zerosLike(r));
      },
    };
  })(x);
}

/** Rows divided by their L2 norm along the last axis, the norm floored at `eps` (PyTorch's `F.normalize`, eps 1e-12). */
export function l2Normalize(x: tf.Tensor, eps = 1e-12): tf.Tensor {
  return tf.tidy(() => {
    const squares = tf.sum(tf.square(x), -1, true);
    return tf.div(x, safeSqrt(squares, eps * eps, eps));
  });
}
