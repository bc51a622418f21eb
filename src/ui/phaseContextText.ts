import type { TFunction } from 'i18next';
import type { PhaseContext } from '../engine/train/phaseContext';

/** An extra trial or the latency measurement, as the status line names it ("seed 2 of 3", …). */
export function describeContext(context: PhaseContext, t: TFunction<'app'>): string {
  switch (context.kind) {
    case 'seed':
      return t('phaseContext.seed', { seed: String(context.seed), of: String(context.of) });
    case 'sweep':
      return t('phaseContext.sweep', { point: String(context.point), of: String(context.of), temperature: String(context.temperature), alpha: String(context.alpha) });
    case 'ensemble':
      return t('phaseContext.ensemble', { member: String(context.member), of: String(context.of) });
    case 'assistant':
      return t('phaseContext.assistant');
    case 'latency':
      return t('phaseContext.latency');
  }
}
