import * as tf from '@tensorflow/tfjs';
import type { KdLossParts } from '../losses';

/** Values per step in the tensor `trainStep` returns: total, soft, hard, hint, at, rkd. */
export const PARTS_PER_STEP = 6;

/**
 * One optimiser step inside `tf.tidy`. Returns `[total, soft, hard, hint, at, rkd]` as a kept rank-1 tensor that
 * the caller reads back later (asynchronously, in batches) and then disposes.
 */
export function trainStep(optimizer: tf.Optimizer, vars: tf.Variable[], lossFn: () => KdLossParts): tf.Tensor1D {
  const holder: { parts: tf.Tensor1D | null } = { parts: null };
  tf.tidy(() => {
    optimizer.minimize(
      () => {
        const p = lossFn();
        const zero = tf.zerosLike(p.total);
        holder.parts = tf.keep(tf.stack([p.total, p.soft, p.hard, p.hint ?? zero, p.at ?? zero, p.rkd ?? zero]) as tf.Tensor1D);
        return p.total;
      },
      false,
      vars,
    );
  });
  if (!holder.parts) throw new Error('The loss function produced no value.');
  return holder.parts;
}
