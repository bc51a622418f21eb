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

/** Mean squared difference between student and teacher logits over all entries (Ba & Caruana 2014). */
export function logitMse(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(studentLogits, teacherLogits)) as tf.Scalar);
}

/** Which soft term the student learns from: soft targets (KL at temperature T) or raw logits (MSE). */
export type SoftTerm = 'kl' | 'mse';

/** Weights of the distillation objective. */
export interface KdWeights {
  /** The soft term; defaults to Hinton's KL. */
  softTerm?: SoftTerm;
  /** Temperature T > 0 applied to both teacher and student logits in the soft term. */
  temperature: number;
  /** Weight α ∈ [0, 1] of the soft term; the hard term gets 1 − α. */
  alpha: number;
  /** Multiply the soft term by T² (Hinton 2015) so its gradient scale does not shrink with T. */
  scaleByT2: boolean;
}

/** The distillation loss and its weighted parts: `total = soft + hard (+ hint)`. */
export interface KdLossParts {
  /** α · T² · KL (or α · KL without the T² factor, or α · MSE of logits). */
  soft: tf.Scalar;
  /** (1 − α) · CE(y, softmax(z_s)). */
  hard: tf.Scalar;
  /** β · MSE of hidden features (FitNets); absent when no hint term is used. */
  hint?: tf.Scalar;
  /** soft + hard + hint. */
  total: tf.Scalar;
}

/** A learned linear map from the student's hint width to the teacher's (FitNets regressor). */
export interface HintAdapter {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/**
 * FitNets hint term (Romero et al. 2015): β · mean((adapter(h_s) − h_t)²) over batch and features, with both
 * hidden outputs flattened per example; without an adapter the widths must already match.
 */
export function hintLoss(studentHidden: tf.Tensor, teacherHidden: tf.Tensor, adapter: HintAdapter | null, beta: number): tf.Scalar {
  return tf.tidy(() => {
    const n = studentHidden.shape[0]!;
    const hs = tf.reshape(studentHidden, [n, -1]) as tf.Tensor2D;
    const ht = tf.reshape(teacherHidden, [n, -1]) as tf.Tensor2D;
    const mapped = adapter ? tf.add(tf.matMul(hs, adapter.kernel as tf.Tensor2D), adapter.bias) : hs;
    if (mapped.shape[1] !== ht.shape[1]) throw new Error(`Hint widths differ (${mapped.shape[1]} vs ${ht.shape[1]}) and no adapter was given.`);
    return tf.mul(tf.mean(tf.squaredDifference(mapped, ht)), beta) as tf.Scalar;
  });
}

/** Hard-label cross-entropy as loss parts (soft part 0), for teacher and scratch training. */
export function hardLossParts(oneHot: tf.Tensor2D, logits: tf.Tensor2D): KdLossParts {
  const ce = crossEntropy(oneHot, logits);
  return { total: ce, hard: ce, soft: tf.zerosLike(ce) };
}

/** Adds a hint term to distillation parts (total includes it). */
export function withHint(parts: KdLossParts, hint: tf.Scalar): KdLossParts {
  return { ...parts, hint, total: tf.add(parts.total, hint) as tf.Scalar };
}

/**
 * Hinton et al. 2015: α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1−α)·CE(y, softmax(z_s)); with
 * `softTerm: 'mse'`, Ba & Caruana 2014: α·MSE(z_s, z_t) + (1−α)·CE (T does not apply to logits).
 */
export function distillationLoss(
  oneHot: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  { temperature, alpha, scaleByT2, softTerm = 'kl' }: KdWeights,
): KdLossParts {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`Temperature must be > 0 (got ${temperature}).`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`Alpha must be within [0, 1] (got ${alpha}).`);
  const soft =
    softTerm === 'mse'
      ? (tf.mul(logitMse(teacherLogits, studentLogits), alpha) as tf.Scalar)
      : (tf.mul(softTargetKl(teacherLogits, studentLogits, temperature), alpha * (scaleByT2 ? temperature * temperature : 1)) as tf.Scalar);
  const hard = tf.mul(crossEntropy(oneHot, studentLogits), 1 - alpha) as tf.Scalar;
  return { soft, hard, total: tf.add(soft, hard) as tf.Scalar };
}
