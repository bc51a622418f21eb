import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvDataset, previewCsv } from '../../src/engine/data/csv';
import { fillValues } from '../../src/engine/data/missing';
import { standardizedCopy, toUserDataset } from '../../src/engine/data/userData';
import { buildStudentZip, readStudentZip } from '../../src/engine/export/studentZip';
import { pytorchExperiment, toPyTorchScript } from '../../src/engine/export/pytorchScript';
import type { ExperimentConfig, ExperimentResults, ModelResult } from '../../src/engine/train/types';
import { missingPlan } from '../../src/ui/data/missingPlan';
import { onnxMetadataOf } from '../../src/worker/onnxExport';
import { studentReport } from '../../src/worker/studentDownloads';
import { UploadStore } from '../../src/worker/uploads';
import { buildModel } from '../../src/engine/models/build';
import { artifactsOf } from '../fixtures/models/makeModels';
import { fixtureText } from '../fixtures/fsSource';
import { SPIRAL } from './pytorchSpecs';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

/** Ten labelled rows (ids 1–10) with an empty age (id 2), a NaN age (id 8), an empty fare (id 4), and a row without label. */
const TINY = 'id,age,fare,label\n1,10,1,a\n2,,2,a\n3,30.5,3,a\n4,40,,a\n5,50,5,a\n6,11,6,b\n7,21,7,b\n8,NaN,8,b\n9,41,9,b\n10,51.25,10,b\n,7,7,\n';
const AGE: Record<number, number> = { 1: 10, 3: 30.5, 4: 40, 5: 50, 6: 11, 7: 21, 9: 41, 10: 51.25 };
const FARE: Record<number, number> = { 1: 1, 2: 2, 3: 3, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10 };

/** The ids (first feature) of a split's rows, in split order. */
const idsOf = (x: Float32Array, len: number) => Array.from({ length: x.length / len }, (_, i) => x[i * len]!);

describe('a CSV with holes: parsing', () => {
  it('without a rule, a missing cell is still refused with its line and column', () => {
    expect(() => parseCsvDataset(TINY, 'label')).toThrow('Line 3, column "age": the cell is empty.');
    expect(() => parseCsvDataset('a,b,c\n1,NaN,x\n1,2,y\n', 'c')).toThrow('Line 2, column "b": "NaN" is not a number.');
  });

  it('drop: rows with an empty label or a missing feature go; the record counts them per column', () => {
    const d = parseCsvDataset(TINY, 'label', 't.csv', 'drop');
    expect(d.count).toBe(7); // 11 rows − 1 without label − ids 2, 4 and 8
    expect(Array.from(d.x.filter((_, i) => i % 3 === 0))).toEqual([1, 3, 5, 6, 7, 9, 10]);
    expect(d.holes).toEqual({ rule: 'drop', droppedForLabel: 1, droppedForFeatures: 3, missingPerFeature: [1, 2, 1] });
  });

  it('fill: only the row without label goes; the missing cells stay NaN until the split', () => {
    const d = parseCsvDataset(TINY, 'label', 't.csv', 'fill');
    expect(d.count).toBe(10);
    expect(d.holes).toEqual({ rule: 'fill', droppedForLabel: 1, droppedForFeatures: 0, missingPerFeature: [1, 2, 1] });
    const nan = Array.from(d.x, (v, i) => (Number.isNaN(v) ? i : -1)).filter((i) => i >= 0);
    expect(nan).toEqual([1 * 3 + 1, 3 * 3 + 2, 7 * 3 + 1]); // id 2 age, id 4 fare, id 8 age
  });

  it('a file without holes keeps no record; dropping every row says so', () => {
    expect(parseCsvDataset('a,b,c\n1,2,x\n3,4,y\n', 'c', 'f', 'drop').holes).toBeUndefined();
    expect(() => parseCsvDataset('a,b,c\n1,,x\n,4,y\n', 'c', 'f', 'drop')).toThrow('All 2 rows have a missing value');
  });
});

