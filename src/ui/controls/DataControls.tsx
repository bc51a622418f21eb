import { DATASET_IDS, DATASETS, type DatasetId } from '../../engine/data/registry';
import { useStudio } from '../../store';
import { UploadPanel } from '../data/UploadPanel';
import { NumberField } from './NumberField';
import { RecipePicker } from './RecipePicker';
import { SelectField } from './SelectField';
import { RECIPES } from '../../store/recipes';

/** Menu value of "Your data" in the Dataset menu. */
const USER_DATA = 'user';

/** Dataset picker (built-in sets or the user's own files) and the generator settings of toy sets. */
export function DataControls({ locked }: { locked: boolean }) {
  const dataset = useStudio((s) => s.config.dataset);
  const useUpload = useStudio((s) => s.upload.useUpload);
  const chooseUpload = useStudio((s) => s.chooseUpload);
  const chooseBuiltIn = useStudio((s) => s.chooseBuiltIn);
  const recipes = RECIPES[dataset];
  return (
    <fieldset>
      <legend>Data</legend>
      <SelectField<DatasetId | typeof USER_DATA>
        label="Dataset"
        value={useUpload ? USER_DATA : dataset}
        disabled={locked}
        options={[...DATASET_IDS.map((id) => ({ value: id, label: DATASETS[id].name })), { value: USER_DATA, label: 'Your data (CSV or idx)…' }]}
        onChange={(v) => (v === USER_DATA ? chooseUpload() : chooseBuiltIn(v))}
      >
        {useUpload || DATASETS[dataset].toy ? null : <p className="hint">{DATASETS[dataset].classNames.length} classes · 28×28 grey images, loaded from this site with a progress bar.</p>}
      </SelectField>
      {useUpload ? <UploadPanel locked={locked} /> : null}
      {!useUpload && recipes ? <RecipePicker recipes={recipes} locked={locked} /> : null}
      {!useUpload && DATASETS[dataset].toy ? (
        <div className="pair">
          <NumberField field="samples" label="Samples" step="50" disabled={locked} />
          <NumberField field="noise" label="Noise" step="0.01" disabled={locked} />
        </div>
      ) : null}
    </fieldset>
  );
}
