import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './safeNorm';

/** Where RKD reads its embeddings: the logits, or a hidden block of each model. */
export type RkdSource = 'logits' | 'hidden';

/** The RKD settings (Park et al., CVPR 2019). */
export interface RkdSettings {
  /** Weight of the distance term (the paper's λ_RKD-D = 25). */
  distanceWeight: number;
  /** Weight of the angle term (the paper's λ_RKD-A = 50). */
  angleWeight: number;
  source: RkdSource;
  /** Hidden blocks (indices of `hiddenLayerOptions`) when `source` is 'hidden'. */
  teacherLayer: number;
  studentLayer: number;
}

/** The paper's weights and the logits as the embedding (every student has them). */
export const RKD_DEFAULTS: RkdSettings = { distanceWeight: 25, angleWeight: 50, source: 'logits', teacherLayer: 0, studentLayer: 0 };

/** Most examples per batch with RKD's angle term on: it compares every triple (B³ angles, B²·D differences). */
export const RKD_MAX_BATCH = 128;

/** The floor of squared distances before the square root (mdistiller's `_pdist`, eps 1e-12). */
const PDIST_EPS = 1e-12;

/**
 * Smooth L1 (Huber, δ = 1) of a difference, mean over every entry (PyTorch's `smooth_l1_loss`): with m = min(|x|, 1),
 * 0.5·m² + (|x| − m), which is 0.5·x² below 1 and |x| − 0.5 above, without a comparison on the tape.
 */
export function smoothL1(diff: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.abs(diff);
    const m = tf.minimum(a, 1);
    return tf.mean(tf.add(tf.mul(tf.square(m), 0.5), tf.sub(a, m))) as tf.Scalar;
  });
}

/** Pairwise Euclidean distances [B, B] of rows (squared distances floored at 1e-12, the diagonal set to 0), as mdistiller's `_pdist`. */
export function pairwiseDistances(e: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const b = e.shape[0];
    const sq = tf.sum(tf.square(e), 1);
    const d2 = tf.sub(tf.add(tf.expandDims(sq, 1), tf.expandDims(sq, 0)), tf.mul(tf.matMul(e, e, false, true), 2));
    const offDiagonal = tf.sub(1, tf.eye(b));
    return tf.mul(tf.sqrt(tf.maximum(d2, PDIST_EPS)), offDiagonal) as tf.Tensor2D;
  });
}

/** Distances divided by their mean over the B·(B − 1) pairs (every off-diagonal distance is ≥ 1e-6, so all of them count). */
function normalisedDistances(e: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const b = e.shape[0];
    const d = pairwiseDistances(e);
    return tf.div(d, tf.div(tf.sum(d), b * (b - 1))) as tf.Tensor2D;
  });
}

/** The cosines of every angle e_j − e_i, e_k − e_i, [B, B, B] (mdistiller's angle term; zero differences give 0). */
function angles(e: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const diff = tf.sub(tf.expandDims(e, 0), tf.expandDims(e, 1)); // [i, j] = e_j − e_i
    const unit = l2Normalize(diff) as tf.Tensor3D;
    return tf.matMul(unit, unit, false, true);
  });
}

/** The two RKD terms of a batch, unweighted: smooth-L1 of the normalised distances and of the angles. */
export function rkdParts(studentEmbedding: tf.Tensor, teacherEmbedding: tf.Tensor): { distance: tf.Scalar; angle: tf.Scalar } {
  return tf.tidy(() => {
    const b = studentEmbedding.shape[0]!;
    if (b < 2) return { distance: tf.scalar(0), angle: tf.scalar(0) };
    const s = tf.reshape(studentEmbedding, [b, -1]) as tf.Tensor2D;
    const t = tf.reshape(teacherEmbedding, [b, -1]) as tf.Tensor2D;
    return {
      distance: smoothL1(tf.sub(normalisedDistances(s), normalisedDistances(t))),
      angle: smoothL1(tf.sub(angles(s), angles(t))),
    };
  });
}

/**
 * RKD (Park et al., CVPR 2019): w_D · distance term + w_A · angle term on per-example embeddings (flattened). A batch
 * of fewer than two examples has no pairs and gives 0. A zero weight skips its term (the angle term costs B³).
 */
export function rkdLoss(studentEmbedding: tf.Tensor, teacherEmbedding: tf.Tensor, distanceWeight: number, angleWeight: number): tf.Scalar {
  return tf.tidy(() => {
    const b = studentEmbedding.shape[0]!;
    if (b < 2) return tf.scalar(0);
    const s = tf.reshape(studentEmbedding, [b, -1]) as tf.Tensor2D;
    const t = tf.reshape(teacherEmbedding, [b, -1]) as tf.Tensor2D;
    let loss = tf.scalar(0);
    if (distanceWeight !== 0) loss = tf.add(loss, tf.mul(smoothL1(tf.sub(normalisedDistances(s), normalisedDistances(t))), distanceWeight));
    if (angleWeight !== 0) loss = tf.add(loss, tf.mul(smoothL1(tf.sub(angles(s), angles(t))), angleWeight));
    return loss as tf.Scalar;
  });
}
