import { beforeAll, describe, expect, it } from 'vitest';
import { randomShift, randomShiftOffsets, shiftImages } from '../../src/engine/data/augment';
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
