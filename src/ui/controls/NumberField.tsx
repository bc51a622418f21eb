import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem, type StudioConfig } from '../../store/configFields';
import { fieldProblemText } from './fieldProblemText';
import { useStudio } from '../../store';
import { TextInputField } from './TextInputField';

/** Config keys edited as numbers. */
type NumericKey = { [K in keyof StudioConfig]: StudioConfig[K] extends number ? K : never }[keyof StudioConfig];

/** Props of a numeric config field. */
interface NumberFieldProps {
  field: NumericKey;
  label: string;
  step?: string;
  disabled?: boolean;
}

/** The number typed in a field (NaN for blank text). */
const parse = (raw: string): number => (raw.trim() === '' ? Number.NaN : Number(raw));

/** A number input bound to one config field; invalid text shows an inline message and blocks Start. */
export function NumberField({ field, label, step = 'any', disabled }: NumberFieldProps) {
  const { t } = useTranslation(); // the message below is worded at render time, in the chosen language
  const value = useStudio((s) => s.config[field]);
  const error = useStudio((s) => s.fieldErrors[field]);
  const setConfig = useStudio((s) => s.setConfig);
  const setFieldError = useStudio((s) => s.setFieldError);
  const [text, setText] = useState(String(value));

  useEffect(() => {
    setText((t) => (Number(t) === value && t.trim() !== '' ? t : String(value)));
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
  return <TextInputField label={label} type="number" step={step} value={text} error={shown} disabled={disabled} onChange={onChange} />;
}
