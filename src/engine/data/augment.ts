import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';

/** Seeded shifts for `count` images: `[dx0, dy0, dx1, dy1, …]`, each an integer in [−maxShift, maxShift]. */
export function randomShiftOffsets(count: number, maxShift: number, seed: number): Int32Array {
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new Error(`maxShift must be a whole number ≥ 0, got ${maxShift}.`);
  const rng = new Rng(seed);
  const out = new Int32Array(count * 2);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(2 * maxShift + 1) - maxShift;
  return out;
}

/**
 * Shifts each image of an NHWC batch by its `(dx, dy)` from `offsets` (positive dx moves the content
 * right, positive dy down), filling uncovered pixels with 0. One gather, inside `tf.tidy`.
 */
export function shiftImages(images: tf.Tensor4D, offsets: Int32Array): tf.Tensor4D {
  const [n, h, w, c] = images.shape;
  if (offsets.length !== 2 * n) throw new Error(`shiftImages: ${offsets.length} offsets for ${n} images (need ${2 * n}).`);
  const plane = h * w;
  // Each image gets one extra all-zero pixel at index `plane`; out-of-range sources read it.
  const index = new Int32Array(n * plane);
  for (let img = 0; img < n; img++) {
    const dx = offsets[2 * img]!;
    const dy = offsets[2 * img + 1]!;
    const base = img * (plane + 1);
    for (let r = 0; r < h; r++) {
      const sr = r - dy;
      for (let col = 0; col < w; col++) {
        const sc = col - dx;
        const inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
        index[img * plane + r * w + col] = base + (inside ? sr * w + sc : plane);
      }
    }
  }
  return tf.tidy(() => {
    const flat = images.reshape([n, plane, c]);
    const padded = tf.concat([flat, tf.zeros([n, 1, c], images.dtype)], 1).reshape([n * (plane + 1), c]);
    return tf.gather(padded, tf.tensor1d(index, 'int32'), 0).reshape([n, h, w, c]) as tf.Tensor4D;
  });
}

/** Shifts each image by a seeded random integer in [−maxShift, maxShift] in x and y with zero fill (deterministic, leak-free). */
export function randomShift(images: tf.Tensor4D, maxShift: number, seed: number): tf.Tensor4D {
  return shiftImages(images, randomShiftOffsets(images.shape[0], maxShift, seed));
}
