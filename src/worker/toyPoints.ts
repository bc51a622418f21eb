import type { DatasetId } from '../engine/data/registry';
import type { Split } from '../engine/data/types';

/** What names one built-in toy set: the dataset and the generator's inputs. */
export interface ToyParams {
  dataset: DatasetId;
  seed: number;
  noise: number;
  samples: number;
}

/** A toy set's points as the page draws them (the scatter plot, the test points over the boundaries). */
export interface ToyPoints {
  /** `toyKey` of the params the points were built from. */
  key: string;
  name: string;
  numClasses: number;
  classNames: string[];
  train: Split;
  test: Split;
}

/** The key of a toy set's params (two equal keys build the same points). */
export function toyKey(p: ToyParams): string {
  return `${p.dataset}|${p.seed}|${p.noise}|${p.samples}`;
}
