import { Rng } from '../rng';
import { take } from './split';
import type { Split } from './types';

/** Options for `stratifiedSubset`. */
export interface SubsetOptions {
  /** Classes left out entirely (e.g. `[3]` for the "omitted 3" lesson); the count is spread over the rest. */
  excludeClasses?: readonly number[];
}

/**
 * A seeded, stratified subset of `count` examples (e.g. a 1,000-example transfer set from 8,000): each
 * kept class gets its share by largest remainder, rows within a class are drawn at random, and the
 * result is shuffled. Asking for more than the kept classes hold returns all of them.
 */
export function stratifiedSubset(split: Split, featureLen: number, count: number, seed: number, options: SubsetOptions = {}): Split {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Subset size must be a whole number ≥ 0, got ${count}.`);
  const excluded = new Set(options.excludeClasses ?? []);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < split.count; i++) {
    const c = split.y[i]!;
    if (excluded.has(c)) continue;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const available = classes.reduce((n, c) => n + byClass.get(c)!.length, 0);
  const want = Math.min(count, available);
  const quota = classes.map((c) => (want * byClass.get(c)!.length) / Math.max(available, 1));
  const share = quota.map(Math.floor);
  let left = want - share.reduce((a, b) => a + b, 0);
  const byRemainder = classes.map((_, k) => k).sort((a, b) => quota[b]! - share[b]! - (quota[a]! - share[a]!) || a - b);
  for (const k of byRemainder) {
    if (left === 0) break;
    share[k]!++;
    left--;
  }
  const rng = new Rng(seed);
  const rows: number[] = [];
  classes.forEach((c, k) => {
    const idx = byClass.get(c)!;
    const perm = rng.permutation(idx.length);
    for (let i = 0; i < share[k]!; i++) rows.push(idx[perm[i]!]!);
  });
  const order = rng.permutation(rows.length);
  return take(split, Array.from(order, (p) => rows[p]!), featureLen);
}
