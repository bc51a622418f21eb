import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { toyKey } from '../../src/worker/toyPoints';
import { ToySets } from '../../src/worker/toySets';

const params = { dataset: 'spiral' as const, seed: 7, noise: 0.1, samples: 300 };

describe('the worker’s toy sets (the page draws the points the run trains on)', () => {
  it('builds a set once: the run and the page’s points share it, and they equal a fresh build', async () => {
    const sets = new ToySets();
    const run = await sets.load(params);
    expect(await sets.load({ ...params })).toBe(run);
    const points = await sets.points(params);
    expect(points).toMatchObject({ key: toyKey(params), numClasses: 3, classNames: run.classNames });
    expect(points!.train).toBe(run.train);
    const fresh = await DATASETS.spiral.load({ seed: 7, noise: 0.1, samples: 300 }, () => {});
    expect(points!.test.x).toEqual(fresh.test.x);
    expect(points!.test.y).toEqual(fresh.test.y);
    // Other params are another set.
    expect(await sets.load({ ...params, seed: 8 })).not.toBe(run);
  });

  it('keeps only the newest few sets, and has no points for image sets', async () => {
    const sets = new ToySets();
    const first = await sets.load(params);
    for (let seed = 100; seed < 104; seed++) await sets.load({ ...params, seed });
    expect(await sets.load(params)).not.toBe(first);
    expect(await sets.points({ ...params, dataset: 'mnist' })).toBeNull();
    await expect(sets.load({ ...params, dataset: 'mnist' })).rejects.toThrow(/not a toy set/);
  });
});
