import { describe, expect, it } from 'vitest';
import { parseCsvDataset, previewCsv } from '../../src/engine/data/csv';
import { DataError, dataErrorValue, englishDataError, type DataErrorValue } from '../../src/engine/data/dataErrors';
import { parseIdxImages, parseIdxPair } from '../../src/engine/data/idx';
import { toUserDataset } from '../../src/engine/data/userData';
import { i18n } from '../../src/ui/i18n';
import { describeDataError } from '../../src/ui/data/dataErrorText';
import { fixtureBytes } from '../fixtures/fsSource';

const en = i18n.getFixedT('en', 'app');
const zh = i18n.getFixedT('zh-CN', 'app');

const LABELS = 'shapes-labels-idx1-ubyte';
const IMAGES = 'shapes-images-idx3-ubyte';

/** One value of every code (the Record makes a new code without a sample a type error). */
const SAMPLES: { [C in DataErrorValue['code']]: Extract<DataErrorValue, { code: C }> } = {
  csvEmpty: { code: 'csvEmpty' },
  csvSyntax: { code: 'csvSyntax', line: 3, detail: 'Quoted field unterminated' },
  labelIndexMissing: { code: 'labelIndexMissing', column: 7, columns: 3 },
  labelNameMissing: { code: 'labelNameMissing', name: 'kind', columns: 'a, b, y' },
  noFeatures: { code: 'noFeatures' },
  noRows: { code: 'noRows' },
  columnCount: { code: 'columnCount', line: 4, found: 2, expected: 3, header: true },
  emptyCell: { code: 'emptyCell', line: 5, column: 'x1' },
  notNumber: { code: 'notNumber', line: 3, column: 'x2', cell: 'abc' },
  emptyLabel: { code: 'emptyLabel', line: 6, column: 'y' },
  allRowsDropped: { code: 'allRowsDropped', rows: 12 },
  noValuesToFill: { code: 'noValuesToFill', column: 'age' },
  tooManyClasses: { code: 'tooManyClasses', column: 'id', count: 120, max: 100 },
  idxTooShort: { code: 'idxTooShort', subject: { kind: 'imagesFile' }, bytes: 2 },
  idxMagic: { code: 'idxMagic', subject: { kind: 'labelsFile' }, found: '0x00000803', expected: '0x00000801', swapped: true },
  idxShortHeader: { code: 'idxShortHeader', subject: { kind: 'imagesFile' }, bytes: 6, header: 16 },
  idxTruncated: { code: 'idxTruncated', subject: { kind: 'imagesFile' }, dims: '90×8×8', expected: 5776, bytes: 5000 },
  idxTrailing: { code: 'idxTrailing', subject: { kind: 'labelsFile' }, extra: 3, dims: '90' },
  idxNoImages: { code: 'idxNoImages', subject: { kind: 'imagesFile' } },
  idxEmptyImages: { code: 'idxEmptyImages', subject: { kind: 'imagesFile' }, rows: 0, cols: 8 },
  idxCountMismatch: { code: 'idxCountMismatch', labels: 80, images: 90 },
  notGzip: { code: 'notGzip', subject: { kind: 'labelsFile' }, detail: 'incorrect header check' },
  noExamples: { code: 'noExamples', subject: { kind: 'data' } },
  singleClass: { code: 'singleClass', subject: { kind: 'labelColumn', name: 'y' }, label: 'cat' },
  inconsistent: { code: 'inconsistent', count: 4, features: 2, needed: 8, got: 7 },
  tooFewExamples: { code: 'tooFewExamples', count: 3, percent: 20 },
  binaryFile: { code: 'binaryFile', name: 'photo.csv', kind: 'png' },
  gzipTooLarge: { code: 'gzipTooLarge', subject: { kind: 'imagesFile' }, limitMB: 512 },
  imageNoClasses: { code: 'imageNoClasses', files: 4 },
  imageSingleClass: { code: 'imageSingleClass', name: '猫 🐱' },
  imageTooManyClasses: { code: 'imageTooManyClasses', count: 101, max: 100 },
  imageClassEmpty: { code: 'imageClassEmpty', names: '"dogs"' },
  imageTooManyBytes: { code: 'imageTooManyBytes', images: 9000, size: 64, limitMB: 64, floatMB: 256, maxImages: 5461 },
  imageInputTooLarge: { code: 'imageInputTooLarge', sizeMB: 1500, limitMB: 1024 },
  zipUnreadable: { code: 'zipUnreadable', detail: 'no end-of-central-directory record' },
  zipBomb: { code: 'zipBomb', detail: 'it inflates past 1024 MB', limitMB: 1024, ratio: 200 },
};

