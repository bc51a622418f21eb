import type { TFunction } from 'i18next';
import type { PhaseContext } from '../engine/train/phaseContext';
import { settingText } from './results/compareText';
import { i18n } from './i18n';

/**
 * An extra trial or the latency measurement, as the status line names it ("seed 2 of 3", …); a comparison's method names
 * come from `tc` (the compare namespace, by default in the current language).
 */
export function describeContext(context: PhaseContext, t: TFunction<'app'>, tc: TFunction<'compare'> = i18n.getFixedT(null, 'compare')): string {
  switch (context.kind) {
    case 'seed':
      return t('phaseContext.seed', { seed: String(context.seed), of: String(context.of) });
    case 'sweep':
      return t('phaseContext.sweep', { point: String(context.point), of: String(context.of), temperature: String(context.temperature), alpha: String(context.alpha) });
    case 'compare': {
      const values = { arm: tc(`methods.${context.arm}`), seed: String(context.seed), of: String(context.seeds), trial: String(context.trial), trials: String(context.trials) };
      if (context.value === null) return t('phaseContext.compare', values);
      return t('phaseContext.compareAt', { ...values, setting: settingText(context.arm, context.value, tc) });
    }
    case 'ensemble':
      return t('phaseContext.ensemble', { member: String(context.member), of: String(context.of) });
    case 'assistant':
      return t('phaseContext.assistant');
    case 'latency':
      return t('phaseContext.latency');
  }
}
