/** Props of a captioned select inside the layer editor. */
interface LayerSelectProps<V extends string> {
  /** Accessible name, e.g. `Student layer 2 activation`. */
  name: string;
  /** Short visible caption, e.g. `activation`. */
  caption: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled: boolean;
}

/** A small captioned native select (role combobox) named by `name`. */
export function LayerSelect<V extends string>({ name, caption, value, options, onChange, disabled }: LayerSelectProps<V>) {
  return (
    <label className="layer-field">
      <span aria-hidden="true">{caption}</span>
      <select aria-label={name} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