describe('a CSV with holes: the preview counts', () => {
  it('per column, with the non-numeric texts, and what each label column would drop or fill (fixture with-holes.csv)', async () => {
    const p = previewCsv(await fixtureText('with-holes.csv'));
    expect(p.headers).toEqual(['pclass', 'sex', 'age', 'fare', 'survived']);
    expect(p.rowCount).toBe(60);
    expect(p.holes.empty).toEqual([0, 0, 5, 1, 2]);
    expect(p.holes.notNumber).toEqual([0, 0, 2, 1, 0]);
    expect(p.holes.samples).toEqual([[], [], ['NaN'], ['?'], []]);
    // Label "survived": 7 labelled rows have a hole (one of them two), 8 cells in all; the row without label and
    // an empty age is not counted (it is dropped for its label).
    expect(p.holes.featureRows[4]).toBe(7);
    expect(p.holes.featureCells[4]).toBe(8);
    expect(missingPlan(p, 4)).toEqual({
      total: 60,
      columns: [
        { name: 'age', empty: 5, notNumber: 2, samples: ['NaN'] },
        { name: 'fare', empty: 1, notNumber: 1, samples: ['?'] },
      ],
      emptyLabels: 2,
      featureRows: 7,
      featureCells: 8,
    });
    expect(missingPlan(previewCsv('a,b\n1,x\n2,y\n'), 1)).toBeNull();
  });
});

describe('a CSV with holes: drop vs fill after the seeded split', () => {
  it('fill values are the means of the training split’s present values (hand-computed), test rows filled with them too', () => {
    const d = toUserDataset(parseCsvDataset(TINY, 'label', 't.csv', 'fill'), { id: 'x', name: 't', seed: 3 });
    const train = idsOf(d.train.x, 3);
    const test = idsOf(d.test.x, 3);
    expect([...train].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 8, 9, 10]);
    expect([...test].sort((a, b) => a - b)).toEqual([1, 7]);
    // Hand: ages of training ids 3, 4, 5, 6, 9, 10 (2 and 8 are missing); fares of 2, 3, 5, 6, 8, 9, 10 (4 is missing).
    expect((30.5 + 40 + 50 + 11 + 41 + 51.25) / 6).toBe(37.291666666666664);
    expect((2 + 3 + 5 + 6 + 8 + 9 + 10) / 7).toBe(6.142857142857143);
    expect(d.missingValues).toEqual({
      rule: 'fill',
      droppedForLabel: 1,
      droppedForFeatures: 0,
      missingPerFeature: [1, 2, 1],
      filledCells: 3,
      fill: [(2 + 3 + 4 + 5 + 6 + 8 + 9 + 10) / 8, 37.291666666666664, 6.142857142857143],
    });
    // The test rows never count: the same means from the table, over the training ids only.
    const mean = (t: Record<number, number>) => {
      const v = train.filter((id) => id in t).map((id) => t[id]!);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    expect(d.missingValues!.fill!.slice(1)).toEqual([mean(AGE), mean(FARE)]);
    // Each filled cell holds its fill value rounded to float32; no NaN is left.
    const row = (id: number) => train.indexOf(id) * 3;
    expect(d.train.x[row(2) + 1]).toBe(Math.fround(37.291666666666664));
    expect(d.train.x[row(8) + 1]).toBe(Math.fround(37.291666666666664));
    expect(d.train.x[row(4) + 2]).toBe(Math.fround(6.142857142857143));
    expect([...d.train.x, ...d.test.x].some(Number.isNaN)).toBe(false);
    // fillValues itself, on a split with a NaN-only column: NaN (no mean).
    expect(fillValues({ x: Float32Array.from([1, Number.NaN, 3, Number.NaN]), y: Int32Array.from([0, 1]), count: 2 }, 2)).toEqual([2, Number.NaN]);
  });

  it('drop vs fill on the fixture: 51 rows against 58, and the standardisation is fitted on the filled data', async () => {
    const text = await fixtureText('with-holes.csv');
    const store = new UploadStore();
    const drop = store.addCsv('with-holes.csv', text, 4, 7, 'drop').meta;
    expect(drop.trainCount + drop.testCount).toBe(51);
    expect(drop.csv!.missing).toEqual({ rule: 'drop', droppedForLabel: 2, droppedForFeatures: 7, missingPerFeature: [0, 0, 7, 2], filledCells: 0 });
    const fill = store.addCsv('with-holes.csv', text, 4, 7, 'fill');
    expect(fill.meta.trainCount + fill.meta.testCount).toBe(58);
    const m = fill.meta.csv!.missing!;
    expect(m).toMatchObject({ rule: 'fill', droppedForLabel: 2, droppedForFeatures: 0, missingPerFeature: [0, 0, 7, 2], filledCells: 8 });
    const data = store.get(fill.meta.id);
    expect(data.missingValues).toEqual(m);
    expect(standardizedCopy(data).featureScaling).toEqual(fill.meta.csv!.featureScaling);
    expect(fill.meta.csv!.featureScaling!.mean.every(Number.isFinite)).toBe(true);
    // Without a rule the upload is refused as before.
    expect(() => new UploadStore().addCsv('with-holes.csv', text, 4, 7)).toThrow('Line 5, column "age": the cell is empty.');
  });

  it('a column with holes but no value in the training split cannot be filled, and says which', () => {
    const text = 'a,b,y\n1,,p\n2,,q\n3,,p\n4,,q\n5,,p\n6,,q\n';
    expect(() => new UploadStore().addCsv('f.csv', text, 2, 1, 'fill')).toThrow('Column "b" has no number in the training split');
  });
});

