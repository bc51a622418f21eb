import type * as tf from '@tensorflow/tfjs';
import { weightSpecByteLength } from '../export/artifacts';
import { isPlainObject } from '../json';
import { fail } from './errors';

/** Weight dtypes a layers model can store. */
const WEIGHT_DTYPES = new Set(['float32', 'int32']);

/** Quantisation dtypes tfjs dequantises on load. */
const QUANT_DTYPES = new Set(['uint8', 'uint16', 'float16']);

/** One checked manifest group: its shard paths, its weights and their total stored byte length. */
export interface ManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
  byteLength: number;
}

function checkEntry(raw: unknown, weight: number, group: number): tf.io.WeightsManifestEntry {
  if (!isPlainObject(raw) || typeof raw.name !== 'string' || raw.name === '') fail('bad-manifest', 'entryNoName', { weight, group });
  const name = raw.name;
  const shape = raw.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail('bad-manifest', 'entryBadShape', { name, shape: String(JSON.stringify(shape)) });
  }
  if (typeof raw.dtype !== 'string' || !WEIGHT_DTYPES.has(raw.dtype)) {
    fail('unsupported-dtype', 'unsupportedDtype', { name, dtype: String(JSON.stringify(raw.dtype)) });
  }
  const entry: tf.io.WeightsManifestEntry = { name, shape: shape as number[], dtype: raw.dtype as 'float32' | 'int32' };
  if (raw.group === 'model' || raw.group === 'optimizer') entry.group = raw.group;
  if (raw.quantization !== undefined) {
    const q = raw.quantization;
    if (!isPlainObject(q) || typeof q.dtype !== 'string' || !QUANT_DTYPES.has(q.dtype)) {
      fail('bad-quantization', 'unknownQuantization', { name, dtype: String(JSON.stringify(isPlainObject(q) ? q.dtype : q)) });
    }
    if (q.dtype === 'float16') {
      if (entry.dtype !== 'float32') fail('bad-quantization', 'float16NotFloat', { name, dtype: entry.dtype });
      entry.quantization = { dtype: 'float16' };
    } else {
      if (typeof q.min !== 'number' || typeof q.scale !== 'number' || !Number.isFinite(q.min) || !Number.isFinite(q.scale)) {
        fail('bad-quantization', 'quantNoScale', { name, dtype: q.dtype });
      }
      entry.quantization = { dtype: q.dtype as 'uint8' | 'uint16', min: q.min, scale: q.scale };
    }
  }
  return entry;
}

/** Checks a `weightsManifest` (groups of shard paths and weight specs) and computes each group's byte length. */
export function checkManifest(raw: unknown): ManifestGroup[] {
  if (raw === undefined || raw === null) {
    fail('missing-manifest', 'missingManifest');
  }
  if (!Array.isArray(raw)) fail('bad-manifest', 'manifestNotList');
  const seen = new Set<string>();
  return raw.map((g: unknown, gi) => {
    if (!isPlainObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) {
      fail('bad-manifest', 'groupNeedsLists', { group: gi + 1 });
    }
    if (!g.paths.every((p): p is string => typeof p === 'string' && p.trim() !== '')) fail('bad-manifest', 'groupBadPath', { group: gi + 1 });
    const weights = g.weights.map((w: unknown, wi) => checkEntry(w, wi + 1, gi + 1));
    for (const w of weights) {
      if (seen.has(w.name)) fail('bad-manifest', 'weightTwice', { name: w.name });
      seen.add(w.name);
    }
    const byteLength = weights.reduce((n, w) => n + weightSpecByteLength(w), 0);
    if (g.paths.length === 0 && byteLength > 0) fail('bad-manifest', 'groupNoFile', { group: gi + 1 });
    return { paths: g.paths, weights, byteLength };
  });
}
