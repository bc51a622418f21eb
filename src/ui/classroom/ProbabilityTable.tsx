import { useTranslation } from 'react-i18next';
import type { Phase } from '../../engine/train/types';
import { classLabel, MODEL_COLORS, pctNumber } from './format';

/** One model's column: its name and probabilities per class. */
export interface ProbColumn {
  phase: Phase;
  probs: number[];
}

/** Class probabilities of one example as a table of bars: one row per class, one column per model; the true class is marked in words. */
export function ProbabilityTable({ caption, columns, classNames, trueClass }: { caption: string; columns: ProbColumn[]; classNames: string[]; trueClass: number }) {
  const { t } = useTranslation('classroom');
  return (
    <table className="prob-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('explorer.classColumn')}</th>
          {columns.map((c) => (
            <th scope="col" key={c.phase}>
              {t(`models.${c.phase}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {classNames.map((_, k) => (
          <tr key={k} className={k === trueClass ? 'true-class' : undefined}>
            <th scope="row">
              {classLabel(classNames, k)}
              {k === trueClass ? <> ✓ {t('explorer.trueMark')}</> : null}
            </th>
            {columns.map((c) => {
              const p = c.probs[k] ?? 0;
              return (
                <td key={c.phase} className="prob-cell">
                  <span className="prob-bar" aria-hidden="true">
                    <span style={{ width: `${(p * 100).toFixed(2)}%`, background: MODEL_COLORS[c.phase] }} />
                  </span>
                  <span className="prob-value">{t('percent', { value: pctNumber(p) })}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
