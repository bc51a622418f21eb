import type { TFunction } from 'i18next';
import type { PhaseContext } from '../engine/train/phaseContext';
import { armName, settingText } from './results/compareText';
import { i18n } from './i18n';

/** An extra trial or the latency measurement, as the status line names it ("seed 2 of 3", …). */
export function describeContext(context: PhaseContext, t: TFunction<'app'>): string {
  switch (context.kind) {
    case 'seed':
      return t('phaseContext.seed', { seed: String(context.seed), of: String(context.of) });
    case 'sweep':
      return t('phaseContext.sweep', { point: String(context.point), of: String(context.of), temperature: String(context.temperature), alpha: String(context.alpha) });
    case 'compare': {
      const values = { arm: armName(context.arm), seed: String(context.seed), of: String(context.seeds), trial: String(context.trial), trials: String(context.trials) };
      if (context.value === null) return t('phaseContext.compare', values);
      return t('phaseContext.compareAt', { ...values, setting: settingText(context.arm, context.value, i18n.getFixedT(null, 'compare')) });
    }
    case 'latency':
      return t('phaseContext.latency');
  }
}
