// "Export the prepared dataset": the file holds the studio's exact examples, labels and rows (teacher, validation,
// test, transfer) of a run, compactly, with a checksum; it reads back to the same bytes.
import { describe, expect, it } from 'vitest';
import { generateColourShapes } from '../../src/engine/data/colourShapes';
import { assembleImageSet } from '../../src/engine/data/images/imageSet';
import { take } from '../../src/engine/data/split';
import type { Dataset } from '../../src/engine/data/types';
import { asPixelBytes, buildPreparedDataset, PreparedDatasetError, readPreparedDataset } from '../../src/engine/export/preparedDataset';
import { transferRows, validationHoldOut } from '../../src/engine/train/experimentData';
import type { ExperimentConfig } from '../../src/engine/train/types';
import { UploadStore } from '../../src/worker/uploads';
import { toyConfig } from './toyConfig';

const SIZE = 4;
const LEN = SIZE * SIZE * 3;

/** An image-folder upload of 60 small pictures in 3 classes, as the worker keeps it. */
function folderRun(overrides: Partial<ExperimentConfig> = {}): { data: Dataset; cfg: ExperimentConfig } {
  const kept = Array.from({ length: 60 }, (_, i) => ({ label: i % 3, rgb: Uint8Array.from({ length: LEN }, (_, j) => (i * 37 + j * 11) % 256) }));
  const store = new UploadStore();
  const assembled = assembleImageSet(['cat', 'dog', '鸟 🐦'], kept, SIZE);
  const { meta } = store.addImages(assembled, 'pets.zip', 9, { size: SIZE, fit: 'crop', classCounts: assembled.classCounts, skipped: 0 });
  const cfg = toyConfig({ userData: meta, seed: 4, validationFraction: 0.1, transferSize: 20, excludeClasses: [1], ...overrides });
  return { data: store.get(meta.id), cfg };
}

describe('the prepared dataset', () => {
  it('holds an image folder as bytes, with the rows the engine trains, validates, tests and distils on', () => {
    const { data, cfg } = folderRun();
    const file = buildPreparedDataset(data, cfg);
    const back = readPreparedDataset(file);
    expect(back.header).toMatchObject({
      format: 'distill-studio-prepared-dataset',
      source: 'imageFolder',
      name: 'pets.zip',
      pixels: 'uint8',
      inputShape: [SIZE, SIZE, 3],
      classNames: ['cat', 'dog', '鸟 🐦'],
      image: { size: SIZE, fit: 'crop' },
      seed: 4,
      counts: { examples: 60, test: 12 },
    });
    // Compact: one byte per value plus a small header and the int32 rows.
    expect(file.length).toBeLessThan(60 * LEN + 4 * (60 * 2 + 60) + 2048);
    // The model inputs, byte for byte (byte / 255 as float32), the training split then the test split.
    const rowsX = (rows: Int32Array) => take({ x: back.x, y: back.y, count: back.y.length }, Array.from(rows), LEN);
    expect(rowsX(back.rows.test).x).toEqual(data.test.x);
    expect(Array.from(rowsX(back.rows.test).y)).toEqual(Array.from(data.test.y));
    // Validation hold-out and transfer set exactly as prepareData draws them from the run's seed.
    const held = validationHoldOut(cfg, data.train, LEN);
    expect(rowsX(back.rows.train).x).toEqual(held.train.x);
    expect(rowsX(back.rows.validation).x).toEqual(held.validation!.x);
    const transfer = transferRows(cfg, held.train, LEN);
    expect(rowsX(back.rows.transfer).x).toEqual(transfer.x);
    expect(back.rows.transfer.length).toBe(20);
    expect(Array.from(rowsX(back.rows.transfer).y)).not.toContain(1);
    expect(back.header.counts).toEqual({ examples: 60, train: held.train.count, validation: held.validation!.count, test: 12, transfer: 20 });
    // Deterministic: the same run gives the same file.
    expect(buildPreparedDataset(data, cfg)).toEqual(file);
  });

  it('without a hold-out or a transfer set, the teacher and the students use the whole training split in order', () => {
    const { data, cfg } = folderRun({ validationFraction: 0, transferSize: 0, excludeClasses: [] });
    const back = readPreparedDataset(buildPreparedDataset(data, cfg));
    expect(Array.from(back.rows.train)).toEqual(Array.from({ length: data.train.count }, (_, i) => i));
    expect(back.rows.transfer).toEqual(back.rows.train);
    expect(back.rows.validation.length).toBe(0);
  });

  it('stores values that are not bytes (the generated colour set) as float32, exactly', () => {
    const all = generateColourShapes(20, 3);
    expect(asPixelBytes(all.x)).toBeNull();
    const data: Dataset = { id: 'colour-shapes', name: 'Colour shapes', inputShape: [32, 32, 3], numClasses: 10, classNames: 'abcdefghij'.split(''), train: take(all, [...Array(15).keys()], 3072), test: take(all, [15, 16, 17, 18, 19], 3072) };
    const back = readPreparedDataset(buildPreparedDataset(data, toyConfig({ dataset: 'colour-shapes' })));
    expect(back.header).toMatchObject({ pixels: 'float32', source: 'builtin', dataset: 'colour-shapes', image: null });
    expect(back.x).toEqual(all.x);
    expect(back.xBytes).toBeNull();
  });

  it('refuses a damaged, foreign or newer file with its reason', () => {
    const { data, cfg } = folderRun();
    const file = buildPreparedDataset(data, cfg);
    const damaged = file.slice();
    damaged[file.length - 5]! ^= 1;
    expect(() => readPreparedDataset(damaged)).toThrow(new PreparedDatasetError('The prepared dataset is damaged (checksum mismatch).'));
    expect(() => readPreparedDataset(new TextEncoder().encode('PK\u0003\u0004 not this'))).toThrow(/no DSPD header/);
    const newer = file.slice();
    new DataView(newer.buffer).setUint32(4, 2, true);
    expect(() => readPreparedDataset(newer)).toThrow('Prepared dataset version 2; this studio reads version 1.');
  });
});

describe('the worker and the store', () => {
  it('the model desk builds the finished run’s file; the models slice frees the export buttons when it arrives', async () => {
    const { ModelDesk } = await import('../../src/worker/modelDesk');
    const { EMPTY_MODELS, reduceModels } = await import('../../src/store/modelsSlice');
    const { data, cfg } = folderRun();
    const posted: { type: string; requestId: number; bytes?: ArrayBuffer; message?: string }[] = [];
    const desk = new ModelDesk((event) => posted.push(event as (typeof posted)[number]));
    const results = null as unknown as Parameters<typeof desk.setFinished>[3];
    desk.setFinished(7, null as unknown as Parameters<typeof desk.setFinished>[1], cfg, results, data);
    await desk.handle({ type: 'buildPreparedDataset', requestId: 3, runId: 7 });
    await desk.handle({ type: 'buildPreparedDataset', requestId: 4, runId: 8 });
    expect(posted.map((e) => [e.type, e.requestId])).toEqual([
      ['preparedDataset', 3],
      ['modelExportFailed', 4],
    ]);
    expect(new Uint8Array(posted[0]!.bytes!)).toEqual(buildPreparedDataset(data, cfg));
    const busy = { ...EMPTY_MODELS, requestId: 3, busy: { requestId: 3, what: 'dataset' as const } };
    expect(reduceModels(busy, { type: 'preparedDataset', requestId: 3, runId: 7, bytes: new ArrayBuffer(0) })).toMatchObject({ busy: null, exportError: null });
  });
});
