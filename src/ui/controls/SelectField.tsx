import { useId, type ReactNode } from 'react';

/** Props of a labelled select. */
interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  disabled?: boolean;
  children?: ReactNode;
}

/** A native select (role combobox) whose accessible name is `label`; extra content renders below it. */
export function SelectField<V extends string>({ label, value, options, onChange, disabled, children }: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
