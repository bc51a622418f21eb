import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import type { ModelResult } from '../../engine/train/types';
import { pct, seconds } from './format';
import { resultRows } from './resultRows';
import { verdictOf } from './verdict';

/** The three-way comparison: teacher (or ensemble, and assistant), student from scratch and distilled student, plus a plain verdict. */
export function ResultsTable() {
  const { t } = useTranslation();
  const results = useStudio((s) => s.run.results);
  if (!results) return null;
  const rows: [string, ModelResult][] = resultRows(results, t);
  const verdict = verdictOf(results);
  const hasVal = rows.some(([, r]) => typeof r.valAccuracy === 'number');
  const validationCount = results.trainCounts.validation ?? 0;
  // Focusable: on a phone the table scrolls sideways, and keyboard users must be able to scroll it.
  return (
    <section className="results" aria-label={t('results.region')} tabIndex={0}>
      <h2>{t('results.region')}</h2>
      <p className="verdict" aria-label={t('results.verdictLabel')}>
        <strong>{verdict.headline}</strong>
        <br />
        <span className="qualifier">{verdict.qualifier}</span>
      </p>
      <p className="hint">
        {t('results.trainCounts', { teacher: results.trainCounts.teacher.toLocaleString('en-US'), students: results.trainCounts.students.toLocaleString('en-US') })}
        {validationCount > 0 ? ` ${t('results.validationCount', { validation: validationCount.toLocaleString('en-US') })}` : null}
      </p>
      {hasVal ? <p className="hint">{t('results.finalFigure')}</p> : null}
      <table>
        <caption>{t('results.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.model')}</th>
            <th scope="col">{t('results.parameters')}</th>
            <th scope="col">{t('results.accuracy')}</th>
            {hasVal ? <th scope="col">{t('results.valAccuracy')}</th> : null}
            <th scope="col">{t('results.loss')}</th>
            <th scope="col">{t('results.agreement')}</th>
            <th scope="col">{t('results.ece')}</th>
            <th scope="col">{t('results.time')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, r]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{r.params.toLocaleString('en-US')}</td>
              <td>{pct(r.accuracy)}</td>
              {hasVal ? <td>{typeof r.valAccuracy === 'number' ? pct(r.valAccuracy) : '—'}</td> : null}
              <td>{r.loss.toFixed(4)}</td>
              <td>{r.agreement === null ? '—' : pct(r.agreement)}</td>
              <td>{r.ece.toFixed(3)}</td>
              <td>{seconds(r.trainMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
