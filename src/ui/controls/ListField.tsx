import { useEffect, useState } from 'react';
import { fieldError } from '../../store/configFields';
import { useStudio } from '../../store';
import { TextInputField } from './TextInputField';

/** Config keys edited as comma-separated number lists. */
type ListKey = 'sweepTemperatures' | 'sweepAlphas' | 'excludeClasses';

/** A comma-separated list of numbers bound to one config field, validated inline. */
export function ListField({ field, label, disabled }: { field: ListKey; label: string; disabled?: boolean }) {
  const value = useStudio((s) => s.config[field]);
  const error = useStudio((s) => s.fieldErrors[field]);
  const setConfig = useStudio((s) => s.setConfig);
  const setFieldError = useStudio((s) => s.setFieldError);
  const [text, setText] = useState(value.join(', '));

  // Follow changes made elsewhere (lessons, recipes) unless the typed text already means the same list.
  useEffect(() => {
    setText((t) => (t.split(',').map((p) => p.trim()).filter((p) => p !== '').map(Number).join(', ') === value.join(', ') ? t : value.join(', ')));
  }, [value]);

  const onChange = (raw: string) => {
    setText(raw);
    const parts = raw.split(',').map((p) => p.trim());
    const parsed = raw.trim() === '' ? [] : parts.every((p) => p !== '') ? parts.map(Number) : [Number.NaN];
    const problem = fieldError(field, parsed);
    setFieldError(field, problem);
    if (problem === null) setConfig({ [field]: parsed });
  };

  return <TextInputField label={label} type="text" value={text} error={error} disabled={disabled} onChange={onChange} />;
}
