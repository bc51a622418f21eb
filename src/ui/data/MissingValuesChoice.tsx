import { useTranslation } from 'react-i18next';
import type { MissingRule } from '../../engine/data/missing';
import type { MissingPlan } from './missingPlan';

/** Quoted sample texts of a column, e.g. ` ("NaN", "?")`, or nothing. */
function samplesText(samples: readonly string[]): string {
  return samples.length > 0 ? ` (${samples.map((s) => `"${s}"`).join(', ')})` : '';
}

/** Props of the missing-values choice. */
interface MissingValuesChoiceProps {
  plan: MissingPlan;
  labelName: string;
  rule: MissingRule;
  disabled: boolean;
  onChange: (rule: MissingRule) => void;
}

/**
 * The CSV's missing cells per feature column, the rows dropped for an empty label, and the choice for the rest:
 * drop those rows or fill each cell with its column's training-split mean, with exactly how many rows and cells.
 */
export function MissingValuesChoice({ plan, labelName, rule, disabled, onChange }: MissingValuesChoiceProps) {
  const { t } = useTranslation();
  const n = (v: number) => v.toLocaleString('en-US');
  const hasFeatureHoles = plan.columns.length > 0;
  const dropped = plan.emptyLabels + (hasFeatureHoles && rule === 'drop' ? plan.featureRows : 0);
  const kept = plan.total - dropped;
  const outcome = !hasFeatureHoles
    ? t('upload.missingOutcomeLabels', { kept: n(kept), total: n(plan.total), label: n(plan.emptyLabels) })
    : rule === 'drop'
      ? t('upload.missingOutcomeDrop', { kept: n(kept), total: n(plan.total), label: n(plan.emptyLabels), rows: n(plan.featureRows) })
      : t('upload.missingOutcomeFill', { kept: n(kept), total: n(plan.total), label: n(plan.emptyLabels), cells: n(plan.featureCells) });
  return (
    <fieldset className="missing-values">
      <legend>{t('upload.missingTitle')}</legend>
      <ul aria-label={t('upload.missingList')}>
        {plan.columns.map((c) => (
          <li key={c.name}>{t('upload.missingColumn', { column: c.name, empty: n(c.empty), notNumber: n(c.notNumber), samples: samplesText(c.samples) })}</li>
        ))}
        {plan.emptyLabels > 0 ? <li>{t('upload.missingLabel', { column: labelName, n: n(plan.emptyLabels) })}</li> : null}
      </ul>
      {hasFeatureHoles ? (
        <div role="radiogroup" aria-label={t('upload.missingChoice')}>
          <label>
            <input type="radio" name="missing-rule" value="drop" checked={rule === 'drop'} disabled={disabled} onChange={() => onChange('drop')} />
            {t('upload.missingDrop', { rows: n(plan.featureRows) })}
          </label>
          <label>
            <input type="radio" name="missing-rule" value="fill" checked={rule === 'fill'} disabled={disabled} onChange={() => onChange('fill')} />
            {t('upload.missingFill', { cells: n(plan.featureCells) })}
          </label>
        </div>
      ) : null}
      <p role="note">{outcome}</p>
    </fieldset>
  );
}
