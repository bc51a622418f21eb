import { useId, useState } from 'react';
import { fieldError } from '../../store/configFields';
import { useStudio } from '../../store';

/** Config keys edited as comma-separated number lists. */
type ListKey = 'sweepTemperatures' | 'sweepAlphas';

/** A comma-separated list of numbers bound to one config field, validated inline. */
export function ListField({ field, label, disabled }: { field: ListKey; label: string; disabled?: boolean }) {
  const id = useId();
  const value = useStudio((s) => s.config[field]);
  const error = useStudio((s) => s.fieldErrors[field]);
  const setConfig = useStudio((s) => s.setConfig);
  const setFieldError = useStudio((s) => s.setFieldError);
  const [text, setText] = useState(value.join(', '));

  const onChange = (raw: string) => {
    setText(raw);
    const parts = raw.split(',').map((p) => p.trim());
    const parsed = parts.every((p) => p !== '') ? parts.map(Number) : [Number.NaN];
    const problem = fieldError(field, parsed);
    setFieldError(field, problem);
    if (problem === null) setConfig({ [field]: parsed });
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {error ? (
        <p id={`${id}-err`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
