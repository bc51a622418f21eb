#!/usr/bin/env node
// Checks the shipped public/datasets/fashion-mnist.bin.gz against Debian's Fashion-MNIST idx files
// (apt-get install dataset-fashion-mnist): the converter, run again on them, must give the shipped file byte for
// byte. Run by .ci/run (not by `npm test`, which only needs Node and a Chromium: it checks the shipped file's SHA-256
// and the converter on a small committed idx fixture instead).
// Usage: node scripts/check-fashion-mnist-debian.mjs [source dir]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipDeterministic } from './convert-common.mjs';
import { fashionBundle } from './fashion-idx.mjs';

const SOURCE = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const SHIPPED = 'public/datasets/fashion-mnist.bin.gz';

if (!existsSync(join(SOURCE, 'train-images-idx3-ubyte.gz'))) {
  console.error(`Debian's Fashion-MNIST idx files are missing (${SOURCE}). Install them with: sudo apt-get install -y dataset-fashion-mnist`);
  process.exit(2);
}
const rebuilt = gzipDeterministic(fashionBundle(SOURCE).bundle);
const shipped = new Uint8Array(readFileSync(SHIPPED));
const same = rebuilt.length === shipped.length && rebuilt.every((b, i) => b === shipped[i]);
if (!same) {
  const at = rebuilt.findIndex((b, i) => b !== shipped[i]);
  console.error(`✗ ${SHIPPED} differs from the conversion of ${SOURCE} (sizes ${shipped.length} / ${rebuilt.length}, first difference at byte ${at}).`);
  process.exit(1);
}
console.log(`✓ ${SHIPPED} is byte for byte the conversion of Debian's idx files in ${SOURCE} (${shipped.length} bytes).`);
