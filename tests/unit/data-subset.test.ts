import { describe, expect, it } from 'vitest';
import { stratifiedSubset } from '../../src/engine/data/subset';
import type { Split } from '../../src/engine/data/types';

/** 8,000 examples over 10 unequal classes; feature 0 is the row id, feature 1 the class. */
function makeSplit(): Split {
  const sizes = [1000, 1200, 700, 800, 900, 600, 750, 650, 700, 700];
  const count = sizes.reduce((a, b) => a + b, 0);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  let i = 0;
  sizes.forEach((n, c) => {
    for (let k = 0; k < n; k++, i++) {
      x[2 * i] = i;
      x[2 * i + 1] = c;
      y[i] = c;
    }
  });
  return { x, y, count };
}

const perClass = (s: Split) => {
  const c = new Array<number>(10).fill(0);
  s.y.forEach((v) => c[v]!++);
  return c;
};

describe('stratifiedSubset', () => {
  const split = makeSplit();

  it('keeps class proportions (each within one example of its exact share) and the requested count', () => {
    const sub = stratifiedSubset(split, 2, 1000, 7);
    expect(sub.count).toBe(1000);
    const full = perClass(split);
    perClass(sub).forEach((n, c) => expect(Math.abs(n - (1000 * full[c]!) / 8000)).toBeLessThan(1));
    expect(perClass(sub)).toEqual([125, 150, 88, 100, 113, 75, 94, 81, 87, 87]);
  });

  it('copies whole rows without duplicates, shuffled', () => {
    const sub = stratifiedSubset(split, 2, 1000, 7);
    const ids = new Set<number>();
    for (let i = 0; i < sub.count; i++) {
      ids.add(sub.x[2 * i]!);
      expect(sub.x[2 * i + 1]).toBe(sub.y[i]);
      expect(split.y[sub.x[2 * i]!]).toBe(sub.y[i]);
    }
    expect(ids.size).toBe(1000);
    const sorted = Array.from(sub.y).every((v, i, a) => i === 0 || v >= a[i - 1]!);
    expect(sorted).toBe(false);
  });

  it('is deterministic under the seed and sensitive to it', () => {
    const a = stratifiedSubset(split, 2, 1000, 7);
    expect(Array.from(stratifiedSubset(split, 2, 1000, 7).x)).toEqual(Array.from(a.x));
    expect(Array.from(stratifiedSubset(split, 2, 1000, 8).x)).not.toEqual(Array.from(a.x));
  });

  it('excludes given classes and spreads the count over the rest', () => {
    const sub = stratifiedSubset(split, 2, 1000, 7, { excludeClasses: [3] });
    expect(sub.count).toBe(1000);
    const counts = perClass(sub);
    expect(counts[3]).toBe(0);
    const kept = 8000 - 800;
    perClass(split).forEach((n, c) => c !== 3 && expect(Math.abs(counts[c]! - (1000 * n) / kept)).toBeLessThan(1));
    const two = stratifiedSubset(split, 2, 500, 1, { excludeClasses: [0, 9] });
    expect(perClass(two)[0]! + perClass(two)[9]!).toBe(0);
  });

  it('returns everything available when asked for more, and rejects a bad count', () => {
    expect(stratifiedSubset(split, 2, 10_000, 1).count).toBe(8000);
    expect(stratifiedSubset(split, 2, 10_000, 1, { excludeClasses: [1] }).count).toBe(6800);
    expect(stratifiedSubset(split, 2, 0, 1).count).toBe(0);
    expect(() => stratifiedSubset(split, 2, 1.5, 1)).toThrow(/whole number/);
  });
});
