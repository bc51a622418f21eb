import * as tf from '@tensorflow/tfjs';
import { DKD_DEFAULTS, dkdLoss, dkdWarmup, type DkdSettings } from './losses/dkd';
import { hostLossBackend, hostLossParts } from './losses/hostLoss';
import { standardizeLogits } from './losses/standardize';

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

/** Which soft term the student learns from: soft targets (KL at temperature T), raw logits (MSE) or decoupled KD (DKD). */
export type SoftTerm = 'kl' | 'mse' | 'dkd';

/** Every soft term, in menu order. */
export const SOFT_TERMS: readonly SoftTerm[] = ['kl', 'mse', 'dkd'];

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
  /** DKD's α_DKD, β_DKD and warm-up (used when `softTerm` is 'dkd'; absent: the paper's defaults). */
  dkd?: DkdSettings;
  /** Z-score both models' logits per example before the temperature softmax (Sun et al. 2024; KL and DKD only). */
  standardize?: boolean;
}

/** The distillation loss and its weighted parts: `total = soft + hard (+ hint)`. */
export interface KdLossParts {
  /** α · T² · KL (or α · KL without the T² factor, or α · MSE of logits). */
  soft: tf.Scalar;
  /** (1 − α) · CE(y, softmax(z_s)). */
  hard: tf.Scalar;
  /** β · MSE of hidden features (FitNets); absent when no hint term is used. */
  hint?: tf.Scalar;
  /** β · attention-transfer loss (Zagoruyko & Komodakis 2017); absent when not used. */
  at?: tf.Scalar;
  /** w_D · RKD distance + w_A · RKD angle (Park et al. 2019); absent when not used. */
  rkd?: tf.Scalar;
  /** soft + hard + hint + at + rkd. */
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

/**
 * Hard-label cross-entropy as loss parts (soft part 0), for teacher and scratch training. The gradient is the closed
 * form (softmax(z) − y)/B through `tf.customGrad`, a handful of ops instead of autodiff through log-softmax.
 */
export function hardLossParts(oneHot: tf.Tensor2D, logits: tf.Tensor2D): KdLossParts {
  // On WASM, one host pass (see `hostLoss.ts`).
  if (hostLossBackend()) return hostLossParts(oneHot, null, logits, { soft: 'none', temperature: 1, alpha: 0, scaleByT2: false, hardWeight: 1 })!;
  const ce = hardTerm(oneHot, logits, 1);
  return { total: ce, hard: ce, soft: tf.zerosLike(ce) };
}

/**
 * A scalar of z whose gradient is given in closed form: `f` returns the value and dValue/dz, and the tape records one
 * node instead of every op of the forward pass. `dValue/dz` is multiplied by the incoming gradient.
 */
function withClosedFormGradient(z: tf.Tensor2D, f: (z: tf.Tensor2D) => { value: tf.Scalar; gradient: tf.Tensor }): tf.Scalar {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const { value, gradient } = f(args[0] as tf.Tensor2D);
    (args[1] as tf.GradSaveFunc)([gradient]);
    return { value, gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.mul(saved[0]!, dy as tf.Tensor) };
  })(z) as tf.Scalar;
}

/** weight · CE(y, softmax(z)), batch mean; gradient weight · (softmax(z) − y)/B. */
function hardTerm(oneHot: tf.Tensor2D, logits: tf.Tensor2D, weight: number): tf.Scalar {
  return withClosedFormGradient(logits, (z) => {
    const logQ = tf.logSoftmax(z);
    return {
      value: tf.mul(tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logQ), -1))), weight) as tf.Scalar,
      gradient: tf.mul(tf.sub(tf.exp(logQ), oneHot), weight / z.shape[0]!),
    };
  });
}

/** Adds a hint term to distillation parts (total includes it). */
export function withHint(parts: KdLossParts, hint: tf.Scalar): KdLossParts {
  return { ...parts, hint, total: tf.add(parts.total, hint) as tf.Scalar };
}

/** Adds an attention-transfer or RKD term to distillation parts (total includes it). */
export function withTerm(parts: KdLossParts, name: 'at' | 'rkd', term: tf.Scalar): KdLossParts {
  return { ...parts, [name]: term, total: tf.add(parts.total, term) as tf.Scalar };
}

/**
 * The soft term of DKD or of standardised KL, by autodiff: KL at T (or DKD's α_DKD·TCKD + β_DKD·NCKD, times its warm-up
 * min(epoch/warmup, 1)), with both models' logits z-scored first when `standardize` is on; times α and T² (when on).
 */
