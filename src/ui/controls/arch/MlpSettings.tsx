import type { MlpSpec } from '../../../engine/models/spec';
import { LayerNumber } from './LayerNumber';
import { LayerSelect } from './LayerSelect';
import { ACTIVATIONS } from './rows';

/** Props of an MLP's shared settings. */
interface MlpSettingsProps {
  /** Model name, e.g. `Student`. */
  who: string;
  spec: MlpSpec;
  locked: boolean;
  onChange: (spec: MlpSpec) => void;
}

/** The activation of every hidden layer of an MLP and its optional dropout (0: none). */
export function MlpSettings({ who, spec, locked, onChange }: MlpSettingsProps) {
  return (
    <div className="layer-settings">
      <LayerSelect name={`${who} activation`} caption="activation" value={spec.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...spec, activation })} />
      <LayerNumber
        name={`${who} dropout`}
        caption="dropout (0: none)"
        value={spec.dropout ?? 0}
        min={0}
        max={0.99}
        step={0.05}
        disabled={locked}
        onChange={(dropout) => {
          const { dropout: _old, ...rest } = spec;
          onChange(dropout === 0 ? rest : { ...spec, dropout });
        }}
      />
    </div>
  );
}
