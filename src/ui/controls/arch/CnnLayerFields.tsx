import { useTranslation } from 'react-i18next';
import type { CnnLayer } from '../../../engine/models/spec';
import { LayerNumber } from './LayerNumber';
import { LayerSelect } from './LayerSelect';
import { ACTIVATIONS, CNN_LAYER_TYPES, defaultLayer } from './rows';

/** Props of the fields of one CNN layer. */
interface CnnLayerFieldsProps {
  /** Row name, e.g. `Teacher layer 2`. */
  name: string;
  layer: CnnLayer;
  locked: boolean;
  onChange: (layer: CnnLayer) => void;
}

/** The type menu of a CNN layer and the fields of that type (filters, kernel, stride, activation, batch norm; pool size; units; rate). */
export function CnnLayerFields({ name, layer, locked, onChange }: CnnLayerFieldsProps) {
  const { t } = useTranslation();
  const caption = (c: 'type' | 'filters' | 'kernel' | 'stride' | 'activation' | 'batchNorm' | 'poolSize' | 'units' | 'rate') => t(`layers.caption.${c}`);
  const named = (c: Parameters<typeof caption>[0]) => t('layers.rowField', { row: name, field: caption(c) });
  const typeOptions = CNN_LAYER_TYPES.map((o) => ({ value: o.value, label: t(`layers.type.${o.value}`) }));
  const type = (
    <LayerSelect name={named('type')} caption={caption('type')} value={layer.type} options={typeOptions} disabled={locked} onChange={(t) => onChange(defaultLayer(t, layer))} />
  );
  switch (layer.type) {
    case 'conv':
      return (
        <>
          {type}
          <LayerNumber name={named('filters')} caption={caption('filters')} value={layer.filters} min={1} disabled={locked} onChange={(filters) => onChange({ ...layer, filters })} />
          <LayerNumber name={named('kernel')} caption={caption('kernel')} value={layer.kernel} min={1} disabled={locked} onChange={(kernel) => onChange({ ...layer, kernel })} />
          <LayerNumber name={named('stride')} caption={caption('stride')} value={layer.stride} min={1} disabled={locked} onChange={(stride) => onChange({ ...layer, stride })} />
          <LayerSelect name={named('activation')} caption={caption('activation')} value={layer.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...layer, activation })} />
          <label className="layer-check">
            <input
              type="checkbox"
              aria-label={named('batchNorm')}
              checked={layer.batchNorm === true}
              disabled={locked}
              onChange={(e) => {
                const { batchNorm: _old, ...rest } = layer;
                onChange(e.currentTarget.checked ? { ...rest, batchNorm: true } : rest);
              }}
            />
            <span aria-hidden="true">{caption('batchNorm')}</span>
          </label>
        </>
      );
    case 'maxpool':
      return (
        <>
          {type}
          <LayerNumber name={named('poolSize')} caption={caption('poolSize')} value={layer.size} min={1} disabled={locked} onChange={(size) => onChange({ ...layer, size })} />
        </>
      );
    case 'flatten':
      return type;
    case 'dense':
      return (
        <>
          {type}
          <LayerNumber name={named('units')} caption={caption('units')} value={layer.units} min={1} disabled={locked} onChange={(units) => onChange({ ...layer, units })} />
          <LayerSelect name={named('activation')} caption={caption('activation')} value={layer.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...layer, activation })} />
        </>
      );
    case 'dropout':
      return (
        <>
          {type}
          <LayerNumber name={named('rate')} caption={caption('rate')} value={layer.rate} min={0} max={0.99} step={0.05} disabled={locked} onChange={(rate) => onChange({ ...layer, rate })} />
        </>
      );
  }
}
