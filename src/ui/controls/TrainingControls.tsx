import type { OptimizerName } from '../../engine/train/types';
import { useStudio } from '../../store';
import type { BackendChoice } from '../../worker/protocol';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const BACKEND_OPTIONS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (fastest available)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

/** Epochs, batch size, optimiser, learning rate, seed and backend. */
export function TrainingControls({ locked }: { locked: boolean }) {
  const optimizer = useStudio((s) => s.config.optimizer);
  const backend = useStudio((s) => s.config.backend);
  const setConfig = useStudio((s) => s.setConfig);
  return (
    <fieldset>
      <legend>Training</legend>
      <div className="pair">
        <NumberField field="epochs" label="Epochs" step="1" disabled={locked} />
        <NumberField field="batchSize" label="Batch size" step="1" disabled={locked} />
      </div>
      <div className="pair">
        <SelectField<OptimizerName>
          label="Optimizer"
          value={optimizer}
          disabled={locked}
          options={[
            { value: 'adam', label: 'Adam' },
            { value: 'sgd', label: 'SGD' },
          ]}
          onChange={(v) => setConfig({ optimizer: v })}
        />
        <NumberField field="learningRate" label="Learning rate" disabled={locked} />
      </div>
      <div className="pair">
        <NumberField field="seed" label="Seed" step="1" disabled={locked} />
        <SelectField<BackendChoice> label="Backend" value={backend} disabled={locked} options={BACKEND_OPTIONS} onChange={(v) => setConfig({ backend: v })} />
      </div>
    </fieldset>
  );
}
