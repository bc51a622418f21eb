import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { UserDataMeta } from '../../src/engine/data/meta';
import type { DatasetSummary } from '../../src/engine/data/summary';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { currentMeta, familyOf, IMAGE_LEARNING_RATE, toExperimentConfig } from '../../src/store/configSlice';
import { IDLE_RUN, reduceRun } from '../../src/store/runState';
import type { StudioState } from '../../src/store/types';
import { createStudioSlices } from '../../src/store/slices';
import { EMPTY_UPLOAD, NEED_UPLOAD, reduceUpload, selectUserData, uploadFamily } from '../../src/store/uploadSlice';
import type { CsvPreview } from '../../src/engine/data/csv';

/** A fresh store of the three slices (no persistence). */
function newStore() {
  return create<StudioState>()(createStudioSlices);
}

const PREVIEW: CsvPreview = { headers: ['a', 'b', 'kind'], hasHeader: true, rows: [['1', '2', 'x']], rowCount: 10, suggestedLabelColumn: 2, delimiter: ',', holes: { empty: [0, 0, 0], notNumber: [0, 0, 10], samples: [[], [], ['x']], featureRows: [0, 0, 0], featureCells: [0, 0, 0] } };

/** Metadata of an upload of the given input shape. */
function meta(inputShape: number[], id = 'upload-1'): UserDataMeta {
  return { id, name: 'data', toy: false, inputShape, numClasses: 3, classNames: ['x', 'y', 'z'], trainCount: 8, testCount: 2 };
}

/** Its summary. */
function summary(m: UserDataMeta): DatasetSummary {
  return { name: m.name, trainCount: m.trainCount, testCount: m.testCount, numClasses: m.numClasses, classNames: m.classNames, inputShape: m.inputShape, gallery: [] };
}

describe('upload reducer', () => {
  it('takes the preview and its suggested label column, then the parsed metadata', () => {
    const inspecting = { ...EMPTY_UPLOAD, requestId: 3, status: 'inspecting' as const, csvText: 'a,b,kind\n1,2,x' };
    const previewed = reduceUpload(inspecting, { type: 'csvPreview', requestId: 3, preview: PREVIEW, error: null });
    expect(previewed).toMatchObject({ status: 'idle', preview: PREVIEW, labelColumn: 2, error: null });
    const m = meta([2]);
    const ready = reduceUpload({ ...previewed, requestId: 4, status: 'loading' }, { type: 'uploadReady', requestId: 4, meta: m, summary: summary(m) });
    expect(ready).toMatchObject({ status: 'ready', meta: m, error: null });
  });

  it("keeps the parser's message and ignores answers to superseded requests", () => {
    const loading = { ...EMPTY_UPLOAD, requestId: 5, status: 'loading' as const };
    expect(reduceUpload(loading, { type: 'uploadFailed', requestId: 5, message: 'Line 5, column "width": "abc" is not a number.' })).toMatchObject({
      status: 'failed',
      error: 'Line 5, column "width": "abc" is not a number.',
      meta: null,
    });
    expect(reduceUpload(loading, { type: 'uploadFailed', requestId: 4, message: 'old' })).toBe(loading);
    expect(reduceUpload(loading, { type: 'csvPreview', requestId: 5, preview: null, error: 'The CSV file is empty.' })).toMatchObject({
      status: 'failed',
      error: 'The CSV file is empty.',
    });
  });

  it("keeps a parser error's code and parameters for the UI to word, and drops them with the next answer or failure", () => {
    const loading = { ...EMPTY_UPLOAD, requestId: 5, status: 'loading' as const };
    const dataError = { code: 'notNumber', line: 5, column: 'width', cell: 'abc' } as const;
    const failed = reduceUpload(loading, { type: 'uploadFailed', requestId: 5, message: 'Line 5, column "width": "abc" is not a number.', dataError });
    expect(failed).toMatchObject({ status: 'failed', dataError });
    expect(reduceUpload(loading, { type: 'uploadFailed', requestId: 5, message: 'Worker lost.' }).dataError).toBeNull();
    expect(reduceUpload(loading, { type: 'csvPreview', requestId: 5, preview: null, error: 'The CSV file is empty.', dataError: { code: 'csvEmpty' } }).dataError).toEqual({
      code: 'csvEmpty',
    });
    const m = meta([2]);
    expect(reduceUpload({ ...failed, status: 'loading' }, { type: 'uploadReady', requestId: 5, meta: m, summary: summary(m) }).dataError).toBeNull();
    const store = newStore();
    store.getState().beginLoad(1, 'csv', ['data.csv'], 1);
    store.getState().applyUploadEvent({ type: 'uploadFailed', requestId: 1, message: 'x', dataError });
    expect(store.getState().upload.dataError).toEqual(dataError);
    store.getState().failUpload('The worker crashed.');
    expect(store.getState().upload).toMatchObject({ error: 'The worker crashed.', dataError: null });
  });

  it('upload events leave the run alone', () => {
    const m = meta([2]);
    expect(reduceRun(IDLE_RUN, { type: 'uploadReady', requestId: 1, meta: m, summary: summary(m) })).toBe(IDLE_RUN);
  });
});

