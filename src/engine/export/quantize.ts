import type * as tf from '@tensorflow/tfjs';
import { weightBuffer, weightSpecByteLength, weightSpecs } from './artifacts';
import { FLOAT16_MAX, float16BitsToFloat32, float32ToFloat16Bits, roundHalfEven } from './float16';

/** Quantisation schemes tfjs `loadLayersModel` dequantises on load. */
export type QuantizationDtype = 'float16' | 'uint8';

/** Quantised artifacts and the byte size of their weight data. */
export interface QuantizedModel {
  artifacts: tf.io.ModelArtifacts;
  byteLength: number;
}

/** One tensor quantised to uint8 with its affine dequantisation `value = q · scale + min`. */
export interface Uint8Quantized {
  bytes: Uint8Array;
  min: number;
  scale: number;
}

const UINT8_MAX = 255;

/**
 * Affine uint8 quantisation exactly as tfjs-converter's `quantize_weights`: the range is nudged so that 0
 * is exactly representable when it lies inside [min, max]; a constant tensor becomes zeros with scale 1.
 */
export function quantizeUint8(values: Float32Array, name = 'weight'): Uint8Quantized {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`Weight "${name}" contains ${v}; it cannot be quantised.`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const bytes = new Uint8Array(values.length);
  if (values.length === 0) return { bytes, min: 0, scale: 1 };
  if (lo === hi) return { bytes, min: lo, scale: 1 };
  const scale = (hi - lo) / UINT8_MAX;
  let min = lo;
  let max = hi;
  if (lo <= 0 && 0 <= hi) {
    min = -roundHalfEven(-lo / scale) * scale;
    max = UINT8_MAX * scale + min;
  }
  for (let i = 0; i < values.length; i++) {
    const clamped = Math.min(Math.max(values[i]!, min), max);
    bytes[i] = Math.min(Math.max(roundHalfEven((clamped - min) / scale), 0), UINT8_MAX);
  }
  return { bytes, min, scale };
}

/** Half-precision bits of every value (numpy `astype(float16)`); throws if a value overflows ±65504. */
export function quantizeFloat16(values: Float32Array, name = 'weight'): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const bits = float32ToFloat16Bits(values[i]!);
    if ((bits & 0x7c00) === 0x7c00 && Number.isFinite(values[i]!)) {
      throw new RangeError(`Weight "${name}" holds ${values[i]}, beyond float16's ±${FLOAT16_MAX}; use uint8 instead.`);
    }
    out[i] = bits;
  }
  return out;
}

/** Returns float32 artifacts with every float32 weight quantised as tfjs-converter does (specs record the scheme). */
export function quantizeArtifacts(artifacts: tf.io.ModelArtifacts, dtype: QuantizationDtype): QuantizedModel {
  const specs = weightSpecs(artifacts);
  const data = weightBuffer(artifacts);
  const parts: Uint8Array[] = [];
  const newSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`Weight "${spec.name}" is already quantised (${spec.quantization.dtype}).`);
    const length = weightSpecByteLength(spec);
    if (offset + length > data.byteLength) throw new Error(`The weight data ends before weight "${spec.name}".`);
    const raw = data.slice(offset, offset + length);
    offset += length;
    if (spec.dtype !== 'float32') {
      parts.push(new Uint8Array(raw));
      newSpecs.push({ ...spec });
      continue;
    }
    const values = new Float32Array(raw);
    if (dtype === 'uint8') {
      const q = quantizeUint8(values, spec.name);
      parts.push(q.bytes);
      newSpecs.push({ ...spec, quantization: { dtype: 'uint8', min: q.min, scale: q.scale } });
    } else {
      const q = quantizeFloat16(values, spec.name);
      parts.push(new Uint8Array(q.buffer, q.byteOffset, q.byteLength));
      newSpecs.push({ ...spec, quantization: { dtype: 'float16' } });
    }
  }
  const byteLength = parts.reduce((n, p) => n + p.byteLength, 0);
  const weightData = new ArrayBuffer(byteLength);
  const view = new Uint8Array(weightData);
  let at = 0;
  for (const p of parts) {
    view.set(p, at);
    at += p.byteLength;
  }
  return { artifacts: { ...artifacts, weightSpecs: newSpecs, weightData }, byteLength };
}

/** Every float32 weight's values, dequantised the way tfjs-core's `decodeWeights` does, by weight name. */
export function decodeFloatWeights(artifacts: tf.io.ModelArtifacts): Map<string, Float32Array> {
  const data = weightBuffer(artifacts);
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of weightSpecs(artifacts)) {
    const length = weightSpecByteLength(spec);
    const raw = data.slice(offset, offset + length);
    offset += length;
    if (spec.dtype !== 'float32') continue;
    const q = spec.quantization;
    if (!q) {
      out.set(spec.name, new Float32Array(raw));
    } else if (q.dtype === 'float16') {
      out.set(spec.name, Float32Array.from(new Uint16Array(raw), float16BitsToFloat32));
    } else {
      const ints = q.dtype === 'uint8' ? new Uint8Array(raw) : new Uint16Array(raw);
      const scale = q.scale ?? 1;
      const min = q.min ?? 0;
      out.set(spec.name, Float32Array.from(ints, (v) => v * scale + min));
    }
  }
  return out;
}

/** Largest absolute difference, per weight and overall, between two artifacts' (dequantised) float32 weights. */
export function maxQuantizationError(
  original: tf.io.ModelArtifacts,
  quantized: tf.io.ModelArtifacts,
): { overall: number; perWeight: Map<string, number> } {
  const a = decodeFloatWeights(original);
  const b = decodeFloatWeights(quantized);
  const perWeight = new Map<string, number>();
  let overall = 0;
  for (const [name, values] of a) {
    const other = b.get(name);
    if (!other || other.length !== values.length) throw new Error(`Weight "${name}" is missing or resized in the quantised model.`);
    let worst = 0;
    for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - other[i]!));
    perWeight.set(name, worst);
    overall = Math.max(overall, worst);
  }
  return { overall, perWeight };
}

/** The theoretical worst-case error of one element `value` under a weight spec's quantisation. */
export function quantizationErrorBound(spec: tf.io.WeightsManifestEntry, value: number): number {
  const q = spec.quantization;
  if (!q) return 0;
  // float16: half an ulp, i.e. 2^-11 relative, or half the subnormal step 2^-24 near zero.
  if (q.dtype === 'float16') return Math.max(Math.abs(value) * 2 ** -11, 2 ** -25);
  // uint8/uint16: half a quantisation step, plus the float32 rounding of the dequantised value.
  const scale = q.scale ?? 0;
  return scale / 2 + (Math.abs(value) + scale) * 2 ** -23;
}
