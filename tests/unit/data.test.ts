import { describe, expect, it } from 'vitest';
import { generateSpiral } from '../../src/engine/data/spiral';
import { stratifiedSplit } from '../../src/engine/data/split';
import { DATASETS } from '../../src/engine/data/registry';
import { Rng, deriveSeed } from '../../src/engine/rng';

describe('seeded data', () => {
  it('the generator is reproducible and seed-sensitive', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('permutations are permutations', () => {
    const p = Array.from(new Rng(7).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('derived seeds differ per stream and are stable', () => {
    expect(deriveSeed(1, 'teacher-init')).toBe(deriveSeed(1, 'teacher-init'));
    expect(deriveSeed(1, 'teacher-init')).not.toBe(deriveSeed(1, 'student-init'));
    expect(deriveSeed(1, 'teacher-init')).not.toBe(deriveSeed(2, 'teacher-init'));
  });

  it('spiral: same seed gives identical points; another seed does not', () => {
    const opts = { count: 1500, classes: 3, noise: 0.1, seed: 5 };
    const a = generateSpiral(opts);
    const b = generateSpiral(opts);
    const c = generateSpiral({ ...opts, seed: 6 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('spiral: 3 balanced classes with the requested count, roughly within [-1.5, 1.5]²', () => {
    const s = generateSpiral({ count: 1500, classes: 3, noise: 0.1, seed: 1 });
    expect(s.count).toBe(1500);
    const counts = [0, 0, 0];
    s.y.forEach((c) => counts[c]!++);
    expect(counts).toEqual([500, 500, 500]);
    expect(Array.from(s.x).every((v) => Math.abs(v) < 1.6)).toBe(true);
  });

  it('noise 0 puts every point on its arm (radius grows monotonically along the arm)', () => {
    const s = generateSpiral({ count: 30, classes: 3, noise: 0, seed: 1 });
    const r = (i: number) => Math.hypot(s.x[2 * i]!, s.x[2 * i + 1]!);
    for (let i = 1; i < 10; i++) expect(r(i)).toBeGreaterThan(r(i - 1));
    expect(r(9)).toBeCloseTo(1, 6);
  });

  it('stratified split keeps class balance, loses no example, and is seeded', () => {
    const all = generateSpiral({ count: 1500, classes: 3, noise: 0.1, seed: 1 });
    const { train, test } = stratifiedSplit(all, 2, 0.2, 9);
    expect(train.count + test.count).toBe(1500);
    const testCounts = [0, 0, 0];
    test.y.forEach((c) => testCounts[c]!++);
    expect(testCounts).toEqual([100, 100, 100]);
    const again = stratifiedSplit(all, 2, 0.2, 9);
    expect(Array.from(again.test.x)).toEqual(Array.from(test.x));
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const seen = new Set<string>();
    for (let i = 0; i < train.count; i++) seen.add(key(train.x, i));
    for (let i = 0; i < test.count; i++) seen.add(key(test.x, i));
    expect(seen.size).toBe(1500);
  });

  it('the spiral dataset entry loads train and test splits and reports progress', async () => {
    let progress = 0;
    const d = await DATASETS.spiral.load({ seed: 3, noise: 0.1, samples: 1500 }, (f) => (progress = f));
    expect(d.train.count).toBe(1200);
    expect(d.test.count).toBe(300);
    expect(d.numClasses).toBe(3);
    expect(d.inputShape).toEqual([2]);
    expect(progress).toBe(1);
  });
});