describe('upload slice', () => {
  it('blocks Start while "Your data" has nothing usable, and feeds the ready upload into the experiment', () => {
    const store = newStore();
    store.getState().chooseUpload();
    expect(store.getState().fieldErrors.dataset).toBe(NEED_UPLOAD);
    expect(selectUserData(store.getState())).toBeNull();

    store.getState().beginInspect(1, 'data.csv', 'a,b,kind\n1,2,x');
    store.getState().applyUploadEvent({ type: 'csvPreview', requestId: 1, preview: PREVIEW, error: null });
    store.getState().beginLoad(2, 'csv', ['data.csv'], 9);
    const m = meta([2]);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 2, meta: m, summary: summary(m) });
    const s = store.getState();
    expect(s.fieldErrors.dataset).toBeUndefined();
    expect(s.upload.seed).toBe(9);
    expect(selectUserData(s)).toBe(m);
    expect(toExperimentConfig(s.config, selectUserData(s)).userData).toBe(m);
    expect(currentMeta(s.config)).toBe(m); // the store's upload by default (model statistics)
    expect(toExperimentConfig(s.config).userData).toBeNull();

    // A built-in dataset: the upload stays loaded but unused.
    s.chooseBuiltIn('moons');
    expect(store.getState().config.dataset).toBe('moons');
    expect(selectUserData(store.getState())).toBeNull();
    expect(store.getState().fieldErrors.dataset).toBeUndefined();
    store.getState().chooseUpload();
    expect(selectUserData(store.getState())).toBe(m);
  });

  it('a new label column means the data must be loaded again; a failure blocks Start with the message kept', () => {
    const store = newStore();
    store.getState().chooseUpload();
    store.getState().beginInspect(1, 'data.csv', 'text');
    store.getState().applyUploadEvent({ type: 'csvPreview', requestId: 1, preview: PREVIEW, error: null });
    store.getState().beginLoad(2, 'csv', ['data.csv'], 1);
    const m = meta([2]);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 2, meta: m, summary: summary(m) });
    store.getState().setLabelColumn(0);
    expect(store.getState().upload).toMatchObject({ status: 'idle', labelColumn: 0, meta: null });
    expect(store.getState().fieldErrors.dataset).toBe(NEED_UPLOAD);

    store.getState().beginLoad(3, 'csv', ['data.csv'], 1);
    store.getState().failUpload('The worker crashed.');
    // The answer to the request the failure superseded is ignored.
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 3, meta: m, summary: summary(m) });
    expect(store.getState().upload).toMatchObject({ status: 'failed', error: 'The worker crashed.', meta: null });
    expect(store.getState().fieldErrors.dataset).toBe(NEED_UPLOAD);
    expect(store.getState().run).toBe(IDLE_RUN);
  });

  it('the missing-value rule starts at "drop"; changing it means the data must be loaded again', () => {
    const store = newStore();
    store.getState().chooseUpload();
    expect(store.getState().upload.missingRule).toBe('drop');
    store.getState().beginInspect(1, 'data.csv', 'text');
    store.getState().applyUploadEvent({ type: 'csvPreview', requestId: 1, preview: PREVIEW, error: null });
    store.getState().beginLoad(2, 'csv', ['data.csv'], 1);
    const m = meta([2]);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 2, meta: m, summary: summary(m) });
    store.getState().setMissingRule('drop');
    expect(store.getState().upload.status).toBe('ready');
    store.getState().setMissingRule('fill');
    expect(store.getState().upload).toMatchObject({ status: 'idle', missingRule: 'fill', meta: null });
    expect(store.getState().fieldErrors.dataset).toBe(NEED_UPLOAD);
  });

  it('moves the config to the preset family that fits the upload', () => {
    const store = newStore();
    store.getState().setConfig({ dataset: 'mnist' });
    store.getState().chooseUpload();
    const table = meta([4]);
    store.getState().beginLoad(1, 'csv', ['t.csv'], 1);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 1, meta: table, summary: summary(table) });
    expect(store.getState().config.dataset).toBe('spiral');
    expect(familyOf(store.getState().config.dataset)).toBe('toy');

    const digits = meta([28, 28, 1], 'upload-2');
    store.getState().beginLoad(2, 'idx', ['i', 'l'], 1);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 2, meta: digits, summary: summary(digits) });
    expect(store.getState().config.dataset).toBe('mnist');
    expect(toExperimentConfig(store.getState().config, digits).teacher.kind).toBe('cnn');
  });

  it('the Dataset menu moves the family defaults with the dataset: from the spiral to MNIST students train on every digit at the image learning rate', () => {
    // The menu calls chooseBuiltIn (not setConfig): the toy defaults (a 60-point transfer set, lr 0.02) must not reach MNIST.
    const store = newStore();
    store.getState().chooseBuiltIn('mnist');
    const mnist = toExperimentConfig(store.getState().config);
    expect(mnist).toMatchObject({ dataset: 'mnist', transferSize: 0, learningRate: IMAGE_LEARNING_RATE });
    store.getState().chooseBuiltIn('fashion-mnist'); // within the family: nothing moves
    expect(store.getState().config).toMatchObject({ transferSize: 0, learningRate: IMAGE_LEARNING_RATE });
    store.getState().chooseBuiltIn('spiral');
    expect(store.getState().config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    // Values the user chose stay.
    store.getState().setConfig({ transferSize: 500, learningRate: 0.005 });
    store.getState().chooseBuiltIn('mnist');
    expect(store.getState().config).toMatchObject({ dataset: 'mnist', transferSize: 500, learningRate: 0.005 });
  });

  it('an upload of 28×28 images moves the config to the image family with its defaults too', () => {
    const store = newStore();
    store.getState().chooseUpload();
    const digits = meta([28, 28, 1]);
    store.getState().beginLoad(1, 'idx', ['i', 'l'], 1);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 1, meta: digits, summary: summary(digits) });
    expect(store.getState().config).toMatchObject({ dataset: 'mnist', transferSize: 0, learningRate: IMAGE_LEARNING_RATE });
  });

  it('an upload of colour images moves the config to the colour family (the colour presets in the menus)', () => {
    const store = newStore();
    store.getState().chooseUpload();
    const photos = meta([48, 48, 3]);
    store.getState().beginLoad(1, 'images', ['shapes'], 1);
    store.getState().applyUploadEvent({ type: 'uploadReady', requestId: 1, meta: photos, summary: summary(photos) });
    expect(store.getState().config).toMatchObject({ dataset: 'colour-shapes', transferSize: 0, learningRate: IMAGE_LEARNING_RATE });
    expect(familyOf(store.getState().config.dataset)).toBe('colour');
  });

  it('uses the image presets only for images they fit', () => {
    expect(uploadFamily({ inputShape: [32, 32, 3], numClasses: 10 })).toBe('colour');
    expect(uploadFamily({ inputShape: [8, 8, 3], numClasses: 3 })).toBe('toy');
    expect(uploadFamily({ inputShape: [28, 28, 1], numClasses: 10 })).toBe('image');
    expect(uploadFamily({ inputShape: [8, 8, 1], numClasses: 3 })).toBe('toy');
    expect(uploadFamily({ inputShape: [3], numClasses: 3 })).toBe('toy');
    expect(familyOf('spiral', meta([28, 28, 1]))).toBe('image');
    expect(familyOf('mnist', meta([5]))).toBe('toy');
    expect(toExperimentConfig(DEFAULT_CONFIG).userData).toBeNull();
  });
});
