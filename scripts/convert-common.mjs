// Shared by the dataset converters: the Distill Studio image bundle encoder ("DSIB", documented in
// src/engine/data/bundle.ts), the seeded stratified split (identical to src/engine/data/split.ts, so tests
// can reproduce it), and deterministic gzip (fflate, fixed level and mtime 0: same input → same bytes on
// every machine and Node version).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'fflate';

/** Magic bytes at the start of every bundle. */
export const BUNDLE_MAGIC = 'DSIB';
/** Format version written into the header. */
export const BUNDLE_VERSION = 1;
/** Header size in bytes. */
export const HEADER_BYTES = 36;
/** Split the compressed output into parts when it would exceed this many bytes. */
export const MAX_PART_BYTES = 40 * 1024 * 1024;

/** Seeded mulberry32, bit-identical to src/engine/rng.ts `Rng`. */
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  permutation(n) {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

/** Row indices of a stratified train/test split, the same algorithm and RNG order as `stratifiedSplit`. */
export function stratifiedSplitIndices(labels, testFraction, seed) {
  const rng = new Rng(seed);
  const byClass = new Map();
  labels.forEach((c, i) => {
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c).push(i);
  });
  const trainIdx = [];
  const testIdx = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(c);
    const perm = rng.permutation(idx.length);
    const nTest = Math.round(idx.length * testFraction);
    perm.forEach((p, k) => (k < nTest ? testIdx : trainIdx).push(idx[p]));
  }
  const order = (list) => Array.from(rng.permutation(list.length), (p) => list[p]);
  return { train: order(trainIdx), test: order(testIdx) };
}

/** Copies the listed images (each `pixelsPerImage` bytes) and labels into new arrays. */
export function takeRows(pixels, labels, rows, pixelsPerImage) {
  const outPixels = new Uint8Array(rows.length * pixelsPerImage);
  const outLabels = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    outPixels.set(pixels.subarray(r * pixelsPerImage, (r + 1) * pixelsPerImage), i * pixelsPerImage);
    outLabels[i] = labels[r];
  });
  return { pixels: outPixels, labels: outLabels };
}

/** Encodes a bundle: 36-byte little-endian header, then train pixels, train labels, test pixels, test labels. */
export function encodeBundle({ rows, cols, channels, numClasses, splitSeed, train, test }) {
  const px = rows * cols * channels;
  const trainCount = train.labels.length;
  const testCount = test.labels.length;
  if (train.pixels.length !== trainCount * px || test.pixels.length !== testCount * px) {
    throw new Error('encodeBundle: pixel and label counts disagree');
  }
  for (const l of [...train.labels, ...test.labels]) if (l >= numClasses) throw new Error(`encodeBundle: label ${l} ≥ ${numClasses}`);
  const out = new Uint8Array(HEADER_BYTES + (trainCount + testCount) * (px + 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = BUNDLE_MAGIC.charCodeAt(i);
  [BUNDLE_VERSION, rows, cols, channels, numClasses, trainCount, testCount, splitSeed >>> 0].forEach((v, i) =>
    view.setUint32(4 + 4 * i, v, true),
  );
  let o = HEADER_BYTES;
  for (const part of [train.pixels, train.labels, test.pixels, test.labels]) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/** Deterministic gzip (fflate level 9, mtime 0). */
export function gzipDeterministic(bytes) {
  return gzipSync(bytes, { level: 9, mtime: 0 });
}

/**
 * Gzips a bundle to `<base>.bin.gz`, or, when that would exceed MAX_PART_BYTES, to
 * `<base>.part0.bin.gz`, `<base>.part1.bin.gz`, …; concatenating the decompressed parts gives the bundle.
 * Returns the written paths and sizes.
 */
export function writeBundle(bundle, base) {
  mkdirSync(dirname(base), { recursive: true });
  const whole = gzipDeterministic(bundle);
  if (whole.length <= MAX_PART_BYTES) {
    writeFileSync(`${base}.bin.gz`, whole);
    return [{ path: `${base}.bin.gz`, bytes: whole.length }];
  }
  const parts = Math.ceil(whole.length / MAX_PART_BYTES) + 1;
  const size = Math.ceil(bundle.length / parts);
  const written = [];
  for (let i = 0; i < parts; i++) {
    const gz = gzipDeterministic(bundle.subarray(i * size, Math.min(bundle.length, (i + 1) * size)));
    const path = `${base}.part${i}.bin.gz`;
    writeFileSync(path, gz);
    written.push({ path, bytes: gz.length });
  }
  return written;
}

/** Per-class counts of a label array. */
export function classCounts(labels, numClasses) {
  const counts = new Array(numClasses).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}
