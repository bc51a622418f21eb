import { describe, expect, it } from 'vitest';
import { parseIdxImages, parseIdxPair } from '../../src/engine/data/idx';
import { toUserDataset } from '../../src/engine/data/userData';
import { fixtureBytes } from '../fixtures/fsSource';

const IMAGES = 'shapes-images-idx3-ubyte';
const LABELS = 'shapes-labels-idx1-ubyte';

describe('idx parser', () => {
  it('parses a raw images + labels pair into [0, 1] images with inputShape [rows, cols, 1]', async () => {
    const images = await fixtureBytes(IMAGES);
    const d = await parseIdxPair(images, await fixtureBytes(LABELS));
    expect(d.count).toBe(90);
    expect(d.inputShape).toEqual([8, 8, 1]);
    expect(d.numClasses).toBe(3);
    expect(d.classNames).toEqual(['0', '1', '2']);
    expect(Array.from(d.y.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(d.x.length).toBe(90 * 64);
    expect(d.x[5]).toBe(Math.fround(images[16 + 5]! / 255));
    expect(Array.from(d.x).every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('accepts gzip files (and a gzip / raw mix) with identical results', async () => {
    const raw = await parseIdxPair(await fixtureBytes(IMAGES), await fixtureBytes(LABELS));
    const gz = await parseIdxPair(await fixtureBytes(`${IMAGES}.gz`), await fixtureBytes(`${LABELS}.gz`));
    const mixed = await parseIdxPair(await fixtureBytes(`${IMAGES}.gz`), await fixtureBytes(LABELS));
    for (const d of [gz, mixed]) {
      expect(Array.from(d.x)).toEqual(Array.from(raw.x));
      expect(Array.from(d.y)).toEqual(Array.from(raw.y));
    }
  });

  it('maps sparse label values to contiguous classes named by value', async () => {
    const labels = await fixtureBytes(LABELS);
    const sparse = labels.map((v, i) => (i < 8 ? v : v * 3 + 1)); // 0, 1, 2 → 1, 4, 7
    const d = await parseIdxPair(await fixtureBytes(IMAGES), sparse);
    expect(d.classNames).toEqual(['1', '4', '7']);
    expect(Array.from(d.y.subarray(0, 3))).toEqual([0, 1, 2]);
  });

  it('rejects a wrong magic number (and suggests the files are swapped)', async () => {
    await expect(parseIdxPair(await fixtureBytes(LABELS), await fixtureBytes(IMAGES))).rejects.toThrow(
      'The images file has the wrong magic number 0x00000801 (expected 0x00000803). Are the images and labels files swapped?',
    );
    const garbage = new TextEncoder().encode('label,x\n1,2\n');
    await expect(parseIdxPair(garbage, await fixtureBytes(LABELS))).rejects.toThrow(/images file has the wrong magic number 0x6c616265/);
  });

  it('rejects a truncated file', async () => {
    await expect(parseIdxPair(await fixtureBytes('bad-images-truncated-idx3-ubyte'), await fixtureBytes(LABELS))).rejects.toThrow(
      'The images file is truncated: its header declares 90×8×8 values (5776 bytes) but the file has 5676 bytes.',
    );
    expect(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0, 0]))).toThrow(/truncated: 6 bytes is shorter than its 16-byte header/);
    expect(() => parseIdxImages(new Uint8Array([0, 0]))).toThrow(/truncated/);
  });

  it('rejects a label count that differs from the image count', async () => {
    await expect(parseIdxPair(await fixtureBytes(IMAGES), await fixtureBytes('bad-labels-short-idx1-ubyte'))).rejects.toThrow(
      'The labels file has 89 labels but the images file has 90 images; they must match.',
    );
  });

  it('rejects a single class', async () => {
    await expect(parseIdxPair(await fixtureBytes(IMAGES), await fixtureBytes('bad-labels-single-class-idx1-ubyte'))).rejects.toThrow(
      'Every label in the labels file is "2": at least 2 classes are needed to train a classifier.',
    );
  });

  it('rejects corrupt gzip and trailing bytes', async () => {
    const corrupt = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]);
    await expect(parseIdxPair(corrupt, await fixtureBytes(LABELS))).rejects.toThrow(/Could not decompress the images file/);
    const long = new Uint8Array([...(await fixtureBytes(IMAGES)), 0, 0]);
    await expect(parseIdxPair(long, await fixtureBytes(LABELS))).rejects.toThrow(/2 unexpected bytes/);
  });

  it('becomes a dataset with a seeded stratified 20 % test split', async () => {
    const data = await parseIdxPair(await fixtureBytes(IMAGES), await fixtureBytes(LABELS));
    const d = toUserDataset(data, { id: 'user-idx', name: 'shapes', seed: 4 });
    expect([d.train.count, d.test.count]).toEqual([72, 18]);
    expect(d.inputShape).toEqual([8, 8, 1]);
    expect(d.featureScaling).toBeUndefined();
    const again = toUserDataset(data, { id: 'user-idx', name: 'shapes', seed: 4 });
    expect(Array.from(again.test.x)).toEqual(Array.from(d.test.x));
  });
});
