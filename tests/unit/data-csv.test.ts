import { describe, expect, it } from 'vitest';
import { parseCsvDataset, previewCsv } from '../../src/engine/data/csv';
import { toUserDataset } from '../../src/engine/data/userData';
import { fixtureText } from '../fixtures/fsSource';

describe('CSV preview', () => {
  it('returns headers, first rows and the last column as the suggested label', async () => {
    const p = previewCsv(await fixtureText('three-classes.csv'));
    expect(p.headers).toEqual(['length', 'width', 'height', 'kind']);
    expect(p.hasHeader).toBe(true);
    expect(p.rowCount).toBe(120);
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]).toEqual(['1.480', '0.726', '0.831', 'beta']);
    expect(p.suggestedLabelColumn).toBe(3);
    expect(p.delimiter).toBe(',');
  });

  it('detects a missing header and other delimiters', () => {
    const p = previewCsv('1.5;2;a\n3;4;b\n', 1);
    expect(p.hasHeader).toBe(false);
    expect(p.headers).toEqual(['column 1', 'column 2', 'column 3']);
    expect(p.rows).toEqual([['1.5', '2', 'a']]);
    expect(p.rowCount).toBe(2);
    expect(p.delimiter).toBe(';');
  });

  it('rejects an empty file', () => {
    expect(() => previewCsv('')).toThrow('The CSV file is empty.');
    expect(() => previewCsv('\ufeff \n\n')).toThrow('The CSV file is empty.');
  });
});

describe('CSV parser', () => {
  it('parses the 3-class fixture by label name or index', async () => {
    const text = await fixtureText('three-classes.csv');
    const d = parseCsvDataset(text, 'kind');
    expect(d.count).toBe(120);
    expect(d.inputShape).toEqual([3]);
    expect(d.classNames).toEqual(['alpha', 'beta', 'gamma']);
    expect(d.numClasses).toBe(3);
    expect(d.featureNames).toEqual(['length', 'width', 'height']);
    expect(Array.from(d.x.subarray(0, 3))).toEqual([1.48, 0.726, 0.831].map(Math.fround));
    expect(d.y[0]).toBe(1);
    const perClass = [0, 0, 0];
    d.y.forEach((c) => perClass[c]!++);
    expect(perClass).toEqual([40, 40, 40]);
    expect(Array.from(parseCsvDataset(text, 3).x)).toEqual(Array.from(d.x));
    expect(Array.from(parseCsvDataset(text, 'KIND').y)).toEqual(Array.from(d.y));
  });

  it('takes the label from any column and maps integer labels in numeric order', () => {
    const d = parseCsvDataset('y,a,b\n10,1,2\n2,3,4\n1,5,6\n10,7,8\n', 'y');
    expect(d.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(d.y)).toEqual([2, 1, 0, 2]);
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(d.featureNames).toEqual(['a', 'b']);
  });

  it('handles quotes, CRLF line ends, blank lines and scientific notation', () => {
    const d = parseCsvDataset('"a","b","label"\r\n1e-3,-2.5,"x, y"\r\n\r\n.5,+3,z\r\n', 'label');
    expect(d.count).toBe(2);
    expect(d.classNames).toEqual(['x, y', 'z']);
    expect(Array.from(d.x)).toEqual([0.001, -2.5, 0.5, 3].map(Math.fround));
  });

  it('rejects a non-numeric cell, naming line and column', async () => {
    const bad = await fixtureText('bad-non-numeric.csv');
    expect(() => parseCsvDataset('a,b,c\n1,2,x\n1,2,y\n', 'c')).not.toThrow();
    expect(() => parseCsvDataset(bad, 'kind')).toThrow('Line 5, column "width": "abc" is not a number.');
    expect(() => parseCsvDataset('a,b,c\n1,,x\n1,2,y\n', 'c')).toThrow('Line 2, column "b": the cell is empty.');
    expect(() => parseCsvDataset('a,b,c\n1,0x10,x\n1,2,y\n', 'c')).toThrow('Line 2, column "b": "0x10" is not a number.');
  });

  it('rejects ragged rows', async () => {
    const ragged = await fixtureText('bad-ragged.csv');
    expect(() => parseCsvDataset(ragged, 'kind')).toThrow('Line 7 has 3 columns but the header has 4.');
    expect(() => parseCsvDataset('1,2,a\n1,2,b\n1,2,3,c\n', 2)).toThrow('Line 3 has 4 columns but the first row has 3.');
  });

  it('rejects a missing label column', async () => {
    const text = await fixtureText('three-classes.csv');
    expect(() => parseCsvDataset(text, 'species')).toThrow('There is no column named "species"; the columns are: length, width, height, kind.');
    expect(() => parseCsvDataset(text, 4)).toThrow('Label column 4 does not exist: the file has 4 columns (0–3).');
  });

  it('rejects fewer than two classes, an empty file, a header without rows and a lone column', async () => {
    const single = await fixtureText('bad-single-class.csv');
    const empty = await fixtureText('empty.csv');
    expect(() => parseCsvDataset(single, 'kind')).toThrow(
      'Every label in the label column "kind" is "beta": at least 2 classes are needed to train a classifier.',
    );
    expect(() => parseCsvDataset(empty, 0)).toThrow('The CSV file is empty.');
    expect(() => parseCsvDataset('a,b,label\n', 'label')).toThrow('The CSV file has a header but no data rows.');
    expect(() => parseCsvDataset('label\nx\ny\n', 'label')).toThrow(/at least one numeric feature column/);
  });

  it('rejects a label column with too many distinct values', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `${i},${i * 0.5}`);
    expect(() => parseCsvDataset(['a,b', ...rows].join('\n'), 'b')).toThrow(/"b" has 150 distinct values; at most 100 classes/);
  });

  it('reports broken quoting', () => {
    expect(() => parseCsvDataset('a,b\n1,"x\n', 'b')).toThrow(/^CSV line 2: /);
  });
});

