// Reads Fashion-MNIST's four idx files (gzip or raw) and encodes them as a Distill Studio image bundle (DSIB, see
// src/engine/data/bundle.ts): official split and source order kept, header split seed 0. Shared by the converter
// (scripts/convert-fashion-mnist.mjs), the Debian comparison (scripts/check-fashion-mnist-debian.mjs) and the unit
// test that runs it on the small committed fixture (tests/fixtures/fashion-idx/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { encodeBundle } from './convert-common.mjs';

/** Reads an idx file (gzip or raw) and checks its magic number and length. */
export function readIdx(path, magic) {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== magic) throw new Error(`${path}: magic 0x${view.getUint32(0, false).toString(16)}, expected 0x${magic.toString(16)}`);
  const nDims = magic & 0xff;
  const dims = Array.from({ length: nDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const offset = 4 + 4 * nDims;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + size) throw new Error(`${path}: ${bytes.length} bytes, header implies ${offset + size}`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}

/** Reads one official split (images + labels) of a source directory. */
export function readSplit(dir, prefix) {
  const images = readIdx(join(dir, `${prefix}-images-idx3-ubyte.gz`), 0x00000803);
  const labels = readIdx(join(dir, `${prefix}-labels-idx1-ubyte.gz`), 0x00000801);
  if (images.dims[0] !== labels.dims[0]) throw new Error(`${prefix}: ${images.dims[0]} images but ${labels.dims[0]} labels`);
  if (images.dims[1] !== 28 || images.dims[2] !== 28) throw new Error(`${prefix}: images are ${images.dims[1]}×${images.dims[2]}, expected 28×28`);
  return { pixels: images.data, labels: labels.data };
}

/**
 * The uncompressed bundle of a Fashion-MNIST idx directory; `expected` (default the official 60,000 / 10,000) is the
 * number of training and test images the files must hold.
 */
export function fashionBundle(dir, expected = { train: 60000, test: 10000 }) {
  const train = readSplit(dir, 'train');
  const test = readSplit(dir, 't10k');
  if (train.labels.length !== expected.train || test.labels.length !== expected.test) {
    throw new Error(`expected ${expected.train} / ${expected.test} images, found ${train.labels.length} / ${test.labels.length}`);
  }
  return { train, test, bundle: encodeBundle({ rows: 28, cols: 28, channels: 1, numClasses: 10, splitSeed: 0, train, test }) };
}
