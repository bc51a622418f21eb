import { deriveSeed } from '../rng';
import { DataError, type DataSubject } from './dataErrors';
import { resolveHoles, type CsvHoles } from './missing';
import { stratifiedSplit } from './split';
import { featureSize, type Dataset, type FeatureScaling, type Split } from './types';

/** Labelled examples parsed from a user's files, before the train/test split. */
export interface LabeledData extends Split {
  /** Shape of one example: `[features]` for tables, `[rows, cols, 1]` for images. */
  inputShape: number[];
  /** Class names; `y` holds indices into this list. */
  classNames: string[];
  /** Number of classes (`classNames.length`). */
  numClasses: number;
  /** Names of the feature columns (tables only). */
  featureNames?: string[];
  /** All column names in file order, the label column included (tables only). */
  columns?: string[];
  /** Name of the label column (tables only). */
  labelName?: string;
  /** A CSV's missing cells and the rule chosen for them (present when it had any); `fill` leaves NaN in `x` until the split. */
  holes?: CsvHoles;
}

/** Options for turning user data into a dataset. */
export interface UserDatasetOptions {
  /** Dataset id, e.g. `user-csv`. */
  id: string;
  /** Display name, e.g. the file name. */
  name: string;
  /** Seed of the stratified split. */
  seed: number;
  /** Fraction held out for testing (default 0.2). */
  testFraction?: number;
  /** Standardise each feature with the training split's mean and deviation (default false; use for tables). */
  standardize?: boolean;
}

/** Maps raw label keys to class indices 0..k-1 in sorted key order; the names are the keys as text. */
export function indexClasses<K extends string | number>(keys: readonly K[], compare: (a: K, b: K) => number): { y: Int32Array; classNames: string[] } {
  const distinct = [...new Set(keys)].sort(compare);
  const index = new Map<K, number>(distinct.map((k, i) => [k, i]));
  return { y: Int32Array.from(keys, (k) => index.get(k)!), classNames: distinct.map(String) };
}

/** Throws unless the labels hold at least two classes. */
export function requireTwoClasses(classNames: readonly string[], subject: DataSubject): void {
  if (classNames.length === 0) throw new DataError({ code: 'noExamples', subject });
  if (classNames.length < 2) throw new DataError({ code: 'singleClass', subject, label: classNames[0]! });
}

/** Turns parsed user data into a dataset with a seeded, stratified test split (20 % by default). */
export function toUserDataset(data: LabeledData, options: UserDatasetOptions): Dataset {
  const { id, name, seed, testFraction = 0.2, standardize = false } = options;
  const len = featureSize(data.inputShape);
  if (data.x.length !== data.count * len || data.y.length !== data.count) {
    throw new DataError({ code: 'inconsistent', count: data.count, features: len, needed: data.count * len, got: data.x.length });
  }
  requireTwoClasses(data.classNames, { kind: 'data' });
  const { train, test } = stratifiedSplit(data, len, testFraction, deriveSeed(seed, 'user-split'));
  if (train.count === 0 || test.count === 0) {
    throw new DataError({ code: 'tooFewExamples', count: data.count, percent: Math.round(testFraction * 100) });
  }
  const dataset: Dataset = { id, name, inputShape: [...data.inputShape], numClasses: data.numClasses, classNames: [...data.classNames], train, test };
  // Missing cells are filled after the split, with the training split's means (so the test split stays unseen).
  if (data.holes) dataset.missingValues = resolveHoles(data.holes, train, test, len, data.featureNames ?? []);
  if (standardize) {
    dataset.featureScaling = fitScaling(train, len);
    applyScaling(train, len, dataset.featureScaling);
    applyScaling(test, len, dataset.featureScaling);
  }
  return dataset;
}

/**
 * A copy of a table dataset with every feature standardised by the training split's mean and deviation (recorded in
 * `featureScaling`, so report.json and the exports can scale new inputs the same way); the original is left untouched.
 */
export function standardizedCopy(data: Dataset): Dataset {
  const len = featureSize(data.inputShape);
  const scaling = fitScaling(data.train, len);
  const copy = (s: Split): Split => ({ x: Float32Array.from(s.x), y: s.y, count: s.count });
  const train = copy(data.train);
  const test = copy(data.test);
  applyScaling(train, len, scaling);
  applyScaling(test, len, scaling);
  return { ...data, train, test, featureScaling: scaling };
}

/** Names of the classes that have no example in a split (too few examples to be drawn into it). */
export function classesMissingFrom(split: Split, classNames: readonly string[]): string[] {
  const seen = new Set(split.y);
  return classNames.filter((_, k) => !seen.has(k));
}

/** Mean and standard deviation of each feature of a split, in doubles summed in row order (deviation 1 for constant features). */
export function fitScaling(split: Split, len: number): FeatureScaling {
  const mean = new Array<number>(len).fill(0);
  const sq = new Array<number>(len).fill(0);
  for (let i = 0; i < split.count; i++) for (let j = 0; j < len; j++) mean[j]! += split.x[i * len + j]!;
  for (let j = 0; j < len; j++) mean[j]! /= Math.max(split.count, 1);
  for (let i = 0; i < split.count; i++) {
    for (let j = 0; j < len; j++) {
      // d * d (one rounding), not d ** 2: the exported script and every other IEEE double reproduce it exactly.
      const d = split.x[i * len + j]! - mean[j]!;
      sq[j]! += d * d;
    }
  }
  const std = sq.map((s) => Math.sqrt(s / Math.max(split.count, 1)) || 1);
  return { mean, std };
}

/** Standardises a split in place: `x' = (x − mean) / std`. */
export function applyScaling(split: Split, len: number, { mean, std }: FeatureScaling): void {
  for (let i = 0; i < split.count; i++) for (let j = 0; j < len; j++) split.x[i * len + j] = (split.x[i * len + j]! - mean[j]!) / std[j]!;
}
