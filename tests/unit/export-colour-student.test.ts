import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { assembleImageSet } from '../../src/engine/data/images/imageSet';
import type { Dataset } from '../../src/engine/data/types';
import { readStudentZip, studentZipArtifacts } from '../../src/engine/export/studentZip';
import { IMAGENET_PREPROCESSING } from '../../src/engine/import/onnxPreprocess';
import { buildModel } from '../../src/engine/models/build';
import { COLOUR_STUDENT_PRESETS, COLOUR_TEACHER_PRESETS } from '../../src/engine/models/presets';
import type { ExperimentConfig, ExperimentResults, ModelResult } from '../../src/engine/train/types';
import type { UserDataMeta } from '../../src/engine/data/meta';
import { teacherOnnx } from '../../src/worker/onnxExport';
import { studentZip, type FinishedStudent } from '../../src/worker/studentDownloads';
import { UploadStore } from '../../src/worker/uploads';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const SIZE = 16;
const CLASSES = ['cats', '🐶 dogs', '鸟 birds'];
const result = (accuracy: number): ModelResult => ({ accuracy, loss: 0.5, agreement: null, params: 1, ece: 0.01, trainMs: 10 });
const results = { teacher: result(0.9), scratch: result(0.6), distilled: result(0.7) } as ExperimentResults;

let meta: UserDataMeta;
let data: Dataset;
beforeAll(async () => {
  await useCpu();
  // 45 seeded RGB pictures of 16 × 16 in 3 class folders, kept and split as an image-folder upload is.
  let s = 7;
  const byte = () => ((s = (s * 1103515245 + 12345) % 2147483648) >> 16) & 255;
  const kept = Array.from({ length: 45 }, (_, i) => ({ label: i % 3, rgb: Uint8Array.from({ length: SIZE * SIZE * 3 }, byte) }));
  const set = assembleImageSet(CLASSES, kept, SIZE);
  const store = new UploadStore();
  meta = store.addImages(set, 'pets', 3, { size: SIZE, fit: 'pad', classCounts: set.classCounts, skipped: 0 }).meta;
  data = store.get(meta.id);
});

/** A colour run's config: the folder upload, the colour presets, and an ONNX teacher with ImageNet preprocessing. */
function colourConfig(): ExperimentConfig {
  return toyConfig({
    dataset: 'colour-shapes',
    userData: meta,
    teacher: COLOUR_TEACHER_PRESETS[0]!.spec,
    student: COLOUR_STUDENT_PRESETS[0]!.spec,
    pretrainedTeacher: { id: 'onnx-1', name: 'resnet.onnx', preprocessing: IMAGENET_PREPROCESSING },
  });
}

/** The metadata a colour student of this set must carry. */
const expectedInput = () => ({
  shape: [SIZE, SIZE, 3],
  layout: 'NHWC',
  channels: 'RGB',
  preprocessing: { pixelScale: '0-1', formula: 'pixel / 255', by: 255, mean: [0, 0, 0], std: [1, 1, 1] },
  preparation: { source: 'folder', size: SIZE, fit: 'pad', resample: 'box (area average)', orientation: 'EXIF applied', alpha: 'flattened on white' },
  classNames: CLASSES,
  teacherPreprocessing: IMAGENET_PREPROCESSING,
});

/** The studio's logits of `model` on the first `n` test pictures (NHWC), and those pictures. */
function studioLogits(model: tf.LayersModel, n: number): { x: Float32Array; logits: Float32Array } {
  const x = data.test.x.slice(0, n * SIZE * SIZE * 3);
  const logits = tf.tidy(() => (model.apply(tf.tensor(x, [n, SIZE, SIZE, 3]), { training: false }) as tf.Tensor).dataSync() as Float32Array);
  return { x, logits };
}

