import type { TFunction } from 'i18next';
import type { Phase } from '../../engine/train/types';
import type { Halt } from '../../worker/protocol';

const PHASE_KEYS = { teacher: 'phaseTeacher', scratch: 'phaseScratch', distill: 'phaseDistill' } as const;

/** A loss value as the message shows it: NaN, ±Infinity, else one significant decimal in exponent form (1.6e+7). */
export function lossValueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return value.toExponential(1);
}

/** Why the run halted, as one sentence in the language of `t` (a crashed worker's message is shown as it came). */
export function describeHalt(halt: Halt, t: TFunction<'survive'>): string {
  if (halt.reason === 'crashed') return halt.message;
  const params = { step: String(halt.step), phase: t(PHASE_KEYS[halt.phase satisfies Phase]) };
  if (Number.isNaN(halt.value)) return t('divergedNaN', params);
  if (!Number.isFinite(halt.value)) return t('divergedInfinite', { ...params, value: lossValueText(halt.value) });
  return t('divergedExploded', { ...params, value: lossValueText(halt.value) });
}
