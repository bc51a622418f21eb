import { useId } from 'react';

/** Props of a labelled range slider. */
interface SliderFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** Formats the value shown beside the slider. */
  format: (v: number) => string;
  onChange: (v: number) => void;
  hint?: string;
}

/** A range slider with a visible label and value; its accessible name is exactly `label`. */
export function SliderField({ label, value, min, max, step, format, onChange, hint }: SliderFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <div className="field-row">
        <label htmlFor={id}>{label}</label>
        <span className="value" aria-hidden="true">
          {format(value)}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={format(value)}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}
