import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, classifyFiles, idxRole, looksLikeIdx } from '../../src/ui/data/classifyFiles';

/** A stand-in for a picked file. */
const file = (name: string, size = 100) => ({ name, size });

describe('picked files', () => {
  it('tells CSV from idx files by name', () => {
    expect(looksLikeIdx('train-images-idx3-ubyte')).toBe(true);
    expect(looksLikeIdx('t10k-labels.idx1-ubyte.gz')).toBe(true);
    expect(looksLikeIdx('iris.csv')).toBe(false);
    expect(idxRole('shapes-images-idx3-ubyte.gz')).toBe('images');
    expect(idxRole('shapes-labels-idx1-ubyte')).toBe('labels');
    expect(idxRole('a.gz')).toBeNull();
  });

  it('takes one CSV, or an idx pair in any order (also one file at a time)', () => {
    const csv = file('iris.csv');
    expect(classifyFiles([csv], null)).toEqual({ kind: 'csv', file: csv });
    const images = file('shapes-images-idx3-ubyte.gz', 4000);
    const labels = file('shapes-labels-idx1-ubyte.gz', 30);
    expect(classifyFiles([labels, images], null)).toEqual({ kind: 'idx', images, labels });
    expect(classifyFiles([images], null)).toEqual({ kind: 'idxHalf', file: images });
    expect(classifyFiles([labels], images)).toEqual({ kind: 'idx', images, labels });
    // Names that do not say: the larger file holds the images.
    const a = file('a.gz', 10);
    const b = file('b.gz', 5000);
    expect(classifyFiles([a, b], null)).toEqual({ kind: 'idx', images: b, labels: a });
  });

  it('says what is wrong with other picks', () => {
    expect(classifyFiles([file('a.csv'), file('b.csv')], null)).toMatchObject({ kind: 'error', message: expect.stringMatching(/one CSV file on its own/) });
    expect(classifyFiles([file('a'), file('b'), file('c')], null)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^3 files were picked/) });
    expect(classifyFiles([file('huge.csv', MAX_CSV_BYTES + 1)], null)).toMatchObject({ kind: 'error', message: 'huge.csv is 100 MB: files up to 100 MB are supported.' });
  });
});