describe('CSV → dataset', () => {
  it('splits 96 / 24 stratified, standardises with training statistics, and is separable', async () => {
    const data = parseCsvDataset(await fixtureText('three-classes.csv'), 'kind');
    const d = toUserDataset(data, { id: 'user-csv', name: 'three-classes.csv', seed: 1, standardize: true });
    expect([d.train.count, d.test.count]).toEqual([96, 24]);
    const testPerClass = [0, 0, 0];
    d.test.y.forEach((c) => testPerClass[c]!++);
    expect(testPerClass).toEqual([8, 8, 8]);
    expect(d.classNames).toEqual(['alpha', 'beta', 'gamma']);
    expect(d.featureScaling!.mean).toHaveLength(3);
    for (let j = 0; j < 3; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 96; i++) m += d.train.x[i * 3 + j]! / 96;
      for (let i = 0; i < 96; i++) v += (d.train.x[i * 3 + j]! - m) ** 2 / 96;
      expect(m).toBeCloseTo(0, 5);
      expect(v).toBeCloseTo(1, 4);
    }
    // Nearest training-class centroid classifies the test split: the fixture is learnable.
    const centroid = [0, 1, 2].map((c) => [0, 1, 2].map((j) => {
      const rows = Array.from({ length: 96 }, (_, i) => i).filter((i) => d.train.y[i] === c);
      return rows.reduce((s, i) => s + d.train.x[i * 3 + j]!, 0) / rows.length;
    }));
    let correct = 0;
    for (let i = 0; i < 24; i++) {
      const dist = centroid.map((m) => m.reduce((s, mj, j) => s + (d.test.x[i * 3 + j]! - mj) ** 2, 0));
      if (dist.indexOf(Math.min(...dist)) === d.test.y[i]) correct++;
    }
    expect(correct).toBeGreaterThanOrEqual(23);
  });

  it('is seeded and refuses data too small to split', () => {
    const data = parseCsvDataset('a,l\n1,x\n2,y\n', 'l');
    expect(() => toUserDataset(data, { id: 'u', name: 'u', seed: 1 })).toThrow(/Too few examples \(2\) for a 20 % test split/);
  });
});
