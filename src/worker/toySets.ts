import { DATASETS } from '../engine/data/registry';
import type { Dataset } from '../engine/data/types';
import { toyKey, type ToyParams, type ToyPoints } from './toyPoints';

/** Toy sets kept at most (the run's and the settings' preview, with room for a changed setting). */
const KEEP = 4;

/**
 * The toy sets this worker built, newest last: a run and the page's drawings of its points share one build, so the
 * page never regenerates a set on its own thread. Nothing here transfers or changes the sets' arrays.
 */
export class ToySets {
  private readonly sets = new Map<string, Promise<Dataset>>();

  /** The toy set of `params`, built once. Rejects for a dataset that is not a toy set. */
  load(params: ToyParams): Promise<Dataset> {
    const key = toyKey(params);
    const entry = DATASETS[params.dataset];
    if (!entry.toy) return Promise.reject(new Error(`${params.dataset} is not a toy set`));
    let set = this.sets.get(key);
    if (set) this.sets.delete(key);
    else set = entry.load({ seed: params.seed, noise: params.noise, samples: params.samples }, () => {});
    this.sets.set(key, set);
    set.catch(() => this.sets.delete(key));
    while (this.sets.size > KEEP) this.sets.delete(this.sets.keys().next().value!);
    return set;
  }

  /** The points of `params` for the page (null for a set that is not a toy set, or that failed to build). */
  async points(params: ToyParams): Promise<ToyPoints | null> {
    if (!DATASETS[params.dataset].toy) return null;
    const d = await this.load(params).catch(() => null);
    return d && { key: toyKey(params), name: d.name, numClasses: d.numClasses, classNames: d.classNames, train: d.train, test: d.test };
  }
}

/** The worker's toy sets. */
export const toySets = new ToySets();
