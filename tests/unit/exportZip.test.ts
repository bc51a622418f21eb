import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { zipSync, strToU8 } from 'fflate';
import { assignWeights, buildModel, seededWeights } from '../../src/engine/models/build';
import type { ArchSpec } from '../../src/engine/models/spec';
import type { ModelResult } from '../../src/engine/train/types';
import {
  buildStudentZip,
  readStudentZip,
  studentZipArtifacts,
  StudentZipError,
  type StudentReport,
} from '../../src/engine/export/studentZip';
import { artifactsOf, sampleInputs, smallCnn, smallMlp } from '../fixtures/models/makeModels';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

const result = (accuracy: number, agreement: number | null): ModelResult => ({
  accuracy,
  loss: 0.3,
  agreement,
  params: 51,
  ece: 0.02,
  trainMs: 1234,
});

const REPORT: StudentReport = {
  config: { dataset: 'spiral', temperature: 4, alpha: 0.7, nested: { list: [1, 2, 3] } },
  metrics: { teacher: result(0.97, null), scratch: result(0.81, 0.8), distilled: result(0.88, 0.9) },
  backend: 'cpu',
  seed: 11,
  createdAt: '2025-03-04T05:06:07.000Z',
  studioVersion: '0.1.0',
};

async function expectSamePredictions(original: tf.LayersModel, zip: Uint8Array, inputShape: number[]): Promise<void> {
  const contents = readStudentZip(zip);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(studentZipArtifacts(contents)));
  const x = sampleInputs(7, inputShape);
  const a = original.predict(x) as tf.Tensor;
  const b = loaded.predict(x) as tf.Tensor;
  const da = a.dataSync();
  const db = b.dataSync();
  expect(db.length).toBe(da.length);
  for (let i = 0; i < da.length; i++) expect(Math.abs(da[i]! - db[i]!)).toBeLessThanOrEqual(1e-6);
  tf.dispose([x, a, b]);
  loaded.dispose();
}

describe('student zip', () => {
  it('round-trips an MLP: build → read → tf.loadLayersModel → same predictions', async () => {
    const model = smallMlp();
    const zip = buildStudentZip(await artifactsOf(model), REPORT);
    await expectSamePredictions(model, zip, [2]);
    model.dispose();
  });

  it('round-trips a CNN with batch norm, and a studio-built CNN with dropout', async () => {
    const cnn = smallCnn();
    await expectSamePredictions(cnn, buildStudentZip(await artifactsOf(cnn), REPORT), [8, 8, 1]);
    cnn.dispose();
    const spec: ArchSpec = {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
        { type: 'maxpool', size: 2 },
        { type: 'dense', units: 8, activation: 'gelu' },
        { type: 'dropout', rate: 0.3 },
      ],
    };
    const studio = buildModel(spec, [10, 10, 1], 3, 'student');
    assignWeights(studio, seededWeights(studio, 5));
    await expectSamePredictions(studio, buildStudentZip(await artifactsOf(studio), REPORT), [10, 10, 1]);
    studio.dispose();
  });

  it('holds model.json in tfjs layers format, weights.bin and report.json', async () => {
    const model = smallMlp();
    const artifacts = await artifactsOf(model);
    const contents = readStudentZip(buildStudentZip(artifacts, REPORT));
    expect(contents.modelJson.format).toBe('layers-model');
    expect(contents.modelJson.convertedBy).toBeNull();
    expect(typeof contents.modelJson.generatedBy).toBe('string');
    expect(contents.modelJson.modelTopology).toEqual(artifacts.modelTopology);
    expect(contents.modelJson.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: artifacts.weightSpecs }]);
    expect(Array.from(contents.weights)).toEqual(Array.from(new Uint8Array(artifacts.weightData as ArrayBuffer)));
    expect(contents.report).toEqual(REPORT);
    model.dispose();
  });

  it('is byte-for-byte reproducible for the same model and report', async () => {
    const model = smallMlp();
    const artifacts = await artifactsOf(model);
    expect(Array.from(buildStudentZip(artifacts, REPORT))).toEqual(Array.from(buildStudentZip(artifacts, REPORT)));
    model.dispose();
  });

  it('rejects what is not a student zip, saying why', async () => {
    const model = smallMlp();
    const artifacts = await artifactsOf(model);
    const good = readStudentZip(buildStudentZip(artifacts, REPORT));
    const files = {
      'model.json': strToU8(JSON.stringify(good.modelJson)),
      'weights.bin': good.weights,
      'report.json': strToU8(JSON.stringify(REPORT)),
    };
    expect(() => readStudentZip(strToU8('hello'))).toThrow(StudentZipError);
    expect(() => readStudentZip(strToU8('hello'))).toThrow(/not a readable zip/);
    const { 'report.json': _r, ...noReport } = files;
    expect(() => readStudentZip(zipSync(noReport))).toThrow('The zip has no report.json.');
    expect(() => readStudentZip(zipSync({ ...files, 'weights.bin': good.weights.subarray(4) }))).toThrow(
      `weights.bin has ${good.weights.byteLength - 4} bytes but model.json describes ${good.weights.byteLength}.`,
    );
    expect(() => readStudentZip(zipSync({ ...files, 'model.json': strToU8('{oops') }))).toThrow('model.json in the zip is not a JSON object.');
    expect(() => readStudentZip(zipSync({ ...files, 'report.json': strToU8('{"seed": 1}') }))).toThrow(/report.json is missing fields/);
    model.dispose();
  });
});
