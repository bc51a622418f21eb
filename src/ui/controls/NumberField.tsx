import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, type StudioConfig } from '../../store/configFields';
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
  useTranslation(); // re-render on a language change: the message below is worded at render time
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
    const problem = fieldError(field, parsed);
    setFieldError(field, problem);
    if (problem === null) setConfig({ [field]: parsed });
  };

  const shown = error === undefined ? undefined : (fieldError(field, parse(text)) ?? error);
  return <TextInputField label={label} type="number" step={step} value={text} error={shown} disabled={disabled} onChange={onChange} />;
}
