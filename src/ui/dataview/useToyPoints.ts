import { useEffect, useState } from 'react';
import { DATASETS } from '../../engine/data/registry';
import type { ExperimentConfig } from '../../engine/train/types';
import { toyKey, type ToyParams, type ToyPoints } from '../../worker/toyPoints';
import { studioWorker } from '../bridge/studioWorker';

/**
 * A built-in toy set's points, as the worker built them (never regenerated on the page's thread). While new points are
 * asked (or with null params) it gives null, or with `keepShown` the last points it had, so a drawing does not blink.
 */
export function useToyPoints(params: ToyParams | null, keepShown = false): ToyPoints | null {
  const [points, setPoints] = useState<ToyPoints | null>(null);
  const key = params ? toyKey(params) : '';
  useEffect(() => {
    if (!params) return;
    let live = true;
    void studioWorker.toyPoints(params).then((p) => live && setPoints(p));
    return () => {
      live = false;
    };
    // `key` names every input the points depend on (dataset, seed, noise, samples).
  }, [key]);
  return keepShown || (points && points.key === key) ? points : null;
}

/** The toy-set params of a run's config (null for uploads, image sets and no run). */
export function runToyParams(config: ExperimentConfig | null): ToyParams | null {
  if (!config || config.userData || !DATASETS[config.dataset].toy) return null;
  return { dataset: config.dataset, seed: config.seed, noise: config.noise, samples: config.samples };
}
