import type { KdWeights } from '../losses';
import type { TrialSettings } from './types';

/** The T and α (and soft-term settings) a distillation loss uses at a 1-based step of its phase. */
export type WeightsAtStep = (step: number) => KdWeights;

/**
 * Wraps a (possibly live) weights source so the trial can report the T and α it actually trained with; `current` reads
 * the source's value without a step (for a trial that trained no step).
 */
export function recordSettings(source: WeightsAtStep, current: () => KdWeights = () => source(0)): { weights: WeightsAtStep; settings: () => TrialSettings } {
  let first: KdWeights | null = null;
  let last: KdWeights | null = null;
  let changed = false;
  return {
    weights: (step) => {
      const w = source(step);
      if (!first) first = w;
      else if (w.temperature !== first.temperature || w.alpha !== first.alpha) changed = true;
      last = w;
      return w;
    },
    settings: () => {
      const w = last ?? current();
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
