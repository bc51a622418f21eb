import type { ExperimentResults } from '../../engine/train/types';
import { signedPoints } from './format';

/** The plain-language verdict: the headline gain and an honest qualifier about the seed-to-seed spread. */
export interface Verdict {
  headline: string;
  qualifier: string;
}

/** Says whether distillation helped, never declaring a winner from less evidence than the spread allows. */
export function verdictOf(r: ExperimentResults): Verdict {
  const seeds = r.seeds;
  if (!seeds || seeds.gain.n < 2) {
    return {
      headline: `Distillation: ${signedPoints(r.gainPoints)} points over scratch`,
      qualifier: 'One seed only: set Seeds to 3 or more to see whether this beats the seed-to-seed spread.',
    };
  }
  const { mean, std, n } = seeds.gain;
  const headline = `Distillation: ${signedPoints(mean)} ± ${std.toFixed(1)} points over scratch (mean ± std over ${n} seeds)`;
  if (Math.abs(mean) <= std || Math.abs(mean) < 0.05) {
    return { headline, qualifier: 'The difference is within the seed-to-seed spread: no clear winner.' };
  }
  if (mean > 0) {
    const every = seeds.gains.every((g) => g > 0);
    return { headline, qualifier: every ? 'Distillation helped on every seed.' : 'Distillation helped on average, but not on every seed.' };
  }
  const every = seeds.gains.every((g) => g < 0);
  return { headline, qualifier: every ? 'Training from scratch did better on every seed.' : 'Training from scratch did better on average, but not on every seed.' };
}
