import * as tf from '@tensorflow/tfjs';
import { expectedCalibrationError } from './calibration';

/** Test-set evaluation of one model. */
export interface Evaluation {
  accuracy: number;
  /** Mean cross-entropy. */
  loss: number;
  /** Predicted class per example. */
  preds: Int32Array;
  /** Expected calibration error (15 bins). */
  ece: number;
  /** Logits of the first examples (row-major), when `evaluate` was asked to keep some; else null. */
  logits: Float32Array | null;
}

/** Logits of a model on a feature tensor, computed in batches (inference mode). */
export function predictLogits(model: tf.LayersModel, x: tf.Tensor, batchSize = 1024): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0]!;
    const parts: tf.Tensor2D[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const xb = tf.slice(x, [start], [size]);
      parts.push(model.apply(xb, { training: false }) as tf.Tensor2D);
    }
    return parts.length === 1 ? parts[0]! : (tf.concat(parts, 0) as tf.Tensor2D);
  });
}

/**
 * Accuracy, mean cross-entropy and predictions of a model on a labelled set (one async read-back), plus the logits
 * of the first `keepLogits` examples (so a caller that also wants them needs no second forward pass).
 */
export async function evaluate(model: tf.LayersModel, x: tf.Tensor, yOneHot: tf.Tensor2D, keepLogits = 0): Promise<Evaluation> {
  const logits = predictLogits(model, x);
  try {
    return await evaluateLogits(logits, yOneHot, keepLogits);
  } finally {
    logits.dispose();
  }
}

/** `evaluate` from logits already computed (borrowed, not disposed), e.g. a precomputed teacher's. */
export async function evaluateLogits(logits: tf.Tensor2D, yOneHot: tf.Tensor2D, keepLogits = 0): Promise<Evaluation> {
  const keep = Math.min(Math.max(0, Math.floor(keepLogits)), logits.shape[0]);
  const [lossT, predsT, labelsT, confT, keptT] = tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(yOneHot, logProbs), -1)));
    const kept = keep > 0 ? tf.slice(logits, [0, 0], [keep, -1]) : null;
    return [loss, tf.argMax(logits, -1), tf.argMax(yOneHot, -1), tf.exp(tf.max(logProbs, -1)), kept] as const;
  });
  try {
    const [loss, preds, labels, conf, kept] = await Promise.all([lossT.data(), predsT.data(), labelsT.data(), confT.data(), keptT?.data() ?? null]);
    const n = preds.length;
    const correct = Array.from(preds, (p, i) => p === labels[i]);
    const hits = correct.reduce((s, c) => s + (c ? 1 : 0), 0);
    return {
      accuracy: n ? hits / n : 0,
      loss: loss[0]!,
      preds: Int32Array.from(preds),
      ece: expectedCalibrationError(conf, correct),
      logits: kept ? Float32Array.from(kept) : null,
    };
  } finally {
    tf.dispose([lossT, predsT, labelsT, confT]);
    keptT?.dispose();
  }
}

/** Fraction of positions where two prediction arrays agree (top-1 agreement). */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('Prediction arrays differ in length.');
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
