import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { float16BitsToFloat32, float32ToFloat16Bits, roundHalfEven } from '../../src/engine/export/float16';
import {
  decodeFloatWeights,
  maxQuantizationError,
  quantizationErrorBound,
  quantizeArtifacts,
  quantizeFloat16,
  quantizeUint8,
} from '../../src/engine/export/quantize';
import { artifactsOf, sampleInputs, smallCnn, smallMlp } from '../fixtures/models/makeModels';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

/**
 * numpy reference outputs are committed under tests/fixtures/quantize/ so the suite needs no numpy. To regenerate
 * them (numpy required): UPDATE_NUMPY_REFERENCE=1 npx vitest run tests/unit/exportQuantize.test.ts
 */
const REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/quantize');

/** Runs a Python snippet on JSON input, or reads its committed output (tests/fixtures/quantize/<name>.json). */
function numpyReference<T>(name: string, code: string, input: unknown): T {
  const file = join(REFERENCE_DIR, `${name}.json`);
  if (process.env.UPDATE_NUMPY_REFERENCE === '1') {
    const r = spawnSync('python3', ['-c', code], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(file, r.stdout);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** A spread of awkward float32 values: zeros, subnormals, ties, extremes near the float16 limits. */
function awkwardValues(): Float32Array {
  const v: number[] = [0, -0, 1, -1, 65504, -65504, 65519.99, 2 ** -14, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -30, 1 + 2 ** -11, 1 + 3 * 2 ** -11];
  for (let i = 0; i < 3000; i++) v.push(Math.sin(i * 12.9898) * 10 ** ((i % 13) - 8));
  return Float32Array.from(v);
}

describe('float16 codec', () => {
  it('decodes every half bit pattern like tfjs-core and re-encodes it to the same bits', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const tfjs = tf.io.decodeWeights(all.buffer, [{ name: 'h', shape: [65536], dtype: 'float32', quantization: { dtype: 'float16' } }]);
    const decoded = tfjs.h!.dataSync();
    for (let bits = 0; bits < 65536; bits++) {
      const ours = float16BitsToFloat32(bits);
      if (Number.isNaN(ours)) {
        expect(Number.isNaN(decoded[bits]!)).toBe(true);
        continue;
      }
      expect(Object.is(ours, decoded[bits])).toBe(true);
      expect(float32ToFloat16Bits(ours)).toBe(bits);
    }
    tfjs.h!.dispose();
  });

  it('rounds half to even', () => {
    expect([0.5, 1.5, 2.5, -2.5, 3.5, 2.4999].map(roundHalfEven)).toEqual([0, 2, 2, -2, 4, 2]);
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (1.0)
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (1 + 2^-9)
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // the midpoint to 65536 overflows to infinity
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
  });

  it("matches numpy's astype(float16) bit for bit", () => {
    const values = awkwardValues();
    const bits = numpyReference<number[]>(
      'float16-bits',
      'import sys, json, numpy as np\n' +
        'v = np.array(json.load(sys.stdin), dtype=np.uint32).view(np.float32)\n' +
        'print(json.dumps(v.astype(np.float16).view(np.uint16).tolist()))',
      Array.from(new Uint32Array(values.buffer)), // as bit patterns, so that -0 survives JSON
    );
    expect(Array.from(values, float32ToFloat16Bits)).toEqual(bits);
  });
});

describe('uint8 affine quantisation', () => {
  it("matches tfjs-converter's nudged scheme (numpy reference) exactly", () => {
    const tensors = [
      Float32Array.from({ length: 500 }, (_, i) => Math.sin(i * 0.731) * 0.37 - 0.05),
      Float32Array.from({ length: 300 }, (_, i) => 0.1 + Math.abs(Math.cos(i))), // all positive: no nudge
      Float32Array.from({ length: 300 }, (_, i) => -0.2 - Math.abs(Math.cos(i))), // all negative: no nudge
      Float32Array.from({ length: 40 }, () => 0.25), // constant
      awkwardValues().map((v) => (Math.abs(v) > 100 ? 0 : v)),
    ];
    // Written from the converter's documented algorithm: min/max, zero-point nudge, clip, round half even.
    const reference = numpyReference<{ q: number[]; min: number; scale: number }[]>(
      'uint8-nudged',
      [
        'import sys, json, numpy as np',
        'out = []',
        'for values in json.load(sys.stdin):',
        '    data = np.array(values, dtype=np.float32)',
        '    lo, hi = np.float64(data.min()), np.float64(data.max())',
        '    if lo == hi:',
        '        out.append({"q": [0] * len(data), "min": float(lo), "scale": 1.0}); continue',
        '    scale = (hi - lo) / 255',
        '    if lo <= 0 <= hi:',
        '        lo = -np.round(-lo / scale) * scale',
        '        hi = 255 * scale + lo',
        '    q = np.round((np.clip(data.astype(np.float64), lo, hi) - lo) / scale).astype(np.uint8)',
        '    out.append({"q": q.tolist(), "min": float(lo), "scale": float(scale)})',
        'print(json.dumps(out))',
      ].join('\n'),
      tensors.map((t) => Array.from(t)),
    );
    tensors.forEach((t, i) => {
      const ours = quantizeUint8(t);
      expect(Array.from(ours.bytes)).toEqual(reference[i]!.q);
      expect(ours.min).toBe(reference[i]!.min);
      expect(ours.scale).toBe(reference[i]!.scale);
    });
  });

  it('represents zero exactly when the range covers it, and stays within scale/2', () => {
    const values = Float32Array.from({ length: 257 }, (_, i) => (i - 100) / 77);
    const { bytes, min, scale } = quantizeUint8(values);
    expect(Number.isInteger(-min / scale) || Math.abs(-min / scale - Math.round(-min / scale)) < 1e-9).toBe(true);
    values.forEach((v, i) => expect(Math.abs(bytes[i]! * scale + min - v)).toBeLessThanOrEqual(scale / 2 + 1e-12));
  });

  it('refuses non-finite weights and float16 overflow with the weight name', () => {
    expect(() => quantizeUint8(Float32Array.from([1, Number.NaN]), 'd/kernel')).toThrow('Weight "d/kernel" contains NaN; it cannot be quantised.');
    expect(() => quantizeFloat16(Float32Array.from([70000]), 'd/bias')).toThrow(/Weight "d\/bias" holds 70000, beyond float16/);
  });
});

describe('quantised model export', () => {
  for (const [label, make, inputShape] of [
    ['MLP', () => smallMlp(), [2]],
    ['CNN with batch norm', () => smallCnn(), [8, 8, 1]],
  ] as const) {
    for (const dtype of ['float16', 'uint8'] as const) {
      it(`${label} as ${dtype}: loads in tfjs, weights within the bound, predictions close, size ${dtype === 'uint8' ? '¼' : '½'}`, async () => {
        const model = make();
        const original = await artifactsOf(model);
        const { artifacts, byteLength } = quantizeArtifacts(original, dtype);
        const originalBytes = (original.weightData as ArrayBuffer).byteLength;
        expect(byteLength).toBe(originalBytes / (dtype === 'uint8' ? 4 : 2));
        expect((artifacts.weightData as ArrayBuffer).byteLength).toBe(byteLength);
        for (const spec of artifacts.weightSpecs!) {
          expect(spec.dtype).toBe('float32');
          expect(spec.quantization?.dtype).toBe(dtype);
          if (dtype === 'uint8') {
            expect(Number.isFinite(spec.quantization!.min)).toBe(true);
            expect(spec.quantization!.scale! > 0).toBe(true);
          }
        }

        const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
        const originalValues = decodeFloatWeights(original);
        const loadedByName = new Map(loaded.weights.map((w) => [w.originalName, w.read().dataSync() as Float32Array]));
        for (const spec of artifacts.weightSpecs!) {
          const before = originalValues.get(spec.name)!;
          const after = loadedByName.get(spec.name)!;
          expect(after.length).toBe(before.length);
          for (let i = 0; i < before.length; i++) {
            expect(Math.abs(after[i]! - before[i]!)).toBeLessThanOrEqual(quantizationErrorBound(spec, before[i]!));
          }
        }
        // Our decoder agrees with what tfjs loaded.
        const ours = decodeFloatWeights(artifacts);
        for (const [name, values] of ours) expect(Array.from(values)).toEqual(Array.from(loadedByName.get(name)!));

        const { overall, perWeight } = maxQuantizationError(original, artifacts);
        expect(perWeight.size).toBe(artifacts.weightSpecs!.length);
        expect(overall).toBeGreaterThan(0);
        expect(overall).toBeLessThan(dtype === 'uint8' ? 0.01 : 0.001);

        const [a, b] = tf.tidy(() => {
          const x = sampleInputs(9, inputShape);
          return [(model.predict(x) as tf.Tensor).dataSync(), (loaded.predict(x) as tf.Tensor).dataSync()];
        });
        const worst = Array.from(a).reduce((m: number, v: number, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
        expect(worst).toBeLessThan(dtype === 'uint8' ? 0.05 : 0.005);
        loaded.dispose();
        model.dispose();
      });
    }
  }

  it('refuses to quantise twice', async () => {
    const model = smallMlp();
    const once = quantizeArtifacts(await artifactsOf(model), 'uint8').artifacts;
    expect(() => quantizeArtifacts(once, 'float16')).toThrow(/already quantised \(uint8\)/);
    model.dispose();
  });
});
