import { beforeAll, describe, expect, it } from 'vitest';
import {
  augmentImages,
  flipImages,
  randomFlip,
  randomFlipMask,
  randomShift,
  randomShiftOffsets,
  shiftImages,
  transformImages,
} from '../../src/engine/data/augment';
import { deriveSeed } from '../../src/engine/rng';
import { useCpu } from './tfSetup';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

/** A batch of `n` black 6×5 one-channel images, each with a single 1 at (row 2, col 2). */
function dotBatch(n: number) {
  const h = 6;
  const w = 5;
  const data = new Float32Array(n * h * w);
  for (let i = 0; i < n; i++) data[i * h * w + 2 * w + 2] = 1;
  return tf.tensor4d(data, [n, h, w, 1]);
}

describe('randomShift', () => {
  it('draws seeded offsets in [−maxShift, maxShift] (fixed values for seed 1)', () => {
    const o = randomShiftOffsets(4, 2, 1);
    expect(Array.from(o)).toEqual(Array.from(randomShiftOffsets(4, 2, 1)));
    expect(Array.from(o)).toEqual([1, -2, 0, 2, 2, -1, 1, 1]);
    const many = randomShiftOffsets(500, 2, 3);
    expect(Math.min(...many)).toBe(-2);
    expect(Math.max(...many)).toBe(2);
    expect(Array.from(randomShiftOffsets(50, 2, 4))).not.toEqual(Array.from(randomShiftOffsets(50, 2, 3)));
    expect(() => randomShiftOffsets(1, -1, 1)).toThrow(/maxShift/);
  });

  it('moves each image by its (dx, dy) for a fixed seed', async () => {
    const images = dotBatch(8);
    const shifted = randomShift(images, 1, 42);
    const offsets = randomShiftOffsets(8, 1, 42);
    const out = await shifted.data();
    for (let i = 0; i < 8; i++) {
      const dx = offsets[2 * i]!;
      const dy = offsets[2 * i + 1]!;
      const img = Array.from(out.subarray(i * 30, (i + 1) * 30));
      expect(img.indexOf(1)).toBe((2 + dy) * 5 + (2 + dx));
      expect(img.reduce((a, b) => a + b, 0)).toBe(1);
    }
    images.dispose();
    shifted.dispose();
  });

  it('fills uncovered pixels with zeros and keeps shape and channels', async () => {
    const ones = tf.ones([1, 4, 4, 2]) as import('@tensorflow/tfjs').Tensor4D;
    const out = shiftImages(ones, Int32Array.from([1, -2])); // right 1, up 2
    expect(out.shape).toEqual([1, 4, 4, 2]);
    const v = (await out.array())[0]!;
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const covered = r < 2 && c >= 1;
        expect(v[r]![c]).toEqual(covered ? [1, 1] : [0, 0]);
      }
    }
    const same = shiftImages(ones, Int32Array.from([0, 0]));
    expect(await same.array()).toEqual(await ones.array());
    tf.dispose([ones, out, same]);
  });

  it('is deterministic under the seed and leaks no tensors, also inside tf.tidy', async () => {
    const images = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 3) as import('@tensorflow/tfjs').Tensor4D;
    const before = tf.memory().numTensors;
    const a = randomShift(images, 2, 9);
    const b = randomShift(images, 2, 9);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([a, b]);
    const mean = tf.tidy(() => randomShift(images, 3, 10).mean());
    expect(tf.memory().numTensors).toBe(before + 1);
    mean.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => shiftImages(images, new Int32Array(3))).toThrow(/3 offsets for 16 images/);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });
});

/** A 1 × 2 × 3 RGB image whose pixel (r, c) has channels [100r + 10c, 100r + 10c + 1, 100r + 10c + 2]. */
function rgbImage() {
  const data: number[] = [];
  for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) data.push(100 * r + 10 * c, 100 * r + 10 * c + 1, 100 * r + 10 * c + 2);
  return tf.tensor4d(data, [1, 2, 3, 3]);
}

