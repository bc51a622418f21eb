import { DATASETS, type DatasetId } from './registry';
import type { FitMode } from './images/fitSquare';
import type { MissingValues } from './missing';
import type { FeatureScaling } from './types';

/** What the UI and the engine need to know about a dataset before loading it. */
export interface DatasetMeta {
  name: string;
  /** Generated 2-D point set (noise and sample controls apply). */
  toy: boolean;
  inputShape: number[];
  numClasses: number;
  classNames: string[];
}

/** Metadata of data the user brought (CSV or idx), held by the worker under `id`. */
export interface UserDataMeta extends DatasetMeta {
  /** Key of the parsed data in the worker's upload store. */
  id: string;
  trainCount: number;
  testCount: number;
  /** Classes with too few examples to get any into the test split (their test accuracy cannot be measured). */
  missingFromTest?: string[];
  /** For a CSV upload: its columns in file order, the label column and how it was split (what an export needs to re-read it). */
  csv?: CsvSource;
  /** For an image folder or zip: how its images were prepared and how many each class kept (the images are not stored). */
  imageFolder?: ImageFolderSource;
}

/** How an image-folder upload was prepared: what a run, the history and a link record (the pixels themselves are not stored). */
export interface ImageFolderSource {
  /** Side of the square the images were resized to. */
  size: number;
  /** Centre crop or white padding to a square. */
  fit: FitMode;
  /** Images kept per class (same order as `classNames`). */
  classCounts: number[];
  /** Files that were not used (listed to the user when loading). */
  skipped: number;
  /** Seed the split was derived from (the seed at upload time). */
  splitSeed: number;
}

/** How a CSV upload was read and split, so an exported script can read the same file the same way. */
export interface CsvSource {
  /** Header names (or `column n`) in file order, the label column included. */
  columns: string[];
  /** Name of the label column. */
  labelColumn: string;
  /** Fraction held out for testing. */
  testFraction: number;
  /** Seed the split was derived from (the seed at upload time). */
  splitSeed: number;
  /** True when the features were standardised with the training split's mean and deviation. */
  standardize?: boolean;
  /**
   * The training split's mean and deviation per feature (doubles, computed as a run computes them, before the
   * validation hold-out): what a standardised run scales with, so exports can scale the same way.
   */
  featureScaling?: FeatureScaling;
  /**
   * How missing cells were handled (present when the file had any): the rule, the rows dropped, the cells filled and
   * the fill values (the training split's means, doubles), so exports read the file the same way.
   */
  missing?: MissingValues;
}

/** The dataset an experiment uses: the user's upload when present, else the built-in one. */
export function datasetMeta(c: { dataset: DatasetId; userData: UserDataMeta | null }): DatasetMeta {
  if (c.userData) return c.userData;
  const e = DATASETS[c.dataset];
  return { name: e.name, toy: e.toy, inputShape: e.inputShape, numClasses: e.numClasses, classNames: e.classNames };
}
