import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsvDataset, previewCsv } from '../../src/engine/data/csv';
import { DataError } from '../../src/engine/data/dataErrors';
import { parseIdxPair } from '../../src/engine/data/idx';
import { sniffBinary, sniffBinaryText } from '../../src/engine/data/sniffBinary';
import { fixtureBytes } from '../fixtures/fsSource';
import { create } from 'zustand';
import { ImportFailure } from '../../src/engine/import/errors';
import { checkParamCount, filesTooLarge, MAX_TEACHER_FILE_BYTES } from '../../src/engine/import/teacherLimits';
import { MAX_HISTORY_FILE_BYTES } from '../../src/store/history/historyFile';
import { createStudioSlices } from '../../src/store/slices';
import type { StudioState } from '../../src/store/types';
import { standardizedCopy } from '../../src/engine/data/userData';
import { UploadStore } from '../../src/worker/uploads';

/** The data error a call throws (fails the test when it throws nothing or something else). */
async function dataErrorOf(f: () => unknown): Promise<DataError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('binary files are not CSV', () => {
  it('names what the first bytes say a file is', () => {
    expect(sniffBinary(PNG)).toBe('png');
    expect(sniffBinary(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('jpeg');
    expect(sniffBinary(gzipSync(new TextEncoder().encode('a,b\n1,2\n')))).toBe('gzip');
    expect(sniffBinary(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]))).toBe('zip');
    expect(sniffBinary(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffBinary(new TextEncoder().encode('x,y\n1,\u0000\n'))).toBe('binary');
  });

  it('lets real CSV text through, UTF-8 and BOM included', () => {
    expect(sniffBinary(new TextEncoder().encode('\ufeffgröße,label\n1.5,ja\n'))).toBeNull();
    expect(sniffBinaryText('\ufeffgröße,label\n1.5,ja\n')).toBeNull();
  });

  it('a PNG renamed photo.csv is refused with what it looks like, not previewed', async () => {
    const asText = new TextDecoder().decode(PNG); // what File.text() gives
    const e = await dataErrorOf(() => previewCsv(asText, 5, 'photo.csv'));
    expect(e.value).toEqual({ code: 'binaryFile', name: 'photo.csv', kind: 'png' });
    expect(e.message).toBe('"photo.csv" is not a CSV text file: it looks like a PNG image.');
    expect((await dataErrorOf(() => parseCsvDataset('a,b\u0000\n1,2\n', 1, 'x.csv'))).value.code).toBe('binaryFile');
  });
});

describe('CSV labels', () => {
  it('treats 1 and 1.0 as the same class', () => {
    const d = parseCsvDataset('x,y\n0.1,1\n0.2,1.0\n0.3,0\n0.4,0.0\n0.5,2\n', 'y');
    expect(d.classNames).toEqual(['0', '1', '2']);
    expect(Array.from(d.y)).toEqual([1, 1, 0, 0, 2]);
  });
});

describe('gzip size guard', () => {
  it('stops decompressing an idx file past the limit (a gzip bomb) with a clear message', async () => {
    const images = gzipSync(await fixtureBytes('shapes-images-idx3-ubyte'));
    const labels = await fixtureBytes('shapes-labels-idx1-ubyte');
    const e = await dataErrorOf(() => parseIdxPair(images, labels, 1024 * 1024 * 0.001));
    expect(e.value).toEqual({ code: 'gzipTooLarge', subject: { kind: 'imagesFile' }, limitMB: 0 });
    const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024)); // 64 MB of zeros in ~64 KB
    expect(bomb.length).toBeLessThan(100_000);
    const b = await dataErrorOf(() => parseIdxPair(bomb, labels, 8 * 1024 * 1024));
    expect(b.message).toBe('The images file decompresses to more than 8 MB, the most the studio reads.');
    // Under the limit the same files parse.
    expect((await parseIdxPair(images, labels, 8 * 1024 * 1024)).count).toBe(90);
  });
});

describe('teacher file guards', () => {
  it('refuses teacher files over the size limit before reading them', () => {
    expect(filesTooLarge([1024, 10 * 1024 * 1024])).toBeNull();
    const e = filesTooLarge([1024, MAX_TEACHER_FILE_BYTES]);
    expect(e?.code).toBe('too-large');
    expect(e?.message).toBe('The model files take 257 MB together; the studio loads teachers of at most 256 MB.');
  });

  it('refuses a manifest declaring more parameters than the cap', () => {
    const group = (shape: number[]) => ({ paths: ['w.bin'], weights: [{ name: 'k', shape, dtype: 'float32' as const }], byteLength: 0 });
    expect(() => checkParamCount([group([1000, 1000])])).not.toThrow();
    try {
      checkParamCount([group([10_000, 5_001])]);
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportFailure);
      expect((e as ImportFailure).error.message).toBe('The model has 50010000 parameters; the studio loads teachers of at most 50000000 parameters.');
    }
  });
});

describe('history import guard', () => {
  it('a file over the limit is refused without being read, and says so', () => {
    const store = create<StudioState>()(createStudioSlices);
    store.getState().refuseLargeHistoryFile();
    expect(store.getState().history.importResult).toEqual({ ok: false, code: 'tooLarge', run: null, field: null });
    expect(MAX_HISTORY_FILE_BYTES).toBe(200 * 1024 * 1024);
  });
});

describe('classes too small for the test split', () => {
  it('an upload names the classes with no test example', () => {
    // 20 rows of class a, 20 of b, 2 of c: a 20 % stratified split gives c round(0.4) = 0 test rows.
    const rows = [...Array.from({ length: 20 }, (_, i) => `${i},a`), ...Array.from({ length: 20 }, (_, i) => `${i + 50},b`), '100,c', '101,c'];
    const result = new UploadStore().addCsv('few.csv', `x,y\n${rows.join('\n')}\n`, 1, 1);
    expect(result.meta.missingFromTest).toEqual(['c']);
    const fine = new UploadStore().addCsv('ok.csv', `x,y\n${rows.slice(0, 40).join('\n')}\n`, 1, 1);
    expect(fine.meta.missingFromTest).toEqual([]);
  });
});

describe('CSV standardisation', () => {
  it('standardises a copy on the training split, leaving the upload raw, and records the statistics', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${10000 + 100 * i},${i % 2 ? 'p' : 'q'}`);
    const store = new UploadStore();
    const { meta } = store.addCsv('big.csv', `x,y\n${rows.join('\n')}\n`, 1, 1);
    const raw = store.get(meta.id);
    const scaled = standardizedCopy(raw);
    const mean = raw.train.x.reduce((a, b) => a + b, 0) / raw.train.count;
    expect(scaled.featureScaling!.mean[0]).toBeCloseTo(mean, 3);
    const m = scaled.train.x.reduce((a, b) => a + b, 0) / scaled.train.count;
    const v = scaled.train.x.reduce((a, b) => a + (b - m) ** 2, 0) / scaled.train.count;
    expect(m).toBeCloseTo(0, 5);
    expect(v).toBeCloseTo(1, 4);
    expect(scaled.test.x[0]).toBeCloseTo((raw.test.x[0]! - mean) / scaled.featureScaling!.std[0]!, 4);
    expect(raw.train.x[0]).toBeGreaterThanOrEqual(10000); // the kept upload is untouched
  });
});
