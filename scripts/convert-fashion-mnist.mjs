#!/usr/bin/env node
// Converts Fashion-MNIST from the idx files (Debian: /usr/share/datasets/fashion-mnist) into
// public/datasets/fashion-mnist.bin.gz: a DSIB bundle (see src/engine/data/bundle.ts) with all 60,000
// training and 10,000 test images, official split and source order kept (header split seed 0).
// Deterministic: running it twice gives identical bytes. Parts are written only past ~40 MB.
// Usage: node scripts/convert-fashion-mnist.mjs [source dir] [output base, default public/datasets/fashion-mnist]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { classCounts, encodeBundle, writeBundle } from './convert-common.mjs';

const SOURCE = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const OUT = process.argv[3] ?? 'public/datasets/fashion-mnist';

/** Reads an idx file (gzip or raw) and checks its magic number and length. */
function readIdx(name, magic) {
  let bytes = readFileSync(join(SOURCE, name));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== magic) throw new Error(`${name}: magic 0x${view.getUint32(0, false).toString(16)}, expected 0x${magic.toString(16)}`);
  const nDims = magic & 0xff;
  const dims = Array.from({ length: nDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const offset = 4 + 4 * nDims;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + size) throw new Error(`${name}: ${bytes.length} bytes, header implies ${offset + size}`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}

/** Reads one official split (images + labels). */
function readSplit(prefix) {
  const images = readIdx(`${prefix}-images-idx3-ubyte.gz`, 0x00000803);
  const labels = readIdx(`${prefix}-labels-idx1-ubyte.gz`, 0x00000801);
  if (images.dims[0] !== labels.dims[0]) throw new Error(`${prefix}: ${images.dims[0]} images but ${labels.dims[0]} labels`);
  if (images.dims[1] !== 28 || images.dims[2] !== 28) throw new Error(`${prefix}: images are ${images.dims[1]}×${images.dims[2]}, expected 28×28`);
  return { pixels: images.data, labels: labels.data };
}

const train = readSplit('train');
const test = readSplit('t10k');
if (train.labels.length !== 60000 || test.labels.length !== 10000) {
  throw new Error(`expected 60,000 / 10,000 images, found ${train.labels.length} / ${test.labels.length}`);
}
const bundle = encodeBundle({ rows: 28, cols: 28, channels: 1, numClasses: 10, splitSeed: 0, train, test });
const written = writeBundle(bundle, OUT);
console.log(`Fashion-MNIST: train per class ${classCounts(train.labels, 10).join(' ')}; test per class ${classCounts(test.labels, 10).join(' ')}`);
for (const w of written) console.log(`  wrote ${w.path} (${w.bytes} bytes, ${bundle.length} uncompressed)`);
