import { useEffect, useState } from 'react';
import { DATASETS } from '../../engine/data/registry';
import type { Dataset } from '../../engine/data/types';
import type { ExperimentConfig } from '../../engine/train/types';

/**
 * The run's toy dataset, regenerated on the main thread from the run's seed, noise and sample count (as the
 * scatter plot does), so the test points can be drawn over the boundaries. Null for uploads and image sets.
 */
export function useRunToyData(config: ExperimentConfig | null): Dataset | null {
  const [data, setData] = useState<{ key: string; data: Dataset } | null>(null);
  const entry = config && !config.userData && DATASETS[config.dataset].toy ? DATASETS[config.dataset] : null;
  const key = config && entry ? `${config.dataset}|${config.seed}|${config.noise}|${config.samples}` : '';
  useEffect(() => {
    if (!entry || !config) return;
    let live = true;
    void entry.load({ seed: config.seed, noise: config.noise, samples: config.samples }, () => {}).then((d) => live && setData({ key, data: d }));
    return () => {
      live = false;
    };
    // `key` names every input the load depends on (dataset, seed, noise, samples).
  }, [key]);
  return data && data.key === key ? data.data : null;
}
