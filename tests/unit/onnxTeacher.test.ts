import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { inspectOnnxTeacher, expectedInputText } from '../../src/engine/import/onnxInspect';
import { areProbabilities, onnxScores, openOnnxTeacher, probabilitiesToLogits, toLayout, type OrtLike } from '../../src/engine/import/onnxRun';
import { ImportFailure } from '../../src/engine/import/errors';

const runtime = ort as unknown as OrtLike;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/onnx/${name}`, import.meta.url)));
const MNIST = { inputShape: [28, 28, 1], numClasses: 10 };

/** x·W + b with the file's own initializers (the fixtures are one linear layer over the flattened example). */
function reference(bytes: Uint8Array, x: Float32Array, rows: number): Float32Array {
  const m = onnx.ModelProto.decode(bytes);
  const get = (n: string) => {
    const t = m.graph!.initializer!.find((i) => i.name === n)!;
    const raw = t.rawData!;
    return { v: new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)), dims: t.dims!.map(Number) };
  };
  const w = get('w');
  const b = get('b');
  const [inN, k] = w.dims as [number, number];
  const out = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < k; j++) {
      let s = b.v[j]!;
      for (let i = 0; i < inN; i++) s += x[r * inN + i]! * w.v[i * k + j]!;
      out[r * k + j] = s;
    }
  return out;
}

const FAILURES: [file: string, code: string, key: string, detail?: RegExp][] = [
  ['bad-not-onnx.onnx', 'onnx-not-model', 'onnxNotModel'],
  ['bad-empty.onnx', 'onnx-not-model', 'onnxEmpty'],
  ['bad-no-graph.onnx', 'onnx-not-model', 'onnxNoGraph'],
  ['bad-opset-too-new.onnx', 'onnx-unsupported', 'onnxOpset', /opset 99/],
  ['bad-opset-too-old.onnx', 'onnx-unsupported', 'onnxOpset', /opset 1;/],
  ['bad-custom-domain.onnx', 'onnx-unsupported', 'onnxDomain', /com\.example/],
  ['bad-unknown-operator.onnx', 'onnx-unsupported', 'onnxOperator', /operator DoesNotExist/],
  ['bad-two-inputs.onnx', 'multiple-inputs', 'onnxInputs', /2 inputs \(input, mask\)/],
  ['bad-input-shape-3x32x32.onnx', 'input-shape-mismatch', 'onnxInputShape', /shape \[N, 3, 32, 32\].*\[N, 28, 28, 1\], \[N, 1, 28, 28\] or \[N, 784\]/],
  ['bad-input-int64.onnx', 'input-shape-mismatch', 'onnxInputType', /int64/],
  ['bad-five-classes.onnx', 'output-classes-mismatch', 'onnxOutputClasses', /5 scores per example, but this dataset has 10 classes/],
  ['bad-int64-output.onnx', 'onnx-output-type', 'onnxOutputType', /int64, not float32/],
  ['bad-output-rank3.onnx', 'output-classes-mismatch', 'onnxOutputRank', /\[N, 10, 1\]/],
  ['bad-nan-weights.onnx', 'predict-failed', 'onnxNonFinite', /NaN/],
];

describe('ONNX teacher checks (fixtures from scripts/make-onnx-fixtures.py, run in onnxruntime-node)', () => {
  for (const [file, code, key, detail] of FAILURES) {
    it(`${file} → ${key}`, async () => {
      const r = await openOnnxTeacher(runtime, fixture(file), MNIST);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.value.key).toBe(key);
      if (detail) expect(r.error.message).toMatch(detail);
    });
  }

  it('refuses a file over the size limit before reading it, saying both sizes', async () => {
    const r = await openOnnxTeacher(runtime, fixture('ok-nhwc-logits.onnx'), MNIST, { maxBytes: 10_000 });
    expect(r.ok || r.error.value.key).toBe('onnxTooLarge');
    if (!r.ok) expect(r.error.message).toMatch(/has 31,\d{3} bytes; the studio loads ONNX teachers of at most 10,000 bytes/);
  });

  it('says which shapes fit a dataset, and points datasets need [N, features]', async () => {
    expect(expectedInputText([28, 28, 1])).toBe('[N, 28, 28, 1], [N, 1, 28, 28] or [N, 784]');
    expect(expectedInputText([2])).toBe('[N, 2]');
    const r = await openOnnxTeacher(runtime, fixture('ok-nhwc-logits.onnx'), { inputShape: [2], numClasses: 10 });
    expect(!r.ok && r.error.message).toMatch(/has shape \[N, 28, 28, 1\], but for this dataset the studio feeds \[N, 2\]/);
    expect(() => inspectOnnxTeacher(fixture('ok-points-3.onnx'), { inputShape: [2], numClasses: 4 })).toThrow(ImportFailure);
  });

  it('accepts channels-last, channels-first, flat and fixed-batch inputs, and computes the right scores', async () => {
    const rows = 7;
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 256) / 255);
    for (const [file, layout, batch] of [
      ['ok-nhwc-logits.onnx', 'nhwc', null],
      ['ok-nchw-probabilities.onnx', 'nchw', null],
      ['ok-flat-784.onnx', 'flat', null],
      ['ok-fixed-batch-nchw.onnx', 'nchw', 1],
    ] as const) {
      const r = await openOnnxTeacher(runtime, fixture(file), MNIST);
      if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
      expect(r.teacher.plan.layout, file).toBe(layout);
      expect(r.teacher.plan.fixedBatch, file).toBe(batch);
      expect(r.teacher.plan.params, file).toBe(784 * 10 + 10);
      const progress: number[] = [];
      const scores = await onnxScores(r.teacher, x, rows, (f) => progress.push(f));
      expect(progress[progress.length - 1]).toBe(1);
      const z = reference(fixture(file), x, rows);
      if (file.includes('probabilities')) {
        expect(areProbabilities(scores, 10)).toBe(true);
        // Turned into logits, they give the same softmax as the model's own logits (logits differ by a constant per row).
        const logits = probabilitiesToLogits(scores);
        for (let r0 = 0; r0 < rows; r0++) {
          const shift = logits[r0 * 10]! - z[r0 * 10]!;
          for (let k = 0; k < 10; k++) expect(logits[r0 * 10 + k]! - z[r0 * 10 + k]!).toBeCloseTo(shift, 4);
        }
      } else {
        expect(areProbabilities(scores, 10)).toBe(false);
        scores.forEach((v, i) => expect(Math.abs(v - z[i]!)).toBeLessThan(1e-5));
      }
      await r.teacher.session.release();
    }
  });

  it('transposes channels-last examples to channels-first exactly', () => {
    // Two 2×2×3 examples whose value encodes (n, y, x, c).
    const x = Float32Array.from({ length: 24 }, (_, i) => i);
    const plan = { layout: 'nchw' } as Parameters<typeof toLayout>[3];
    const { data, dims } = toLayout(x, 2, [2, 2, 3], plan);
    expect(dims).toEqual([2, 3, 2, 2]);
    for (let n = 0; n < 2; n++)
      for (let y = 0; y < 2; y++)
        for (let xx = 0; xx < 2; xx++) for (let c = 0; c < 3; c++) expect(data[n * 12 + c * 4 + y * 2 + xx]).toBe(x[n * 12 + (y * 2 + xx) * 3 + c]);
  });
});
