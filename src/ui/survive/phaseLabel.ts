import type { Phase } from '../../engine/train/types';
import { i18n } from '../i18n';

const KEYS = { teacher: 'survive:phaseTeacher', scratch: 'survive:phaseScratch', distill: 'survive:phaseDistill' } as const;

/** The translated name of a training phase ("teacher training", …). */
export function phaseLabel(phase: Phase): string {
  return i18n.t(KEYS[phase]);
}
