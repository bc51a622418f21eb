import { Rng } from '../rng';
import type { Split } from './types';

/** Splits examples into train and test with a seeded, per-class (stratified) shuffle. */
export function stratifiedSplit(
  all: Split,
  featureLen: number,
  testFraction: number,
  seed: number,
): { train: Split; test: Split } {
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < all.count; i++) {
    const c = all.y[i]!;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(c)!;
    const perm = rng.permutation(idx.length);
    const nTest = Math.round(idx.length * testFraction);
    perm.forEach((p, k) => (k < nTest ? testIdx : trainIdx).push(idx[p]!));
  }
  const order = (list: number[]) => {
    const perm = rng.permutation(list.length);
    return Array.from(perm, (p) => list[p]!);
  };
  return { train: take(all, order(trainIdx), featureLen), test: take(all, order(testIdx), featureLen) };
}

/** Copies the listed rows of a split into a new split. */
export function take(src: Split, rows: readonly number[], featureLen: number): Split {
  const x = new Float32Array(rows.length * featureLen);
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    x.set(src.x.subarray(r * featureLen, (r + 1) * featureLen), i * featureLen);
    y[i] = src.y[r]!;
  });
  return { x, y, count: rows.length };
}
