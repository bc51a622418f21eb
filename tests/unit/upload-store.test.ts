import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { UPLOAD_GONE } from '../../src/worker/protocol';
import { UploadStore } from '../../src/worker/uploads';
import { standardizedCopy } from '../../src/engine/data/userData';
import { fixtureBytes, fixtureText } from '../fixtures/fsSource';
import { useCpu } from './tfSetup';

describe('worker upload store', () => {
  it('previews a CSV: headers, first rows, row count and the suggested label column', async () => {
    const preview = new UploadStore().inspectCsv(await fixtureText('three-classes.csv'), 'data.csv');
    expect(preview.headers).toEqual(['length', 'width', 'height', 'kind']);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toEqual(['1.480', '0.726', '0.831', 'beta']);
    expect(preview.rowCount).toBe(120);
    expect(preview.suggestedLabelColumn).toBe(3);
    expect(() => new UploadStore().inspectCsv('', 'data.csv')).toThrow('The CSV file is empty.');
  });

  it('turns a CSV into metadata with counts and classes, split 80/20 by the seed, and keeps the data by id', async () => {
    const store = new UploadStore();
    const text = await fixtureText('three-classes.csv');
    const { meta, summary } = store.addCsv('three-classes.csv', text, 3, 1);
    expect(meta).toMatchObject({ name: 'three-classes.csv', toy: false, inputShape: [3], numClasses: 3, classNames: ['alpha', 'beta', 'gamma'] });
    expect(meta.trainCount + meta.testCount).toBe(120);
    expect(meta.testCount).toBe(24);
    expect(summary).toMatchObject({ trainCount: 96, testCount: 24, numClasses: 3, gallery: [] });
    const data = store.get(meta.id);
    expect(data.train.x.length).toBe(96 * 3);
    // Stratified: 8 test examples per class.
    expect([0, 1, 2].map((k) => data.test.y.filter((y) => y === k).length)).toEqual([8, 8, 8]);
    // Same seed → same split; another seed → another split.
    const again = new UploadStore();
    expect(Array.from(again.get(again.addCsv('a.csv', text, 3, 1).meta.id).test.x)).toEqual(Array.from(data.test.x));
    const other = new UploadStore();
    expect(Array.from(other.get(other.addCsv('a.csv', text, 3, 2).meta.id).test.x)).not.toEqual(Array.from(data.test.x));
  });

  it("records a CSV's standardisation statistics: the training split's mean and deviation, as a run fits them", () => {
    // Two classes of 5 identical rows each: the stratified 80/20 split keeps 4 of each for training, so the mean is
    // (2, 20, 7), the population deviation (1, 10, 0 → 1 for the constant feature).
    const rows = ['a,b,c,label', ...Array.from({ length: 5 }, () => ['1,10,7,x', '3,30,7,y']).flat()];
    const store = new UploadStore();
    const { meta } = store.addCsv('two.csv', rows.join('\n'), 3, 4);
    expect(meta.trainCount).toBe(8);
    expect(meta.csv!.featureScaling).toEqual({ mean: [2, 20, 7], std: [1, 10, 1] });
    // The statistics a standardised run fits on the kept upload (the worker's runner: standardizedCopy) are the same.
    const scaled = standardizedCopy(store.get(meta.id));
    expect(scaled.featureScaling).toEqual(meta.csv!.featureScaling);
    expect(new Set(scaled.train.x)).toEqual(new Set([-1, 0, 1]));
    // Non-round values: the recorded doubles are exactly the run's, to the last bit.
    const text = ['u,v,label', ...Array.from({ length: 30 }, (_, i) => `${(0.1 * i).toFixed(3)},${Math.sqrt(i + 2).toFixed(6)},${i % 2 ? 'p' : 'q'}`)].join('\n');
    const other = new UploadStore();
    const m = other.addCsv('roots.csv', text, 2, 9).meta;
    expect(m.csv!.featureScaling).toEqual(standardizedCopy(other.get(m.id)).featureScaling);
    const train = other.get(m.id).train;
    const u = Array.from({ length: train.count }, (_, i) => train.x[2 * i]!);
    const mean = u.reduce((a, b) => a + b, 0) / u.length;
    expect(m.csv!.featureScaling!.mean[0]).toBeCloseTo(mean, 12);
    expect(m.csv!.featureScaling!.std[0]).toBeCloseTo(Math.sqrt(u.reduce((a, b) => a + (b - mean) * (b - mean), 0) / u.length), 12);
  });

  it('decodes a gzip idx pair into 8×8 images with a gallery', async () => {
    const store = new UploadStore();
    const { meta, summary } = await store.addIdx(
      'shapes-images-idx3-ubyte.gz',
      await fixtureBytes('shapes-images-idx3-ubyte.gz'),
      'shapes-labels-idx1-ubyte.gz',
      await fixtureBytes('shapes-labels-idx1-ubyte.gz'),
      1,
    );
    expect(meta).toMatchObject({ name: 'shapes-images-idx3-ubyte.gz + shapes-labels-idx1-ubyte.gz', inputShape: [8, 8, 1], numClasses: 3, classNames: ['0', '1', '2'] });
    expect(meta.trainCount + meta.testCount).toBe(90);
    expect(meta.testCount).toBe(18);
    expect(meta.csv).toBeUndefined();
    expect(summary.gallery.length).toBe(3 * 8);
    expect(store.has(meta.id)).toBe(true);
  });

  it("surfaces the parsers' messages", async () => {
    const store = new UploadStore();
    expect(() => store.addCsv('bad.csv', '', 0, 1)).toThrow('The CSV file is empty.');
    const bad = await fixtureText('bad-non-numeric.csv');
    expect(() => store.addCsv('bad.csv', bad, 3, 1)).toThrow('Line 5, column "width": "abc" is not a number.');
    expect(() => store.addCsv('r.csv', 'a,b\n1,x\n2,y\n3', 1, 1)).toThrow('Line 4 has 1 columns but the header has 2.');
    await expect(
      store.addIdx('i', await fixtureBytes('shapes-images-idx3-ubyte'), 'l', await fixtureBytes('bad-labels-short-idx1-ubyte'), 1),
    ).rejects.toThrow('The labels file has 89 labels but the images file has 90 images; they must match.');
    await expect(
      store.addIdx('l', await fixtureBytes('shapes-labels-idx1-ubyte'), 'i', await fixtureBytes('shapes-images-idx3-ubyte'), 1),
    ).rejects.toThrow(/Are the images and labels files swapped\?/);
  });

  it('keeps only the latest upload; a missing one gives the "add the file again" message', async () => {
    const store = new UploadStore();
    const text = await fixtureText('three-classes.csv');
    const first = store.addCsv('a.csv', text, 3, 1).meta;
    const second = store.addCsv('b.csv', text, 3, 1).meta;
    expect(second.id).not.toBe(first.id);
    expect(store.has(first.id)).toBe(false);
    expect(() => store.get(first.id)).toThrow(UPLOAD_GONE);
  });
});

describe('experiments on uploads', () => {
  it('validate against the upload\'s shape and train the three models on it', async () => {
    await useCpu();
    const store = new UploadStore();
    const { meta } = store.addCsv('three-classes.csv', await fixtureText('three-classes.csv'), 3, 1);
    const config = toExperimentConfig({ ...DEFAULT_CONFIG, epochs: 2 }, meta);
    expect(config.userData).toBe(meta);
    expect(validateConfig(config)).toBeNull();
    expect(validateConfig({ ...config, excludeClasses: [3] })).toBe('Class 3 does not exist in this dataset (classes 0–2).');
    const noHooks = { onPhase: () => undefined, onLoss: () => undefined, onEpoch: () => undefined, onTrial: () => undefined };
    const outcome = await runExperiment(config, store.get(meta.id), new RunController({ temperature: 4, alpha: 0.7 }), noHooks);
    expect(outcome.results.teacher.accuracy).toBeGreaterThan(0.5);
    expect(outcome.student.outputs[0]!.shape).toEqual([null, 3]);
    outcome.dispose();
  });
});
