import type { TFunction } from 'i18next';
import { METHOD_GRIDS } from '../../engine/train/compareMethods';
import type { CompareArm } from '../../engine/train/comparePlan';
import { i18n } from '../i18n';

/** A compared method's (or scratch's) name in the current language. */
export function armName(arm: CompareArm): string {
  return i18n.t(`compare:methods.${arm}`);
}

/** A method's setting as the table shows it: `T = 2`, `β = 1000`, RKD's β with its angle weight, or a dash. */
export function settingText(arm: CompareArm, value: number | null, t: TFunction<'compare'>): string {
  if (arm === 'scratch' || value === null) return t('setting.none');
  if (arm === 'rkd') return t('setting.rkd', { value: String(value), angle: String(2 * value) });
  return METHOD_GRIDS[arm].setting === 'temperature' ? t('setting.temperature', { value: String(value) }) : t('setting.beta', { value: String(value) });
}
