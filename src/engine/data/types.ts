import type { MissingValues } from './missing';

/** One split of a dataset: row-major features and integer class labels. */
export interface Split {
  /** Features, `count × featureSize` values, row-major. */
  x: Float32Array;
  /** Class index per example. */
  y: Int32Array;
  /** Number of examples. */
  count: number;
}

/** A loaded dataset, ready to become tensors in the worker. */
export interface Dataset {
  /** Stable id, e.g. `spiral`. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** Shape of one example, e.g. `[2]` for points or `[28, 28, 1]` for images. */
  inputShape: number[];
  /** Number of classes. */
  numClasses: number;
  /** Class names, `numClasses` long. */
  classNames: string[];
  /** Training split. */
  train: Split;
  /** Held-out test split. */
  test: Split;
  /** Per-feature standardisation already applied to `x` (user tables), so new inputs can be scaled the same way. */
  featureScaling?: FeatureScaling;
  /** How a CSV's missing values were handled (dropped rows, filled cells and the fill values), for the report and exports. */
  missingValues?: MissingValues;
}

/** Per-feature standardisation: `x' = (x − mean) / std`. */
export interface FeatureScaling {
  /** Mean of each feature over the training split. */
  mean: number[];
  /** Standard deviation of each feature over the training split (1 where it was 0). */
  std: number[];
}

/** Number of scalar features in one example of the given shape. */
export function featureSize(inputShape: readonly number[]): number {
  return inputShape.reduce((a, b) => a * b, 1);
}

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

/** Where shipped dataset files come from: `fetch` in the app, the file system in unit tests. */
export interface DatasetSource {
  /** Bytes of a file by site-root-relative path (e.g. `datasets/mnist.bin.gz`), gunzipped when the path ends in `.gz`. */
  fetchBytes(path: string, onProgress: ProgressFn): Promise<Uint8Array>;
}

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
  /** Class names, `numClasses` long, known before loading. */
  classNames: string[];
  /** Shipped files the loader fetches (site-root-relative); absent for generated sets. */
  files?: string[];
  /** Loads (or generates) the dataset; shipped files come through `source` (default: `fetch`). */
  load: (params: DatasetParams, progress: ProgressFn, source?: DatasetSource) => Promise<Dataset>;
}
