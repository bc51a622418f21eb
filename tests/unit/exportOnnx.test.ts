import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { buildModel } from '../../src/engine/models/build';
import { IMAGE_STUDENT_PRESETS, IMAGE_TEACHER_PRESETS, STUDENT_PRESETS, TEACHER_PRESETS } from '../../src/engine/models/presets';
import type { ArchSpec } from '../../src/engine/models/spec';
import { modelToOnnx, ONNX_OPSET, ONNX_PRODUCER, type OnnxMetadata } from '../../src/engine/export/onnx/onnxFile';
import type { OnnxPrecision } from '../../src/engine/export/onnx/onnxGraph';
import { useCpu } from './tfSetup';

const META: OnnxMetadata = {
  classNames: ['a', 'b'],
  inputScaling: '{"kind":"pixels/255"}',
  distillation: '{"temperature":4,"alpha":0.7,"teacher":"cnn"}',
  studioVersion: 'test',
  role: 'distilled student',
};

/** Deterministic pseudo-random numbers (LCG) in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Fills every weight with non-trivial values (batch-norm variances positive), so each weight matters. */
function randomise(model: tf.LayersModel, seed: number): void {
  const r = rng(seed);
  model.setWeights(
    model.weights.map((w) => {
      const shape = w.shape.map(Number);
      const n = shape.reduce((a, b) => a * b, 1);
      // Kernels at a trained network's scale (variance-preserving, like Glorot/He), everything else small but non-zero.
      const fanIn = shape.length > 1 ? n / shape[shape.length - 1]! : 1;
      const scale = shape.length > 1 ? Math.sqrt(6 / fanIn) : 0.2;
      const values = Float32Array.from({ length: n }, () => (w.name.includes('variance') ? 0.5 + r() : (2 * r() - 1) * scale));
      return tf.tensor(values, shape);
    }),
  );
}

/** Largest |a − b| between tfjs logits and ONNX Runtime's, and whether the probabilities output is softmax. */
async function compare(spec: ArchSpec, inputShape: number[], classes: number, precision: OnnxPrecision, seed: number) {
  const model = buildModel(spec, inputShape, classes, 'm');
  randomise(model, seed);
  const n = 8;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const r = rng(seed + 1);
  const x = Float32Array.from({ length: n * size }, () => r());
  const expected = tf.tidy(() => (model.apply(tf.tensor(x, [n, ...inputShape]), { training: false }) as tf.Tensor).dataSync().slice());
  const file = await modelToOnnx(model, precision, { ...META, classNames: Array.from({ length: classes }, (_, i) => String(i)) });
  model.dispose();
  const session = await ort.InferenceSession.create(file.bytes);
  const out = await session.run({ input: new ort.Tensor('float32', x, [n, ...inputShape]) });
  const logits = out.logits!.data as Float32Array;
  const probs = out.probabilities!.data as Float32Array;
  let maxDiff = 0;
  let probDiff = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from(logits.slice(i * classes, (i + 1) * classes));
    const m = Math.max(...row);
    const z = row.reduce((a, v) => a + Math.exp(v - m), 0);
    row.forEach((v, j) => (probDiff = Math.max(probDiff, Math.abs(Math.exp(v - m) / z - probs[i * classes + j]!))));
  }
  for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i]! - logits[i]!));
  await session.release();
  return { maxDiff, probDiff, file, scale: Math.max(...Array.from(expected, Math.abs)) };
}

const CUSTOM_CNN: ArchSpec = {
  kind: 'cnn',
  layers: [
    { type: 'conv', filters: 6, kernel: 3, stride: 2, activation: 'gelu', batchNorm: true },
    { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'tanh' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 24, activation: 'gelu' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 16, activation: 'relu' },
  ],
} as ArchSpec;

const CASES: { name: string; spec: ArchSpec; inputShape: number[]; classes: number }[] = [
  ...[...TEACHER_PRESETS, ...STUDENT_PRESETS].map((p) => ({ name: `toy ${p.id}`, spec: p.spec, inputShape: [2], classes: 3 })),
  ...[...IMAGE_TEACHER_PRESETS, ...IMAGE_STUDENT_PRESETS].map((p) => ({ name: `image ${p.id}`, spec: p.spec, inputShape: [28, 28, 1], classes: 10 })),
  { name: 'custom CNN (stride 2, batch norm, gelu, tanh, pool, dropout)', spec: CUSTOM_CNN, inputShape: [28, 28, 1], classes: 10 },
  { name: 'gelu MLP on 5 features', spec: { kind: 'mlp', hidden: [12, 7], activation: 'gelu', dropout: 0.2 } as ArchSpec, inputShape: [5], classes: 4 },
];

beforeAll(async () => {
  await useCpu();
});

describe('ONNX export, checked in onnxruntime-node', () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: float32 logits match tfjs within 1e-5, float16 within 1e-2`, async () => {
      const f32 = await compare(c.spec, c.inputShape, c.classes, 'float32', 100 + i);
      expect(f32.scale).toBeGreaterThan(0.01); // the logits are not trivially zero
      expect(f32.maxDiff).toBeLessThan(1e-5);
      expect(f32.probDiff).toBeLessThan(1e-6);
      const f16 = await compare(c.spec, c.inputShape, c.classes, 'float16', 100 + i);
      expect(f16.maxDiff).toBeLessThan(1e-2);
      if (f32.file.bytes.byteLength > 50_000) expect(f16.file.bytes.byteLength).toBeLessThan(f32.file.bytes.byteLength * 0.6);
    }, 60_000);
  }

  it('writes the opset, producer, a named NHWC input with a dynamic batch, both outputs and the metadata', async () => {
    const { file } = await compare(CUSTOM_CNN, [28, 28, 1], 10, 'float32', 7);
    const m = onnx.ModelProto.decode(file.bytes);
    expect(m.producerName).toBe(ONNX_PRODUCER);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    const input = m.graph!.input![0]!;
    expect(input.name).toBe('input');
    expect(input.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 28, 28, 1]);
    expect(m.graph!.output!.map((o) => o.name)).toEqual(['logits', 'probabilities']);
    const props = Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(props.class_names!)).toHaveLength(10);
    expect(props.input_scaling).toBe(META.inputScaling);
    expect(JSON.parse(props.distillation!)).toEqual({ temperature: 4, alpha: 0.7, teacher: 'cnn' });
    expect(props.input_layout).toBe('NHWC');
    const ops = new Set(m.graph!.node!.map((n) => n.opType));
    for (const op of ['Conv', 'BatchNormalization', 'Erf', 'Tanh', 'MaxPool', 'Flatten', 'MatMul', 'Relu', 'Softmax']) expect(ops.has(op), op).toBe(true);
    expect(ops.has('Dropout')).toBe(false);
  });

  it('runs any batch size (dynamic batch dimension)', async () => {
    const model = buildModel(STUDENT_PRESETS[0]!.spec, [2], 3, 'm');
    randomise(model, 3);
    const file = await modelToOnnx(model, 'float32', META);
    model.dispose();
    const session = await ort.InferenceSession.create(file.bytes);
    for (const n of [1, 33]) {
      const out = await session.run({ input: new ort.Tensor('float32', new Float32Array(n * 2), [n, 2]) });
      expect(out.logits!.dims).toEqual([n, 3]);
    }
    await session.release();
  });
});
