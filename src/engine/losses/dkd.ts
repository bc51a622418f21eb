import * as tf from '@tensorflow/tfjs';

/** DKD's settings (Zhao et al., CVPR 2022): the weights of its two parts and the linear warm-up, in epochs. */
export interface DkdSettings {
  /** α_DKD: weight of the target-class part (TCKD). */
  alpha: number;
  /** β_DKD: weight of the non-target-class part (NCKD). */
  beta: number;
  /** The DKD term is scaled by min(epoch / warmup, 1) (epochs 1-based); 0: no warm-up. */
  warmup: number;
}

/** The paper's CIFAR-100 settings as defaults (mdistiller's configs/cifar100/dkd: α 1, β 8, warm-up 20 of 240 epochs). */
export const DKD_DEFAULTS: DkdSettings = { alpha: 1, beta: 8, warmup: 20 };

/** DKD's warm-up factor min(epoch / warmup, 1) at a 1-based epoch (1 without warm-up). */
export function dkdWarmup(epoch: number, warmup: number): number {
  return warmup > 0 ? Math.min(epoch / warmup, 1) : 1;
}

/** The two parts of KD at temperature T, batch means (no T², no weights). */
export interface DkdParts {
  /** TCKD: KL between the binary distributions (p_t, 1 − p_t) of teacher and student. */
  tckd: tf.Scalar;
  /** NCKD: KL between teacher and student distributions over the non-target classes, renormalised. */
  nckd: tf.Scalar;
}

/** A large negative logit offset that removes the target class from a softmax in float32 (exp underflows to 0). */
const MASKED = -1e9;

/**
 * TCKD and NCKD of a batch at temperature T, in log space: log p_t = log-softmax at the target; log(1 − p_t) =
 * logsumexp over the other classes − logsumexp over all; the non-target distribution p̂ is the softmax with the target
 * logit pushed to −1e9. Per example, KL(p ‖ q) = TCKD + (1 − p_t)·NCKD exactly (the paper's Eq. 3, p_t the teacher's).
 */
export function dkdParts(oneHot: tf.Tensor2D, teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, temperature: number): DkdParts {
  return tf.tidy(() => {
    const zt = tf.div(teacherLogits, temperature);
    const zs = tf.div(studentLogits, temperature);
    const others = tf.mul(oneHot, MASKED);
    const split = (z: tf.Tensor) => {
      const all = tf.logSumExp(z, -1);
      const masked = tf.add(z, others);
      return { logTarget: tf.sub(tf.sum(tf.mul(z, oneHot), -1), all), logRest: tf.sub(tf.logSumExp(masked, -1), all), logHat: tf.logSoftmax(masked) };
    };
    const t = split(zt);
    const s = split(zs);
    const pTarget = tf.exp(t.logTarget);
    const pRest = tf.exp(t.logRest);
    const tckd = tf.add(tf.mul(pTarget, tf.sub(t.logTarget, s.logTarget)), tf.mul(pRest, tf.sub(t.logRest, s.logRest)));
    // The target column carries p̂ = 0 (exp(−1e9) underflows), so its log difference never counts.
    const keep = tf.sub(1, oneHot);
    const nckd = tf.sum(tf.mul(tf.mul(tf.exp(t.logHat), keep), tf.sub(t.logHat, s.logHat)), -1);
    return { tckd: tf.mean(tckd) as tf.Scalar, nckd: tf.mean(nckd) as tf.Scalar };
  });
}

/** DKD's loss: scale · (α_DKD·TCKD + β_DKD·NCKD) at temperature T (scale carries T², the warm-up and the studio's α). */
export function dkdLoss(oneHot: tf.Tensor2D, teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, temperature: number, alpha: number, beta: number, scale: number): tf.Scalar {
  return tf.tidy(() => {
    const { tckd, nckd } = dkdParts(oneHot, teacherLogits, studentLogits, temperature);
    return tf.mul(tf.add(tf.mul(tckd, alpha), tf.mul(nckd, beta)), scale) as tf.Scalar;
  });
}
