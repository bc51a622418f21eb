import { useId } from 'react';

/** Props of a labelled text or number input with an inline error. */
interface TextInputFieldProps {
  label: string;
  type: 'number' | 'text';
  value: string;
  error: string | undefined;
  onChange: (raw: string) => void;
  step?: string;
  disabled?: boolean;
}

/** The shared look of typed fields: label, input (aria-invalid + described by its message), inline error. */
export function TextInputField({ label, type, value, error, onChange, step, disabled }: TextInputFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode="decimal"
        step={type === 'number' ? step : undefined}
        value={value}
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
