import * as tf from '@tensorflow/tfjs';

/** Mean cross-entropy of integer-label one-hots against logits, via log-softmax (stable for huge logits). */
export function crossEntropy(oneHot: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar);
}

/** Mean KL(softmax(teacher/T) ‖ softmax(student/T)) over the batch, computed with log-softmax only. */
export function softTargetKl(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const logQ = tf.logSoftmax(tf.div(studentLogits, temperature));
    return tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), -1));
  });
}

/** Weights of the Hinton distillation objective. */
export interface KdWeights {
  /** Temperature T > 0 applied to both teacher and student logits in the soft term. */
  temperature: number;
  /** Weight α ∈ [0, 1] of the soft term; the hard term gets 1 − α. */
  alpha: number;
  /** Multiply the soft term by T² (Hinton 2015) so its gradient scale does not shrink with T. */
  scaleByT2: boolean;
}

/** The distillation loss and its weighted parts: `total = soft + hard`. */
export interface KdLossParts {
  /** α · T² · KL (or α · KL without the T² factor). */
  soft: tf.Scalar;
  /** (1 − α) · CE(y, softmax(z_s)). */
  hard: tf.Scalar;
  /** soft + hard. */
  total: tf.Scalar;
}

/** Hinton et al. 2015: α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1−α)·CE(y, softmax(z_s)). */
export function distillationLoss(
  oneHot: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  { temperature, alpha, scaleByT2 }: KdWeights,
): KdLossParts {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`Temperature must be > 0 (got ${temperature}).`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`Alpha must be within [0, 1] (got ${alpha}).`);
  const softScale = alpha * (scaleByT2 ? temperature * temperature : 1);
  const soft = tf.mul(softTargetKl(teacherLogits, studentLogits, temperature), softScale) as tf.Scalar;
  const hard = tf.mul(crossEntropy(oneHot, studentLogits), 1 - alpha) as tf.Scalar;
  return { soft, hard, total: tf.add(soft, hard) as tf.Scalar };
}
