import * as tf from '@tensorflow/tfjs';
import type { SoftTerm } from '../losses';

/**
 * The logits that stand for an ensemble in a distillation loss (Hinton et al. 2015, section 2): for KL and DKD,
 * `T · log(mean_k softmax(z_k / T))`, so the loss's softmax at the same T gives exactly the average of the K teachers'
 * probabilities at T (the soft targets are averaged at the distillation temperature, not at T = 1); for MSE on
 * logits, the mean logit. Members are `[batch, classes]` logits of one batch; the result is owned by the caller.
 */
export function ensembleLogits(members: readonly tf.Tensor2D[], temperature: number, softTerm: SoftTerm): tf.Tensor2D {
  if (members.length === 0) throw new Error('An ensemble needs at least one teacher.');
  return tf.tidy(() => {
    const z = tf.stack(members as tf.Tensor2D[]) as tf.Tensor3D;
    if (softTerm === 'mse') return tf.mean(z, 0) as tf.Tensor2D;
    // log(mean_k p_k) = logsumexp_k(log p_k) − log K, computed from log-softmax (stable for huge logits).
    const logMean = tf.sub(tf.logSumExp(tf.logSoftmax(tf.div(z, temperature)), 0), Math.log(members.length));
    return tf.mul(logMean, temperature) as tf.Tensor2D;
  });
}

/** The ensemble's rows `idx` of its members' cached logits, combined at this T for this soft term. */
export function ensembleBatchLogits(members: readonly tf.Tensor2D[], idx: tf.Tensor1D, temperature: number, softTerm: SoftTerm): tf.Tensor2D {
  return tf.tidy(() => ensembleLogits(members.map((m) => tf.gather(m, idx)), temperature, softTerm));
}
