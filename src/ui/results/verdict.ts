import type { ExperimentResults } from '../../engine/train/types';
import { i18n } from '../i18n';
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
      headline: i18n.t('app:results.verdictOne', { gain: signedPoints(r.gainPoints) }),
      qualifier: i18n.t('app:results.verdictOneQualifier'),
    };
  }
  const { mean, std, n } = seeds.gain;
  const headline = i18n.t('app:results.verdictSeeds', { gain: signedPoints(mean), std: std.toFixed(1), count: n });
  if (Math.abs(mean) <= std || Math.abs(mean) < 0.05) {
    return { headline, qualifier: i18n.t('app:results.withinSpread') };
  }
  if (mean > 0) {
    const every = seeds.gains.every((g) => g > 0);
    return { headline, qualifier: every ? i18n.t('app:results.helpedEvery') : i18n.t('app:results.helpedAverage') };
  }
  const every = seeds.gains.every((g) => g < 0);
  return { headline, qualifier: every ? i18n.t('app:results.scratchEvery') : i18n.t('app:results.scratchAverage') };
}
