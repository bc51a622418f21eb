import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../store/configFields';
import { describeArchProblem } from './arch/archProblemText';

/** A settings field's problem as one sentence in the language of `t`. */
export function fieldProblemText(p: FieldProblem, t: TFunction<'app'>): string {
  switch (p.code) {
    case 'range':
      return t('field.range', { min: String(p.min), max: String(p.max) });
    case 'listRange':
      return t('field.listRange', { min: String(p.min), max: String(p.max) });
    case 'listLong':
      return t('field.listLong', { max: String(p.max) });
    case 'unknownValue':
      return t('field.unknownValue', { value: p.value });
    case 'listRepeated':
      return t('field.listRepeated', { value: p.value });
    case 'arch':
      return describeArchProblem(p.problem, t);
    default:
      return t(`field.${p.code}`);
  }
}
