import type * as tf from '@tensorflow/tfjs';
import { weightSpecByteLength } from '../export/artifacts';
import { isPlainObject } from '../export/json';
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

function checkEntry(raw: unknown, where: string): tf.io.WeightsManifestEntry {
  if (!isPlainObject(raw) || typeof raw.name !== 'string' || raw.name === '') fail('bad-manifest', `${where} has no name.`);
  const name = raw.name;
  const shape = raw.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail('bad-manifest', `Weight "${name}" has an invalid shape ${JSON.stringify(shape)} in the weights manifest.`);
  }
  if (typeof raw.dtype !== 'string' || !WEIGHT_DTYPES.has(raw.dtype)) {
    fail('unsupported-dtype', `Weight "${name}" has dtype ${JSON.stringify(raw.dtype)}; layers models store float32 (or int32) weights.`);
  }
  const entry: tf.io.WeightsManifestEntry = { name, shape: shape as number[], dtype: raw.dtype as 'float32' | 'int32' };
  if (raw.group === 'model' || raw.group === 'optimizer') entry.group = raw.group;
  if (raw.quantization !== undefined) {
    const q = raw.quantization;
    if (!isPlainObject(q) || typeof q.dtype !== 'string' || !QUANT_DTYPES.has(q.dtype)) {
      fail('bad-quantization', `Weight "${name}" uses an unknown quantisation ${JSON.stringify(isPlainObject(q) ? q.dtype : q)}; tfjs reads uint8, uint16 and float16.`);
    }
    if (q.dtype === 'float16') {
      if (entry.dtype !== 'float32') fail('bad-quantization', `Weight "${name}" is float16-quantised but has dtype ${entry.dtype}; only float32 weights can be.`);
      entry.quantization = { dtype: 'float16' };
    } else {
      if (typeof q.min !== 'number' || typeof q.scale !== 'number' || !Number.isFinite(q.min) || !Number.isFinite(q.scale)) {
        fail('bad-quantization', `Weight "${name}" is ${q.dtype}-quantised but its min and scale are missing or not finite numbers.`);
      }
      entry.quantization = { dtype: q.dtype as 'uint8' | 'uint16', min: q.min, scale: q.scale };
    }
  }
  return entry;
}

/** Checks a `weightsManifest` (groups of shard paths and weight specs) and computes each group's byte length. */
export function checkManifest(raw: unknown): ManifestGroup[] {
  if (raw === undefined || raw === null) {
    fail('missing-manifest', 'model.json has no weightsManifest, so it does not say which file holds the weights. Save the model with model.save() or tensorflowjs_converter.');
  }
  if (!Array.isArray(raw)) fail('bad-manifest', 'The weightsManifest in model.json is not a list.');
  const seen = new Set<string>();
  return raw.map((g: unknown, gi) => {
    if (!isPlainObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) {
      fail('bad-manifest', `Weights manifest group ${gi + 1} needs "paths" and "weights" lists.`);
    }
    if (!g.paths.every((p): p is string => typeof p === 'string' && p.trim() !== '')) fail('bad-manifest', `Weights manifest group ${gi + 1} has an empty or non-text path.`);
    const weights = g.weights.map((w: unknown, wi) => checkEntry(w, `Weight ${wi + 1} of manifest group ${gi + 1}`));
    for (const w of weights) {
      if (seen.has(w.name)) fail('bad-manifest', `The weights manifest lists weight "${w.name}" twice.`);
      seen.add(w.name);
    }
    const byteLength = weights.reduce((n, w) => n + weightSpecByteLength(w), 0);
    if (g.paths.length === 0 && byteLength > 0) fail('bad-manifest', `Weights manifest group ${gi + 1} lists weights but no file to read them from.`);
    return { paths: g.paths, weights, byteLength };
  });
}
