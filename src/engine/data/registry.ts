import { generateSpiral } from './spiral';
import { stratifiedSplit } from './split';
import type { Dataset } from './types';

/** Parameters every dataset loader accepts. */
export interface DatasetParams {
  /** Seed for generation and the train/test split. */
  seed: number;
  /** Noise level for generated sets (ignored by real data). */
  noise: number;
  /** Number of examples for generated sets (ignored by real data). */
  samples: number;
}

/** Reports loading progress as a fraction in [0, 1]. */
export type ProgressFn = (fraction: number) => void;

/** A dataset entry: a name plus a loader, in the style of TensorFlow Playground's dataset table. */
export interface DatasetEntry {
  /** Display name. */
  name: string;
  /** True for generated 2-D point sets. */
  toy: boolean;
  /** Shape of one example, known before loading (so the UI can size models). */
  inputShape: number[];
  /** Number of classes, known before loading. */
  numClasses: number;
  /** Loads (or generates) the dataset. */
  load: (params: DatasetParams, progress: ProgressFn) => Promise<Dataset>;
}

/** Fraction of examples held out for testing in generated sets. */
export const TOY_TEST_FRACTION = 0.2;

/** All datasets the studio knows, by id. */
export const DATASETS = {
  spiral: {
    name: 'Spiral (2-D, 3 classes)',
    toy: true,
    inputShape: [2],
    numClasses: 3,
    load: async ({ seed, noise, samples }, progress) => {
      const all = generateSpiral({ count: samples, classes: 3, noise, seed });
      const { train, test } = stratifiedSplit(all, 2, TOY_TEST_FRACTION, seed ^ 0x5eed);
      progress(1);
      return {
        id: 'spiral',
        name: 'Spiral',
        inputShape: [2],
        numClasses: 3,
        classNames: ['arm 0', 'arm 1', 'arm 2'],
        train,
        test,
      };
    },
  },
} satisfies Record<string, DatasetEntry>;

/** Id of a known dataset. */
export type DatasetId = keyof typeof DATASETS;

/** Every dataset id, in menu order. */
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Type guard for dataset ids (e.g. from a URL). */
export function isDatasetId(v: string): v is DatasetId {
  return Object.prototype.hasOwnProperty.call(DATASETS, v);
}