function autodiffSoftTerm(oneHot: tf.Tensor2D, teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, weights: KdWeights, epoch: number): tf.Scalar {
  const { temperature, alpha, scaleByT2, softTerm = 'kl', standardize = false } = weights;
  return tf.tidy(() => {
    const zt = standardize ? standardizeLogits(teacherLogits) : teacherLogits;
    const zs = standardize ? standardizeLogits(studentLogits) : studentLogits;
    const scale = alpha * (scaleByT2 ? temperature * temperature : 1);
    if (softTerm === 'dkd') {
      const d = weights.dkd ?? DKD_DEFAULTS;
      return dkdLoss(oneHot, zt, zs, temperature, d.alpha, d.beta, scale * dkdWarmup(epoch, d.warmup));
    }
    return tf.mul(softTargetKl(zt, zs, temperature), scale) as tf.Scalar;
  });
}

/**
 * Hinton et al. 2015: α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1−α)·CE(y, softmax(z_s)); with
 * `softTerm: 'mse'`, Ba & Caruana 2014: α·MSE(z_s, z_t) + (1−α)·CE (T does not apply to logits).
 * The values use log-softmax only; the gradient with respect to the student's logits is the closed form
 * through `tf.customGrad`, far fewer ops than autodiff through both log-softmaxes:
 * - KL soft term: α·T·(softmax(z_s/T) − softmax(z_t/T))/B with T², α·(softmax(z_s/T) − softmax(z_t/T))/(T·B) without;
 * - MSE soft term: α·2·(z_s − z_t)/(B·C);
 * - hard term: (1 − α)·(softmax(z_s) − y)/B.
 * On the WASM backend the KL and MSE losses and their gradients are computed in one host pass instead.
 * With `softTerm: 'dkd'` (Zhao et al. 2022) or `standardize` (Sun et al. 2024) the soft term is taken by autodiff;
 * `epoch` (1-based) sets DKD's warm-up factor (absent: fully warmed up).
 */
export function distillationLoss(
  oneHot: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  weights: KdWeights,
  epoch: number = Number.POSITIVE_INFINITY,
): KdLossParts {
  const { temperature, alpha, scaleByT2, softTerm = 'kl' } = weights;
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`Temperature must be > 0 (got ${temperature}).`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`Alpha must be within [0, 1] (got ${alpha}).`);
  if (weights.standardize && softTerm === 'mse') throw new RangeError('Logit standardisation applies to the KL and DKD soft terms only.');
  if (softTerm === 'dkd' || weights.standardize) {
    // DKD and standardised logits: autodiff (the closed form below is plain KL's and MSE's, kept bit for bit).
    const soft = autodiffSoftTerm(oneHot, teacherLogits, studentLogits, weights, epoch);
    const hard = hardTerm(oneHot, studentLogits, 1 - alpha);
    return { soft, hard, total: tf.add(soft, hard) as tf.Scalar };
  }
  // On WASM, the loss and its gradient in one host pass (see `hostLoss.ts`): the same maths as below, in float64.
  if (hostLossBackend()) return hostLossParts(oneHot, teacherLogits, studentLogits, { soft: softTerm, temperature, alpha, scaleByT2, hardWeight: 1 - alpha })!;
  const soft = withClosedFormGradient(studentLogits, (z) => {
    if (softTerm === 'mse') {
      // d/dz_s of α·mean((z_s − z_t)²) over all B·C entries.
      return { value: tf.mul(logitMse(teacherLogits, z), alpha) as tf.Scalar, gradient: tf.mul(tf.sub(z, teacherLogits), (2 * alpha) / z.size) };
    }
    // d/dz_s of α·T²·KL at temperature T: α·T·(softmax(z_s/T) − softmax(z_t/T))/B (without T²: α/T·(…)/B).
    const logQ = tf.logSoftmax(tf.div(z, temperature));
    const logP = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const p = tf.exp(logP);
    const kl = tf.mean(tf.sum(tf.mul(p, tf.sub(logP, logQ)), -1));
    return {
      value: tf.mul(kl, alpha * (scaleByT2 ? temperature * temperature : 1)) as tf.Scalar,
      gradient: tf.mul(tf.sub(tf.exp(logQ), p), (alpha * (scaleByT2 ? temperature : 1 / temperature)) / z.shape[0]!),
    };
  });
  const hard = hardTerm(oneHot, studentLogits, 1 - alpha);
  return { soft, hard, total: tf.add(soft, hard) as tf.Scalar };
}
