import { DATASET_IDS, DATASETS, type DatasetId } from '../../engine/data/registry';
import { useStudio } from '../../store';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

/** Dataset picker and the generator settings of toy sets. */
export function DataControls({ locked }: { locked: boolean }) {
  const dataset = useStudio((s) => s.config.dataset);
  const setConfig = useStudio((s) => s.setConfig);
  return (
    <fieldset>
      <legend>Data</legend>
      <SelectField<DatasetId>
        label="Dataset"
        value={dataset}
        disabled={locked}
        options={DATASET_IDS.map((id) => ({ value: id, label: DATASETS[id].name }))}
        onChange={(v) => setConfig({ dataset: v })}
      >
        {DATASETS[dataset].toy ? null : <p className="hint">{DATASETS[dataset].classNames.length} classes · 28×28 grey images, loaded from this site with a progress bar.</p>}
      </SelectField>
      {DATASETS[dataset].toy ? (
        <div className="pair">
          <NumberField field="samples" label="Samples" step="50" disabled={locked} />
          <NumberField field="noise" label="Noise" step="0.01" disabled={locked} />
        </div>
      ) : null}
    </fieldset>
  );
}
