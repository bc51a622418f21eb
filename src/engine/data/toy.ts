import { stratifiedSplit } from './split';
import type { DatasetEntry, Split } from './types';

/** Fraction of examples held out for testing in generated sets. */
export const TOY_TEST_FRACTION = 0.2;

/** Options every 2-D toy generator takes. */
export interface ToyOptions {
  /** Total number of points, spread evenly over the classes. */
  count: number;
  /** Noise level (standard deviation of the Gaussian noise added to each coordinate). */
  noise: number;
  /** Seed for the generator. */
  seed: number;
}

/** A seeded generator of labelled 2-D points. */
export type ToyGenerator = (options: ToyOptions) => Split;

/** Seed of a toy set's train/test split, derived from the dataset seed. */
export function toySplitSeed(seed: number): number {
  return (seed ^ 0x5eed) >>> 0;
}

/** Class of point `i` when `count` points are spread evenly (in contiguous runs) over `classes` classes. */
export function evenClass(i: number, count: number, classes: number): number {
  return Math.min(Math.floor((i * classes) / count), classes - 1);
}

/** Builds the registry entry of a toy set: generate, then a stratified 80/20 split seeded from the dataset seed. */
export function toyEntry(id: string, name: string, shortName: string, classNames: string[], generate: ToyGenerator): DatasetEntry {
  return {
    name,
    toy: true,
    inputShape: [2],
    numClasses: classNames.length,
    classNames,
    load: async ({ seed, noise, samples }, progress) => {
      const all = generate({ count: samples, noise, seed });
      const { train, test } = stratifiedSplit(all, 2, TOY_TEST_FRACTION, toySplitSeed(seed));
      progress(1);
      return { id, name: shortName, inputShape: [2], numClasses: classNames.length, classNames: [...classNames], train, test };
    },
  };
}
