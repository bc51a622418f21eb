import { useTranslation } from 'react-i18next';
import type { OptimizerName } from '../../engine/train/types';
import { useStudio } from '../../store';
import type { BackendChoice } from '../../worker/protocol';
import { Hideable } from '../share/Hideable';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

/** Epochs, batch size, optimiser, learning rate, seed and backend. */
export function TrainingControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const optimizer = useStudio((s) => s.config.optimizer);
  const backend = useStudio((s) => s.config.backend);
  const setConfig = useStudio((s) => s.setConfig);
  const backendOptions: { value: BackendChoice; label: string }[] = [
    { value: 'auto', label: t('training.auto') },
    { value: 'webgpu', label: 'WebGPU' },
    { value: 'webgl', label: 'WebGL' },
    { value: 'wasm', label: 'WASM' },
    { value: 'cpu', label: 'CPU' },
  ];
  return (
    <fieldset>
      <legend>{t('training.legend')}</legend>
      <div className="pair">
        <Hideable id="epochs">
          <NumberField field="epochs" label={t('training.epochs')} step="1" disabled={locked} />
        </Hideable>
        <Hideable id="batch">
          <NumberField field="batchSize" label={t('training.batchSize')} step="1" disabled={locked} />
        </Hideable>
      </div>
      <div className="pair">
        <Hideable id="opt">
          <SelectField<OptimizerName>
            label={t('training.optimizer')}
            value={optimizer}
            disabled={locked}
            options={[
              { value: 'adam', label: t('training.adam') },
              { value: 'sgd', label: t('training.sgd') },
            ]}
            onChange={(v) => setConfig({ optimizer: v })}
          />
        </Hideable>
        <Hideable id="lr">
          <NumberField field="learningRate" label={t('training.learningRate')} disabled={locked} />
        </Hideable>
      </div>
      <div className="pair">
        <Hideable id="seed">
          <NumberField field="seed" label={t('training.seed')} step="1" disabled={locked} />
        </Hideable>
        <Hideable id="backend">
          <SelectField<BackendChoice> label={t('training.backend')} value={backend} disabled={locked} options={backendOptions} onChange={(v) => setConfig({ backend: v })} />
        </Hideable>
      </div>
    </fieldset>
  );
}
