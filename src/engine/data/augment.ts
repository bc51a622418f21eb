import * as tf from '@tensorflow/tfjs';
import { deriveSeed, Rng } from '../rng';

/** Seeded shifts for `count` images: `[dx0, dy0, dx1, dy1, …]`, each an integer in [−maxShift, maxShift]. */
export function randomShiftOffsets(count: number, maxShift: number, seed: number): Int32Array {
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new Error(`maxShift must be a whole number ≥ 0, got ${maxShift}.`);
  const rng = new Rng(seed);
  const out = new Int32Array(count * 2);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(2 * maxShift + 1) - maxShift;
  return out;
}

/** Seeded horizontal flips for `count` images: 1 (mirror left–right) or 0 (keep), each with probability ½. */
export function randomFlipMask(count: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.next() < 0.5 ? 1 : 0;
  return out;
}

/**
 * Mirrors the images whose `flips` entry is 1 left–right, then shifts each by its `(dx, dy)` from `offsets`
 * (positive dx moves the content right, positive dy down; null: no shift), filling uncovered pixels with 0. Every
 * channel of a pixel moves together. One gather, inside `tf.tidy`.
 */
export function transformImages(images: tf.Tensor4D, offsets: Int32Array | null, flips: Uint8Array | null): tf.Tensor4D {
  const [n, h, w, c] = images.shape;
  if (offsets && offsets.length !== 2 * n) throw new Error(`shiftImages: ${offsets.length} offsets for ${n} images (need ${2 * n}).`);
  if (flips && flips.length !== n) throw new Error(`flipImages: ${flips.length} flips for ${n} images.`);
  const plane = h * w;
  // Each image gets one extra all-zero pixel at index `plane`; out-of-range sources read it.
  const index = new Int32Array(n * plane);
  for (let img = 0; img < n; img++) {
    const dx = offsets ? offsets[2 * img]! : 0;
    const dy = offsets ? offsets[2 * img + 1]! : 0;
    const mirror = flips?.[img] === 1;
    const base = img * (plane + 1);
    for (let r = 0; r < h; r++) {
      const sr = r - dy;
      for (let col = 0; col < w; col++) {
        const shiftedCol = col - dx;
        const inside = sr >= 0 && sr < h && shiftedCol >= 0 && shiftedCol < w;
        const sc = mirror ? w - 1 - shiftedCol : shiftedCol;
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

/** Shifts each image of an NHWC batch by its `(dx, dy)` from `offsets` with zero fill (see `transformImages`). */
export function shiftImages(images: tf.Tensor4D, offsets: Int32Array): tf.Tensor4D {
  return transformImages(images, offsets, null);
}

/** Mirrors left–right the images of an NHWC batch whose `flips` entry is 1 (see `transformImages`). */
export function flipImages(images: tf.Tensor4D, flips: Uint8Array): tf.Tensor4D {
  return transformImages(images, null, flips);
}

/** Shifts each image by a seeded random integer in [−maxShift, maxShift] in x and y with zero fill (deterministic, leak-free). */
export function randomShift(images: tf.Tensor4D, maxShift: number, seed: number): tf.Tensor4D {
  return shiftImages(images, randomShiftOffsets(images.shape[0], maxShift, seed));
}

/** Mirrors each image left–right with probability ½, seeded (deterministic, leak-free). */
export function randomFlip(images: tf.Tensor4D, seed: number): tf.Tensor4D {
  return flipImages(images, randomFlipMask(images.shape[0], seed));
}

/** Which random augmentations a batch gets. */
export interface ImageAugment {
  /** Largest shift in pixels (0: none). */
  maxShift: number;
  /** Random horizontal flips. */
  flip: boolean;
}

/**
 * One step's augmentation of an NHWC batch from the step's seed: the shifts draw from `seed` itself (as `randomShift`,
 * so runs without flips are unchanged) and the flips from a stream derived from it. Returns `images` itself when
 * nothing applies (the caller must not dispose it twice), else a new tensor.
 */
export function augmentImages(images: tf.Tensor4D, augment: ImageAugment, seed: number): tf.Tensor4D {
  const n = images.shape[0];
  const offsets = augment.maxShift > 0 ? randomShiftOffsets(n, augment.maxShift, seed) : null;
  const flips = augment.flip ? randomFlipMask(n, deriveSeed(seed, 'flip')) : null;
  return offsets || flips ? transformImages(images, offsets, flips) : images;
}