const RESULT: ModelResult = { accuracy: 0.9, loss: 0.3, agreement: null, params: 51, ece: 0.02, trainMs: 1 };
const RESULTS: ExperimentResults = {
  teacher: RESULT,
  scratch: RESULT,
  distilled: RESULT,
  gainPoints: 0,
  samples: [],
  seeds: null,
  sweep: null,
  latency: null,
  trainCounts: { teacher: 46, students: 46 },
};

describe('a CSV with holes: the choice travels in the run, report.json and every export', () => {
  it('report.json, model.json userDefinedMetadata, ONNX metadata and the PyTorch experiment carry the record', async () => {
    const store = new UploadStore();
    const { meta } = store.addCsv('with-holes.csv', await fixtureText('with-holes.csv'), 4, 7, 'fill');
    const data = standardizedCopy(store.get(meta.id));
    const record = meta.csv!.missing!;
    const config: ExperimentConfig = { ...SPIRAL, userData: meta, teacher: { kind: 'mlp', hidden: [8], activation: 'relu' }, student: { kind: 'mlp', hidden: [4], activation: 'relu' }, repeats: 1 };
    const model = buildModel(config.student, data.inputShape, data.numClasses, 'student');
    try {
      const report = await studentReport(
        { runId: 1, model, config, results: RESULTS, data, backend: 'cpu', finishedAt: '2026-12-06T00:00:00.000Z', teacherWeights: null },
        'none',
      );
      expect(report.missingValues).toEqual(record);
      expect((report.config as ExperimentConfig).userData!.csv!.missing).toEqual(record);
      const bytes = buildStudentZip(await artifactsOf(model), report);
      const modelJson = JSON.parse(strFromU8(unzipSync(bytes)['model.json']!)) as { userDefinedMetadata?: unknown };
      expect(modelJson.userDefinedMetadata).toEqual({ featureScaling: data.featureScaling, missingValues: record });
      expect(readStudentZip(bytes).report.missingValues).toEqual(record);
    } finally {
      model.dispose();
    }
    expect(JSON.parse(onnxMetadataOf(config, data, 'distilled student').missingValues!)).toEqual(record);
    // The PyTorch export writes the rule and the fill values in full (the shortest repr of each double).
    const exp = pytorchExperiment(config) as { data: { missing: unknown } };
    expect(exp.data.missing).toEqual(record);
    const script = toPyTorchScript(config);
    for (const v of record.fill!) expect(script).toContain(String(v));
    // A file without holes exports as before: no record anywhere.
    const clean = store.addCsv('c.csv', 'a,b,y\n1,2,p\n3,4,q\n5,6,p\n7,8,q\n9,1,p\n2,3,q\n', 2, 1, 'fill').meta;
    expect(clean.csv!.missing).toBeUndefined();
    expect(onnxMetadataOf(config, store.get(clean.id), 'teacher').missingValues).toBeUndefined();
  });
});

describe('a CSV with holes: the header', () => {
  it('a first data row with an empty cell is not taken for a header', () => {
    const p = previewCsv('1,,x\n2,3,y\n4,5,x\n');
    expect(p.hasHeader).toBe(false);
    expect(p.rowCount).toBe(3);
    expect(p.holes.empty).toEqual([0, 1, 0]);
    expect(previewCsv('a,,c\n1,2,x\n').hasHeader).toBe(true);
  });
});