describe('horizontal flips and shifts of colour images', () => {
  it('mirrors an RGB image left–right, every channel of a pixel moving together', async () => {
    const img = rgbImage();
    const out = flipImages(img, Uint8Array.from([1]));
    expect(await out.array()).toEqual([
      [
        [[20, 21, 22], [10, 11, 12], [0, 1, 2]],
        [[120, 121, 122], [110, 111, 112], [100, 101, 102]],
      ],
    ]);
    const kept = flipImages(img, Uint8Array.from([0]));
    expect(await kept.array()).toEqual(await img.array());
    tf.dispose([img, out, kept]);
  });

  it('shifts an RGB image with all three channels (right 1, down 1, zero fill)', async () => {
    const img = rgbImage();
    const out = shiftImages(img, Int32Array.from([1, 1]));
    expect(await out.array()).toEqual([
      [
        [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
        [[0, 0, 0], [0, 1, 2], [10, 11, 12]],
      ],
    ]);
    // Flip first, then shift: the mirrored row [20, 10, 0] moves right by one.
    const both = transformImages(img, Int32Array.from([1, 0]), Uint8Array.from([1]));
    expect(await both.array()).toEqual([
      [
        [[0, 0, 0], [20, 21, 22], [10, 11, 12]],
        [[0, 0, 0], [120, 121, 122], [110, 111, 112]],
      ],
    ]);
    tf.dispose([img, out, both]);
  });

  it('draws seeded flips, about half of them, the same for the same seed', () => {
    const a = randomFlipMask(1000, 5);
    expect(Array.from(a)).toEqual(Array.from(randomFlipMask(1000, 5)));
    expect(Array.from(a)).not.toEqual(Array.from(randomFlipMask(1000, 6)));
    const ones = a.reduce((n, v) => n + v, 0);
    expect(ones).toBeGreaterThan(430);
    expect(ones).toBeLessThan(570);
    expect(a.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('flips exactly the images its mask names, deterministically per seed', async () => {
    const images = tf.randomUniform([12, 5, 4, 3], 0, 1, 'float32', 8) as import('@tensorflow/tfjs').Tensor4D;
    const a = randomFlip(images, 21);
    const b = randomFlip(images, 21);
    const mask = randomFlipMask(12, 21);
    const src = (await images.array()) as number[][][][];
    const got = (await a.array()) as number[][][][];
    expect(got).toEqual(await b.array());
    for (let i = 0; i < 12; i++) {
      const want = mask[i] ? src[i]!.map((row) => [...row].reverse()) : src[i];
      expect(got[i]).toEqual(want);
    }
    tf.dispose([images, a, b]);
  });

  it('augmentImages: shifts alone equal randomShift with the same seed; flips draw from a derived stream; nothing: the same tensor', async () => {
    const images = tf.randomUniform([6, 8, 8, 3], 0, 1, 'float32', 4) as import('@tensorflow/tfjs').Tensor4D;
    const before = tf.memory().numTensors;
    const shiftOnly = augmentImages(images, { maxShift: 2, flip: false }, 77);
    const reference = randomShift(images, 2, 77);
    expect(Array.from(await shiftOnly.data())).toEqual(Array.from(await reference.data()));
    const both = augmentImages(images, { maxShift: 2, flip: true }, 77);
    const manual = transformImages(images, randomShiftOffsets(6, 2, 77), randomFlipMask(6, deriveSeed(77, 'flip')));
    expect(Array.from(await both.data())).toEqual(Array.from(await manual.data()));
    expect(augmentImages(images, { maxShift: 0, flip: false }, 77)).toBe(images);
    tf.dispose([shiftOnly, reference, both, manual]);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });

  it('leaks no tensors, also inside tf.tidy, and refuses a mask of the wrong length', () => {
    const images = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 3) as import('@tensorflow/tfjs').Tensor4D;
    const before = tf.memory().numTensors;
    const out = augmentImages(images, { maxShift: 2, flip: true }, 9);
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    const mean = tf.tidy(() => randomFlip(images, 10).mean());
    expect(tf.memory().numTensors).toBe(before + 1);
    mean.dispose();
    expect(() => flipImages(images, new Uint8Array(3))).toThrow(/3 flips for 16 images/);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });
});
