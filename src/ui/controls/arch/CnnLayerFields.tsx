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
  const type = (
    <LayerSelect name={`${name} type`} caption="type" value={layer.type} options={CNN_LAYER_TYPES} disabled={locked} onChange={(t) => onChange(defaultLayer(t, layer))} />
  );
  switch (layer.type) {
    case 'conv':
      return (
        <>
          {type}
          <LayerNumber name={`${name} filters`} caption="filters" value={layer.filters} min={1} disabled={locked} onChange={(filters) => onChange({ ...layer, filters })} />
          <LayerNumber name={`${name} kernel`} caption="kernel" value={layer.kernel} min={1} disabled={locked} onChange={(kernel) => onChange({ ...layer, kernel })} />
          <LayerNumber name={`${name} stride`} caption="stride" value={layer.stride} min={1} disabled={locked} onChange={(stride) => onChange({ ...layer, stride })} />
          <LayerSelect name={`${name} activation`} caption="activation" value={layer.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...layer, activation })} />
          <label className="layer-check">
            <input
              type="checkbox"
              aria-label={`${name} batch norm`}
              checked={layer.batchNorm === true}
              disabled={locked}
              onChange={(e) => {
                const { batchNorm: _old, ...rest } = layer;
                onChange(e.currentTarget.checked ? { ...rest, batchNorm: true } : rest);
              }}
            />
            <span aria-hidden="true">batch norm</span>
          </label>
        </>
      );
    case 'maxpool':
      return (
        <>
          {type}
          <LayerNumber name={`${name} pool size`} caption="pool size" value={layer.size} min={1} disabled={locked} onChange={(size) => onChange({ ...layer, size })} />
        </>
      );
    case 'flatten':
      return type;
    case 'dense':
      return (
        <>
          {type}
          <LayerNumber name={`${name} units`} caption="units" value={layer.units} min={1} disabled={locked} onChange={(units) => onChange({ ...layer, units })} />
          <LayerSelect name={`${name} activation`} caption="activation" value={layer.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => onChange({ ...layer, activation })} />
        </>
      );
    case 'dropout':
      return (
        <>
          {type}
          <LayerNumber name={`${name} rate`} caption="rate" value={layer.rate} min={0} max={0.99} step={0.05} disabled={locked} onChange={(rate) => onChange({ ...layer, rate })} />
        </>
      );
  }
}
