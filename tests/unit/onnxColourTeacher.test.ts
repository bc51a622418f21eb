import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { openOnnxTeacher, onnxScores, type OrtLike } from '../../src/engine/import/onnxRun';
import {
  applyPreprocessing,
  describePreprocessing,
  identityPreprocessing,
  IMAGENET_PREPROCESSING,
  preprocessingProblem,
  type OnnxPreprocessing,
} from '../../src/engine/import/onnxPreprocess';
import { PretrainedStore } from '../../src/worker/pretrainedTeachers';
import type { Dataset } from '../../src/engine/data/types';
import type { ExperimentConfig } from '../../src/engine/train/types';
import { precomputeOnnxTeacher } from '../../src/worker/onnxTeacherLogits';
import { EMPTY_MODELS, withPretrainedTeacher } from '../../src/store/modelsSlice';

const runtime = ort as unknown as OrtLike;
const T = onnx.TensorProto.DataType;
const COLOUR = { inputShape: [4, 4, 3], numClasses: 2 };

/**
 * A one-layer ONNX model built here (Flatten → MatMul → Add) whose input has `dims` (batch first). Its weights pick
 * two input features: logit 0 = feature `pick[0]`, logit 1 = feature `pick[1]` (the bias is 0).
 */
function pickerOnnx(dims: (number | string)[], pick: [number, number]): Uint8Array {
  const features = dims.slice(1).reduce<number>((a, d) => a * (d as number), 1);
  const w = new Float32Array(features * 2);
  w[pick[0] * 2] = 1;
  w[pick[1] * 2 + 1] = 1;
  const raw = (a: Float32Array) => new Uint8Array(a.buffer.slice(0));
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'unit test',
    graph: {
      name: 'picker',
      node: [
        { opType: 'Flatten', input: ['x'], output: ['f'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
        { opType: 'MatMul', input: ['f', 'w'], output: ['m'] },
        { opType: 'Add', input: ['m', 'b'], output: ['logits'] },
      ],
      initializer: [
        { name: 'w', dataType: T.FLOAT, dims: [features, 2], rawData: raw(w) },
        { name: 'b', dataType: T.FLOAT, dims: [2], rawData: raw(new Float32Array(2)) },
      ],
      input: [{ name: 'x', type: { tensorType: { elemType: T.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } }],
      output: [{ name: 'logits', type: { tensorType: { elemType: T.FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } } } }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** One 4×4 RGB picture, channels-last: pixel (y, x) channel c is (4y + x) / 16 + c / 100. */
function picture(): Float32Array {
  const x = new Float32Array(4 * 4 * 3);
  for (let y = 0; y < 4; y++) for (let xx = 0; xx < 4; xx++) for (let c = 0; c < 3; c++) x[(y * 4 + xx) * 3 + c] = (4 * y + xx) / 16 + c / 100;
  return x;
}

// Pixel (0, 1) red is 1/16 = 0.0625; pixel (3, 0) blue is 12/16 + 0.02 = 0.77.
// ImageNet: (0.0625 − 0.485) / 0.229 = −1.8449782; (0.77 − 0.406) / 0.225 = 1.6177778.
// 0–255, mean [120, 110, 100], std [60, 50, 40]: (15.9375 − 120) / 60 = −1.734375; (196.35 − 100) / 40 = 2.40875.
const BYTE_SCALE: OnnxPreprocessing = { scale: 255, mean: [120, 110, 100], std: [60, 50, 40] };
const CASES: [string, OnnxPreprocessing | null, [number, number]][] = [
  ['none', null, [0.0625, 0.77]],
  ['ImageNet mean/std', IMAGENET_PREPROCESSING, [-1.8449782, 1.6177778]],
  ['0–255 with its own mean/std', BYTE_SCALE, [-1.734375, 2.40875]],
];

describe('ONNX preprocessing maths', () => {
  it('scales, then subtracts the mean and divides by the std of each channel (hand-computed values)', () => {
    const px = Float32Array.from([0.5, 0.25, 1, 0, 1, 0.5]);
    const out = applyPreprocessing(px, 3, IMAGENET_PREPROCESSING);
    const want = [(0.5 - 0.485) / 0.229, (0.25 - 0.456) / 0.224, (1 - 0.406) / 0.225, -0.485 / 0.229, (1 - 0.456) / 0.224, (0.5 - 0.406) / 0.225];
    out.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(out[0]).toBeCloseTo(0.0655022, 6);
    expect(out[2]).toBeCloseTo(2.64, 6);
    const bytes = applyPreprocessing(Float32Array.from([0.5]), 1, { scale: 255, mean: [128], std: [64] });
    expect(bytes[0]).toBeCloseTo(-0.0078125, 7);
    expect(Array.from(applyPreprocessing(px, 3, identityPreprocessing(3)))).toEqual(Array.from(px));
  });

  it('refuses a preprocessing that does not fit, each with its reason', () => {
    expect(preprocessingProblem(IMAGENET_PREPROCESSING, 1)).toMatch(/1 channel\(s\): give 1 mean\(s\) and 1 std\(s\) \(got 3 and 3\)/);
    expect(preprocessingProblem({ ...IMAGENET_PREPROCESSING, std: [0.2, 0, 0.2] }, 3)).toMatch(/std must be a number above 0/);
    expect(preprocessingProblem({ ...IMAGENET_PREPROCESSING, mean: [0, Number.NaN, 0] }, 3)).toMatch(/mean must be a number/);
    expect(preprocessingProblem({ ...IMAGENET_PREPROCESSING, scale: 100 as 1 }, 3)).toMatch(/scale must be 1 \(0–1\) or 255/);
    expect(() => applyPreprocessing(new Float32Array(4), 3, IMAGENET_PREPROCESSING)).toThrow(/not whole pixels/);
    expect(describePreprocessing(IMAGENET_PREPROCESSING)).toBe('pixels 0–1, mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]');
  });
});

describe('colour ONNX teachers in onnxruntime-node', () => {
  // Feature of (channel 0, row 0, col 1) and (channel 2, row 3, col 0) in each layout.
  const LAYOUTS: [string, (number | string)[], [number, number]][] = [
    ['NCHW [N, 3, 4, 4]', ['N', 3, 4, 4], [(0 * 4 + 0) * 4 + 1, (2 * 4 + 3) * 4 + 0]],
    ['NHWC [N, 4, 4, 3]', ['N', 4, 4, 3], [(0 * 4 + 1) * 3 + 0, (3 * 4 + 0) * 3 + 2]],
  ];
  for (const [layoutName, dims, pick] of LAYOUTS) {
    for (const [prepName, prep, want] of CASES) {
      it(`${layoutName}, preprocessing ${prepName}: the logits are the preprocessed pixels the weights pick`, async () => {
        const opened = await openOnnxTeacher(runtime, pickerOnnx(dims, pick), COLOUR);
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        expect(opened.teacher.plan.layout).toBe(dims[1] === 3 ? 'nchw' : 'nhwc');
        const teacher = { ...opened.teacher, preprocessing: prep };
        const x = new Float32Array(2 * 48);
        x.set(picture());
        x.set(picture().map((v) => 1 - v), 48);
        const scores = await onnxScores(teacher, x, 2);
        expect(scores[0]).toBeCloseTo(want[0], 5);
        expect(scores[1]).toBeCloseTo(want[1], 5);
        // The second picture (1 − v) goes through the same maths.
        const p = prep ?? identityPreprocessing(3);
        expect(scores[2]).toBeCloseTo(((1 - 0.0625) * p.scale - p.mean[0]!) / p.std[0]!, 4);
        expect(scores[3]).toBeCloseTo(((1 - 0.77) * p.scale - p.mean[2]!) / p.std[2]!, 4);
        // The data itself is not changed by the preprocessing.
        expect(x[1 * 3]).toBeCloseTo(0.0625, 7);
        await opened.teacher.session.release();
      });
    }
  }

  it('refuses a teacher for pictures of another size, naming both sizes', async () => {
    for (const dims of [['N', 3, 8, 8], ['N', 8, 8, 3]]) {
      const r = await openOnnxTeacher(runtime, pickerOnnx(dims, [0, 1]), COLOUR);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('input-shape-mismatch');
      expect(r.error.value.key).toBe('onnxInputSize');
      expect(r.error.message).toMatch(/takes 8×8 images, but this dataset's images are 4×4/);
    }
    // Another channel count is the general shape message.
    const grey = await openOnnxTeacher(runtime, pickerOnnx(['N', 1, 4, 4], [0, 1]), COLOUR);
    expect(!grey.ok && grey.error.value.key).toBe('onnxInputShape');
  });

  it('distils from the preprocessing the run states: the worker applies the config’s preprocessing to the logits it precomputes', async () => {
    const store = new PretrainedStore();
    // onnxruntime-node has no 'wasm' execution provider (the worker asks for it): open sessions with its defaults.
    const nodeOrt: OrtLike = { Tensor: runtime.Tensor, InferenceSession: { create: (bytes) => runtime.InferenceSession.create(bytes) } };
    const info = await store.loadOnnx('colour.onnx', pickerOnnx(['N', 3, 4, 4], LAYOUTS[0]![2]), COLOUR, async () => ({ ort: nodeOrt, threads: 1 }));
    expect(info).toHaveProperty('ref');
    if (!('ref' in info)) return;
    const data: Dataset = {
      id: 'colour',
      name: 'colour',
      inputShape: [4, 4, 3],
      numClasses: 2,
      classNames: ['a', 'b'],
      train: { x: picture(), y: Int32Array.from([0]), count: 1 },
      test: { x: picture(), y: Int32Array.from([1]), count: 1 },
    };
    const config = { pretrainedTeacher: { ...info.ref, preprocessing: IMAGENET_PREPROCESSING }, hint: null, teacherLive: false, augment: 'off' } as unknown as ExperimentConfig;
    const run = store.forRun(config, data);
    expect(run && 'kind' in run && run.kind).toBe('onnx');
    if (!run || !('kind' in run) || run.kind !== 'onnx') return;
    const { teacher } = await precomputeOnnxTeacher(run.onnx, run.params, data, () => {});
    expect(teacher.train[0]).toBeCloseTo(-1.8449782, 5);
    expect(teacher.test[1]).toBeCloseTo(1.6177778, 5);
    // A preprocessing with the wrong channel count is refused with its reason.
    const bad = store.forRun({ ...config, pretrainedTeacher: { ...info.ref, preprocessing: { scale: 1, mean: [0], std: [1] } } }, data);
    expect(bad && 'error' in bad && bad.error).toMatch(/preprocessing does not fit colour: The images have 3 channel/);
    store.remove(info.ref.id);
  });
});

describe('the stated preprocessing in the run config', () => {
  it('goes with an ONNX teacher into the experiment config (and so into the history and exports), not with a tfjs one', () => {
    const info = { ref: { id: 'teacher-1', name: 't.onnx' }, params: 10, layerTypes: [], inputShape: [32, 32, 3], numClasses: 10, quantization: [], softmaxRemoved: false, warnings: [] };
    const cfg = { augment: 'off', teacherLive: false } as unknown as ExperimentConfig;
    const onnxState = { models: { ...EMPTY_MODELS, teacher: { status: 'ready' as const, fileNames: ['t.onnx'], info: { ...info, format: 'onnx' as const }, error: null, preprocessing: IMAGENET_PREPROCESSING } } };
    expect(withPretrainedTeacher(cfg, onnxState).pretrainedTeacher).toEqual({ id: 'teacher-1', name: 't.onnx', preprocessing: IMAGENET_PREPROCESSING });
    const none = { models: { ...onnxState.models, teacher: { ...onnxState.models.teacher, preprocessing: null } } };
    expect(withPretrainedTeacher(cfg, none).pretrainedTeacher).toEqual({ id: 'teacher-1', name: 't.onnx' });
    const tfjs = { models: { ...onnxState.models, teacher: { ...onnxState.models.teacher, info } } };
    expect(withPretrainedTeacher(cfg, tfjs).pretrainedTeacher).toEqual({ id: 'teacher-1', name: 't.onnx' });
  });
});
