#!/usr/bin/env node
// Converts Fashion-MNIST from the idx files (Debian: /usr/share/datasets/fashion-mnist) into
// public/datasets/fashion-mnist.bin.gz: a DSIB bundle (see src/engine/data/bundle.ts) with all 60,000
// training and 10,000 test images, official split and source order kept (header split seed 0).
// Deterministic: running it twice gives identical bytes. Parts are written only past ~40 MB.
// Usage: node scripts/convert-fashion-mnist.mjs [source dir] [output base, default public/datasets/fashion-mnist]
import { classCounts, writeBundle } from './convert-common.mjs';
import { fashionBundle } from './fashion-idx.mjs';

const SOURCE = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const OUT = process.argv[3] ?? 'public/datasets/fashion-mnist';

const { train, test, bundle } = fashionBundle(SOURCE);
const written = writeBundle(bundle, OUT);
console.log(`Fashion-MNIST: train per class ${classCounts(train.labels, 10).join(' ')}; test per class ${classCounts(test.labels, 10).join(' ')}`);
for (const w of written) console.log(`  wrote ${w.path} (${w.bytes} bytes, ${bundle.length} uncompressed)`);
console.log('Update public/datasets/SHA256SUMS (sha256sum public/datasets/*.bin.gz) when the output changes.');
