import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  return (
    <div className="layer-settings">
      <LayerSelect name={t('layers.activationOf', { who })} caption={t('layers.caption.activation')} value={spec.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...spec, activation })} />
      <LayerNumber
        name={t('layers.dropoutOf', { who })}
        caption={t('layers.caption.dropoutNone')}
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
