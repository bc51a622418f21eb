import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './safeNorm';

/** The attention-transfer settings (Zagoruyko & Komodakis, ICLR 2017): matched conv blocks and the weight β. */
export interface AttentionSettings {
  /** Teacher hidden blocks (indices of `hiddenLayerOptions`), each paired with the student block at the same position. */
  teacherLayers: number[];
  studentLayers: number[];
  /** β: the weight of the summed attention losses (mdistiller's AT uses 1000). */
  beta: number;
}

/** The exponent p of the attention map mean_c |a_c|^p (the paper's and mdistiller's choice). */
export const AT_POWER = 2;

/** The averaging matrix [out, in] of PyTorch's adaptive average pooling along one axis: row i averages inputs floor(i·in/out) … ceil((i+1)·in/out) − 1. */
export function adaptivePoolMatrix(inSize: number, outSize: number): tf.Tensor2D {
  const m = new Float32Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    const start = Math.floor((i * inSize) / outSize);
    const end = Math.ceil(((i + 1) * inSize) / outSize);
    for (let j = start; j < end; j++) m[i * inSize + j] = 1 / (end - start);
  }
  return tf.tensor2d(m, [outSize, inSize]);
}

/** Adaptive average pooling of NHWC feature maps to [height, width] (PyTorch's `adaptive_avg_pool2d`); the input itself when the size already matches. */
export function adaptiveAvgPool(x: tf.Tensor4D, height: number, width: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (h === height && w === width) return x;
  return tf.tidy(() => {
    const ph = adaptivePoolMatrix(h, height);
    const pw = adaptivePoolMatrix(w, width);
    // Rows: [n, h, w, c] → [n·c·h, w] · pwᵀ → [n, c, h, width]; then columns the same way.
    const byRow = tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n * c * h, w]);
    const rows = tf.reshape(tf.matMul(byRow, pw, false, true), [n, c, h, width]);
    const byCol = tf.reshape(tf.transpose(rows, [0, 1, 3, 2]), [n * c * width, h]);
    const cols = tf.reshape(tf.matMul(byCol, ph, false, true), [n, c, width, height]);
    return tf.transpose(cols, [0, 3, 2, 1]) as tf.Tensor4D;
  });
}

/** The L2-normalised spatial attention map of NHWC features, mean over channels of |a|^p, flattened per example: [n, H·W]. */
export function attentionMap(features: tf.Tensor4D, p: number = AT_POWER): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, h, w] = features.shape;
    const powered = p === 2 ? tf.square(features) : tf.pow(tf.abs(features), p);
    return l2Normalize(tf.reshape(tf.mean(powered, -1), [n, h * w])) as tf.Tensor2D;
  });
}

/**
 * One pair's attention loss, mean over batch and positions of (Q_s − Q_t)² with Q the normalised maps (mdistiller's
 * `single_stage_at_loss`). When the spatial sizes differ, both feature maps are adaptively average-pooled to the
 * smaller height and width first, as mdistiller does.
 */
export function attentionLoss(studentFeatures: tf.Tensor4D, teacherFeatures: tf.Tensor4D, p: number = AT_POWER): tf.Scalar {
  return tf.tidy(() => {
    const height = Math.min(studentFeatures.shape[1], teacherFeatures.shape[1]);
    const width = Math.min(studentFeatures.shape[2], teacherFeatures.shape[2]);
    const qs = attentionMap(adaptiveAvgPool(studentFeatures, height, width), p);
    const qt = attentionMap(adaptiveAvgPool(teacherFeatures, height, width), p);
    return tf.mean(tf.squaredDifference(qs, qt)) as tf.Scalar;
  });
}

/** β · Σ over the matched pairs of `attentionLoss`. */
export function attentionTransfer(pairs: { student: tf.Tensor4D; teacher: tf.Tensor4D }[], beta: number): tf.Scalar {
  return tf.tidy(() => tf.mul(tf.addN(pairs.map((q) => attentionLoss(q.student, q.teacher))), beta) as tf.Scalar);
}
