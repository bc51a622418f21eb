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

/** Rows per forward pass of an evaluation: large, so per-call costs vanish (and a set of up to this many is one call). */
export const EVAL_BATCH = 1024;

/**
 * Logits of a model on a feature tensor, or on several in turn (one tensor of their rows, in order), computed in batches
 * of `batchSize` rows (inference mode). A batch never straddles two tensors, so each set's logits are the same as alone.
 */
export function predictLogits(model: tf.LayersModel, x: tf.Tensor | readonly tf.Tensor[], batchSize = EVAL_BATCH): tf.Tensor2D {
  return tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    for (const set of Array.isArray(x) ? x : [x as tf.Tensor]) {
      const n = set.shape[0]!;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const xb = size === n ? set : tf.slice(set, [start], [size]);
        parts.push(model.apply(xb, { training: false }) as tf.Tensor2D);
      }
    }
    return parts.length === 1 ? parts[0]! : (tf.concat(parts, 0) as tf.Tensor2D);
  });
}

/** A labelled set as tensors: features and one-hot labels. */
export interface LabelledTensors {
  x: tf.Tensor;
  y: tf.Tensor2D;
}

/** A model's test evaluation and its validation accuracy (null: no validation set was given). */
export interface SetsEvaluation {
  test: Evaluation;
  validationAccuracy: number | null;
}

/**
 * `evaluate` on the test set and, when given, the accuracy on the validation set: one forward pass over both sets (the
 * test rows batched exactly as `evaluate` batches them, so the test figures are the same), and one read-back.
 */
export async function evaluateSets(model: tf.LayersModel, test: LabelledTensors, validation: LabelledTensors | null, keepLogits = 0): Promise<SetsEvaluation> {
  if (!validation) return { test: await evaluate(model, test.x, test.y, keepLogits), validationAccuracy: null };
  const nTest = test.x.shape[0]!;
  const nVal = validation.x.shape[0]!;
  const logits = predictLogits(model, [test.x, validation.x]);
  const [testLogits, valHitsT] = tf.tidy(() => {
    const valLogits = tf.slice(logits, [nTest, 0], [nVal, -1]);
    const hits = tf.sum(tf.cast(tf.equal(tf.argMax(valLogits, -1), tf.argMax(validation.y, -1)), 'int32'));
    return [tf.slice(logits, [0, 0], [nTest, -1]) as tf.Tensor2D, hits] as const;
  });
  logits.dispose();
  try {
    const [evaluation, hits] = await Promise.all([evaluateLogits(testLogits, test.y, keepLogits), valHitsT.data()]);
    return { test: evaluation, validationAccuracy: nVal ? hits[0]! / nVal : 0 };
  } finally {
    tf.dispose([testLogits, valHitsT]);
  }
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
    const correct = new Uint8Array(n);
    let hits = 0;
    for (let i = 0; i < n; i++) hits += correct[i] = preds[i] === labels[i] ? 1 : 0;
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
