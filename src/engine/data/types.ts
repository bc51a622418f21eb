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
}

/** Number of scalar features in one example of the given shape. */
export function featureSize(inputShape: readonly number[]): number {
  return inputShape.reduce((a, b) => a * b, 1);
}
