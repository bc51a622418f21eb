import type { StudioConfig } from '../../src/store/configFields';
import { fieldProblem } from '../../src/store/configFields';
import { fieldProblemText } from '../../src/ui/controls/fieldProblemText';
import { i18n } from '../../src/ui/i18n';

/** A field's problem worded in English as the UI shows it, or null (the store itself returns codes). */
export function fieldError(key: keyof StudioConfig, value: unknown): string | null {
  const p = fieldProblem(key, value);
  return p ? fieldProblemText(p, i18n.getFixedT('en', 'app')) : null;
}
