import { useTranslation } from 'react-i18next';
import { DATASET_IDS, DATASETS, type DatasetId } from '../../engine/data/registry';
import { useStudio } from '../../store';
import { UploadPanel } from '../data/UploadPanel';
import { datasetLabel } from '../i18n/labels';
import { Hideable } from '../share/Hideable';
import { NumberField } from './NumberField';
import { RecipePicker } from './RecipePicker';
import { SelectField } from './SelectField';
import { RECIPES } from '../../store/recipes';

/** Menu value of "Your data" in the Dataset menu. */
const USER_DATA = 'user';

/** Dataset picker (built-in sets or the user's own files) and the generator settings of toy sets. */
export function DataControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const dataset = useStudio((s) => s.config.dataset);
  const useUpload = useStudio((s) => s.upload.useUpload);
  const chooseUpload = useStudio((s) => s.chooseUpload);
  const chooseBuiltIn = useStudio((s) => s.chooseBuiltIn);
  const isTable = useStudio((s) => s.upload.useUpload && s.upload.meta?.inputShape.length === 1);
  const standardize = useStudio((s) => s.config.standardize);
  const setConfig = useStudio((s) => s.setConfig);
  const recipes = RECIPES[dataset];
  return (
    <fieldset>
      <legend>{t('data.legend')}</legend>
      <Hideable id="dataset">
        <SelectField<DatasetId | typeof USER_DATA>
          label={t('data.dataset')}
          value={useUpload ? USER_DATA : dataset}
          disabled={locked}
          options={[...DATASET_IDS.map((id) => ({ value: id, label: datasetLabel(id, DATASETS[id].name) })), { value: USER_DATA, label: t('data.yourData') }]}
          onChange={(v) => (v === USER_DATA ? chooseUpload() : chooseBuiltIn(v))}
        >
          {useUpload || DATASETS[dataset].toy ? null : <p className="hint">{t('data.imageHint', { count: DATASETS[dataset].classNames.length })}</p>}
        </SelectField>
      </Hideable>
      {useUpload ? <UploadPanel locked={locked} /> : null}
      {isTable ? (
        <Hideable id="standardize">
          <label className="check">
            <input type="checkbox" checked={standardize} disabled={locked} onChange={(e) => setConfig({ standardize: e.currentTarget.checked })} />
            {t('data.standardize')}
          </label>
          <p className="hint">{t('data.standardizeHint')}</p>
        </Hideable>
      ) : null}
      {!useUpload && recipes ? (
        <Hideable id="recipe">
          <RecipePicker recipes={recipes} locked={locked} />
        </Hideable>
      ) : null}
      {!useUpload && DATASETS[dataset].toy ? (
        <div className="pair">
          <Hideable id="samples">
            <NumberField field="samples" label={t('data.samples')} step="50" disabled={locked} />
          </Hideable>
          <Hideable id="noise">
            <NumberField field="noise" label={t('data.noise')} step="0.01" disabled={locked} />
          </Hideable>
        </div>
      ) : null}
      <Hideable id="val">
        <NumberField field="validationFraction" label={t('data.validation')} step="0.05" disabled={locked} />
        <p className="hint">{t('data.validationHint')}</p>
      </Hideable>
    </fieldset>
  );
}