describe('the downloads of a colour image-folder run', () => {
  it('the tfjs zip loads in Node with the studio’s logits and carries the input size, NHWC layout, preprocessing and class names', async () => {
    const config = colourConfig();
    const model = buildModel(config.student, [SIZE, SIZE, 3], 3, 'colour_student', { seed: 4 });
    const run: FinishedStudent = { runId: 9, model, config, results, data, backend: 'cpu', finishedAt: '2026-12-07T02:00:00.000Z', teacherWeights: null };
    const before = tf.memory().numTensors;
    const { bytes } = await studentZip(run, 'none');
    expect(tf.memory().numTensors).toBe(before);
    const zip = readStudentZip(bytes);
    expect(zip.report.input).toEqual(expectedInput());
    expect(JSON.parse(strFromU8(unzipSync(bytes)['model.json']!)).userDefinedMetadata).toEqual({ input: expectedInput() });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(studentZipArtifacts(zip)));
    expect(loaded.getUserDefinedMetadata()).toEqual({ input: expectedInput() });
    const { x, logits } = studioLogits(model, 9);
    const again = tf.tidy(() => (loaded.predict(tf.tensor(x, [9, SIZE, SIZE, 3])) as tf.Tensor).dataSync());
    again.forEach((v, i) => expect(v).toBe(logits[i]));
    // The report's check inputs are the first test pictures, as 0–1 RGB, channels last.
    expect(zip.report.check!.inputShape).toEqual([SIZE, SIZE, 3]);
    expect(zip.report.check!.inputs[0]).toEqual(Array.from(data.test.x.slice(0, SIZE * SIZE * 3)));
    loaded.dispose();

    // The zip's ONNX student in onnxruntime-node: the studio's logits on NHWC pictures, and the same metadata.
    const onnxBytes = unzipSync(bytes)['model.onnx']!;
    const props = Object.fromEntries(onnx.ModelProto.decode(onnxBytes).metadataProps.map((p) => [p.key, p.value]));
    expect(props.input_layout).toBe('NHWC');
    expect(JSON.parse(props.input_shape!)).toEqual([SIZE, SIZE, 3]);
    expect(props.input_channels).toBe('RGB');
    expect(JSON.parse(props.input_preprocessing!)).toEqual(expectedInput().preprocessing);
    expect(JSON.parse(props.image_preparation!)).toEqual(expectedInput().preparation);
    expect(JSON.parse(props.teacher_preprocessing!)).toEqual(IMAGENET_PREPROCESSING);
    expect(JSON.parse(props.class_names!)).toEqual(CLASSES);
    expect(JSON.parse(props.input_scaling!)).toEqual({ kind: 'divide', formula: 'pixel / 255', by: 255, layout: 'NHWC' });
    const session = await ort.InferenceSession.create(onnxBytes);
    const out = await session.run({ input: new ort.Tensor('float32', x, [9, SIZE, SIZE, 3]) });
    const onnxLogits = out.logits!.data as Float32Array;
    expect(onnxLogits).toHaveLength(logits.length);
    onnxLogits.forEach((v, i) => expect(Math.abs(v - logits[i]!)).toBeLessThan(1e-5));
    await session.release();
    model.dispose();
  });

  it('a studio-built colour teacher (batch-normalised VGG) written as ONNX gives its logits and states its input', async () => {
    const config = { ...colourConfig(), pretrainedTeacher: null };
    const teacher = buildModel(config.teacher, [SIZE, SIZE, 3], 3, 'colour_teacher', { seed: 6 });
    // Non-trivial batch-norm statistics, as after training.
    const values = teacher.weights.map((v, i) => (v.name.includes('moving_variance') ? tf.fill(v.read().shape, 1.5 + (i % 3) * 0.25) : v.read().clone()));
    teacher.setWeights(values);
    tf.dispose(values);
    const weights = teacher.getWeights().map((w) => w.dataSync() as Float32Array);
    const file = await teacherOnnx(weights, config, data, 'float32');
    const props = Object.fromEntries(onnx.ModelProto.decode(file.bytes).metadataProps.map((p) => [p.key, p.value]));
    expect(props.role).toBe('teacher');
    expect(props.input_layout).toBe('NHWC');
    expect(JSON.parse(props.input_shape!)).toEqual([SIZE, SIZE, 3]);
    expect(props).not.toHaveProperty('teacher_preprocessing');
    const { x, logits } = studioLogits(teacher, 6);
    const session = await ort.InferenceSession.create(file.bytes);
    const out = await session.run({ input: new ort.Tensor('float32', x, [6, SIZE, SIZE, 3]) });
    (out.logits!.data as Float32Array).forEach((v, i) => expect(Math.abs(v - logits[i]!)).toBeLessThan(1e-4));
    await session.release();
    teacher.dispose();
  });
});
