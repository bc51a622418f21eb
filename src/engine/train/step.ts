import * as tf from '@tensorflow/tfjs';
import { hostMemory } from '../hostMemory';
import type { KdLossParts } from '../losses';

/** Values per step in the tensor `trainStep` returns: total, soft, hard, hint, at, rkd. */
export const PARTS_PER_STEP = 6;

/**
 * One optimiser step inside `tf.tidy`. Returns `[total, soft, hard, hint, at, rkd]` as a kept rank-1 tensor that
 * the caller reads back later (asynchronously, in batches) and then disposes.
 */
export function trainStep(optimizer: tf.Optimizer, vars: tf.Variable[], lossFn: () => KdLossParts): tf.Tensor1D {
  const holder: { parts: tf.Tensor1D | null } = { parts: null };
  const memory = hostMemory();
  tf.tidy(() => {
    optimizer.minimize(
      () => {
        const p = lossFn();
        const terms = [p.total, p.soft, p.hard, p.hint, p.at, p.rkd];
        if (memory) {
          // Host memory: the six values are copied into one new tensor (no zeros, expand and concat kernels).
          const [out] = memory.outputs([PARTS_PER_STEP], 1);
          terms.forEach((t, i) => (out!.values[i] = t ? memory.view(t)[0]! : 0));
          holder.parts = tf.keep(tf.engine().makeTensorFromTensorInfo(out!.info) as tf.Tensor1D);
        } else {
          const zero = tf.zerosLike(p.total);
          holder.parts = tf.keep(tf.stack(terms.map((t) => t ?? zero)) as tf.Tensor1D);
        }
        return p.total;
      },
      false,
      vars,
    );
  });
  if (!holder.parts) throw new Error('The loss function produced no value.');
  return holder.parts;
}
