import type { KdWeights } from '../losses';
import type { TrialSettings } from './types';

/** Wraps a (possibly live) weights source so the trial can report the T and α it actually trained with. */
export function recordSettings(source: () => KdWeights): { weights: () => KdWeights; settings: () => TrialSettings } {
  let first: KdWeights | null = null;
  let last: KdWeights | null = null;
  let changed = false;
  return {
    weights: () => {
      const w = source();
      if (!first) first = w;
      else if (w.temperature !== first.temperature || w.alpha !== first.alpha) changed = true;
      last = w;
      return w;
    },
    settings: () => {
      const w = last ?? source();
      return { temperature: w.temperature, alpha: w.alpha, changed };
    },
  };
}

/**
 * The trials (0-based) that may be pooled into one mean ± std: the largest group with identical settings that were
 * not moved mid-trial (a trial whose T or α changed is a group of its own); ties go to the group of the earliest trial.
 */
export function poolableTrials(settings: readonly TrialSettings[]): number[] {
  const groups = new Map<string, number[]>();
  settings.forEach((s, i) => {
    const key = s.changed ? `changed-${i}` : `${s.temperature}|${s.alpha}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  let best: number[] = [];
  for (const g of groups.values()) if (g.length > best.length) best = g;
  return best;
}
