import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { useConfigFields } from '../useSettledConfig';
import { NumberField } from './NumberField';

/** DKD's weights α_DKD (target class) and β_DKD (other classes) and its warm-up, shown when DKD is the soft term. */
export function DkdControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const softTerm = useStudio((s) => s.config.softTerm);
  if (softTerm !== 'dkd') return null;
  return (
    <>
      <NumberField field="dkdAlpha" label={t('methods.dkdAlpha')} disabled={locked} />
      <NumberField field="dkdBeta" label={t('methods.dkdBeta')} disabled={locked} />
      <NumberField field="dkdWarmup" label={t('methods.dkdWarmup')} step="1" disabled={locked} />
      <p className="hint">{t('methods.dkdHint')}</p>
    </>
  );
}

/** The logit-standardisation switch (KL and DKD only; hidden for MSE on logits). */
export function StandardizeControl({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { softTerm, logitStandardize } = useConfigFields('softTerm', 'logitStandardize');
  const setConfig = useStudio((s) => s.setConfig);
  if (softTerm === 'mse') return null;
  return (
    <label className="check">
      <input type="checkbox" checked={logitStandardize} disabled={locked} onChange={(e) => setConfig({ logitStandardize: e.currentTarget.checked })} />
      {t('methods.standardize')}
    </label>
  );
}
