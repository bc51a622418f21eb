import { DATASETS, type DatasetId } from './registry';

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
}

/** The dataset an experiment uses: the user's upload when present, else the built-in one. */
export function datasetMeta(c: { dataset: DatasetId; userData: UserDataMeta | null }): DatasetMeta {
  if (c.userData) return c.userData;
  const e = DATASETS[c.dataset];
  return { name: e.name, toy: e.toy, inputShape: e.inputShape, numClasses: e.numClasses, classNames: e.classNames };
}
