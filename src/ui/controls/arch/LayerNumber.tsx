import { useEffect, useState } from 'react';

/** Props of a number input inside the layer editor. */
interface LayerNumberProps {
  /** Accessible name, e.g. `Student layer 2 filters`. */
  name: string;
  /** Short visible caption, e.g. `filters`. */
  caption: string;
  /** The value (NaN while the text is empty or not a number). */
  value: number;
  onChange: (value: number) => void;
  min: number;
  max?: number;
  step?: number;
  disabled: boolean;
}

/** Text shown for a value. */
const textOf = (v: number): string => (Number.isNaN(v) ? '' : String(v));

/** A small captioned number input that keeps the typed text and reports NaN for text that is not a number. */
export function LayerNumber({ name, caption, value, onChange, min, max, step = 1, disabled }: LayerNumberProps) {
  const [text, setText] = useState(textOf(value));
  useEffect(() => {
    setText((t) => {
      const parsed = t.trim() === '' ? Number.NaN : Number(t);
      return Object.is(parsed, value) || parsed === value ? t : textOf(value);
    });
  }, [value]);
  const invalid = !Number.isFinite(value) || value < min || (max !== undefined && value > max) || (step === 1 && !Number.isInteger(value));
  return (
    <label className="layer-field">
      <span aria-hidden="true">{caption}</span>
      <input
        type="number"
        inputMode={step === 1 ? 'numeric' : 'decimal'}
        aria-label={name}
        min={min}
        max={max}
        step={step === 1 ? 1 : 'any'}
        value={text}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          onChange(raw.trim() === '' ? Number.NaN : Number(raw));
        }}
      />
    </label>
  );
}