/** The data error thrown by `f` (fails the test when it throws something else or nothing). */
async function caught(f: () => unknown): Promise<DataError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('describeDataError', () => {
  it('words every code in English exactly as the engine, and in real Chinese', () => {
    for (const value of Object.values(SAMPLES)) {
      const english = describeDataError(value, en);
      const chinese = describeDataError(value, zh);
      expect(english).toBe(englishDataError(value));
      expect(chinese).not.toBe(english);
      expect(chinese).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese).not.toMatch(/\{\{|dataError\./);
    }
  });

  it('keeps the parameters in the Chinese sentence', () => {
    expect(describeDataError(SAMPLES.notNumber, zh)).toBe('第 3 行，“x2”列：“abc”不是数字。');
    expect(describeDataError(SAMPLES.idxMagic, zh)).toBe('标签文件的魔数 0x00000803 不正确（应为 0x00000801）。是否把图像文件和标签文件弄反了？');
    expect(describeDataError(SAMPLES.singleClass, zh)).toBe('标签列“y”中的所有标签都是“cat”：训练分类器至少需要 2 个类别。');
    expect(describeDataError({ ...SAMPLES.columnCount, header: false }, zh)).toBe('第 4 行有 2 列，但第一行有 3 列。');
    expect(describeDataError({ ...SAMPLES.idxMagic, swapped: false }, en)).toBe('The labels file has the wrong magic number 0x00000803 (expected 0x00000801).');
  });

  it('renders real parser failures in English byte for byte as their .message', async () => {
    const errors = [
      await caught(() => previewCsv('   ')),
      await caught(() => parseCsvDataset('a,b,y\n1,2,0\n1,abc,1\n', 2)),
      await caught(() => parseCsvDataset('a,b,y\n1,,0\n', 2)),
      await caught(() => parseCsvDataset('a,b,y\n1,2\n', 2)),
      await caught(() => parseCsvDataset('a,b,y\n1,2,0\n', 5)),
      await caught(() => parseCsvDataset('a,b,y\n1,2,0\n', 'kind')),
      await caught(() => parseCsvDataset('a,b,y\n1,2,cat\n3,4,cat\n', 'y')),
      await caught(async () => parseIdxPair(await fixtureBytes(LABELS), await fixtureBytes(IMAGES))),
      await caught(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0, 0]))),
      await caught(() => parseIdxPair(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), new Uint8Array([0x1f, 0x8b, 8, 0]))),
      await caught(() =>
        toUserDataset({ x: new Float32Array(2), y: Int32Array.from([0, 1]), count: 2, inputShape: [1], classNames: ['a', 'b'], numClasses: 2 }, { id: 'u', name: 'u', seed: 1 }),
      ),
    ];
    expect(errors.map((e) => e.value.code)).toEqual([
      'csvEmpty',
      'notNumber',
      'emptyCell',
      'columnCount',
      'labelIndexMissing',
      'labelNameMissing',
      'singleClass',
      'idxMagic',
      'idxShortHeader',
      'notGzip',
      'tooFewExamples',
    ]);
    for (const e of errors) {
      expect(dataErrorValue(e)).toBe(e.value);
      expect(describeDataError(e.value, en)).toBe(e.message);
      expect(describeDataError(e.value, zh)).not.toBe(e.message);
    }
    expect(errors[1]!.message).toBe('Line 3, column "b": "abc" is not a number.');
    expect(describeDataError(errors[1]!.value, zh)).toBe('第 3 行，“b”列：“abc”不是数字。');
    expect(errors[9]!.message).toMatch(/^Could not decompress the images file: it is not valid gzip \(.+\)\.$/);
  });

  it('is null for errors that are not about the data', () => {
    expect(dataErrorValue(new Error('boom'))).toBeNull();
    expect(dataErrorValue('boom')).toBeNull();
  });
});
