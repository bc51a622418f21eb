import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem } from '../../store/configFields';
import { fieldProblemText } from './fieldProblemText';
import { useStudio } from '../../store';
import { TextInputField } from './TextInputField';

/** Config keys edited as comma-separated number lists. */
type ListKey = 'sweepTemperatures' | 'sweepAlphas' | 'excludeClasses';

/** The numbers of a typed list (a NaN marks an empty or unreadable entry). */
function parse(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  return raw.trim() === '' ? [] : parts.every((p) => p !== '') ? parts.map(Number) : [Number.NaN];
}

/** Same numbers in the same order. */
const sameList = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** A comma-separated list of numbers bound to one config field, validated inline. */
export function ListField({ field, label, disabled }: { field: ListKey; label: string; disabled?: boolean }) {
  const { t } = useTranslation(); // the message below is worded at render time, in the chosen language
  const value = useStudio((s) => s.config[field]);
  const error = useStudio((s) => s.fieldErrors[field]);
  const setConfig = useStudio((s) => s.setConfig);
  const setFieldError = useStudio((s) => s.setFieldError);
  const [text, setText] = useState(value.join(', '));

  // Follow changes made elsewhere (a pasted link, a recipe) unless the text already says the same.
  useEffect(() => {
    setText((t) => (sameList(parse(t), value) ? t : value.join(', ')));
  }, [value]);

  const onChange = (raw: string) => {
    setText(raw);
    const parsed = parse(raw);
    const problem = fieldProblem(field, parsed);
    setFieldError(field, problem ? fieldProblemText(problem, t) : null);
    if (problem === null) setConfig({ [field]: parsed });
  };

  const now = fieldProblem(field, parse(text));
  const shown = error === undefined ? undefined : now ? fieldProblemText(now, t) : error;
  return <TextInputField label={label} type="text" value={text} error={shown} disabled={disabled} onChange={onChange} />;
}
