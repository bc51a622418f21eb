import { useTranslation } from 'react-i18next';
import { compareRows, diffSettings } from '../../store/history/compare';
import type { HistoryRecord } from '../../store/history/records';
import { pct, signedPoints } from '../results/format';
import { CompareChart } from './CompareChart';

/** Two saved runs side by side: the settings that differ, their results, and their accuracy curves together. */
export function ComparePanel({ a, b, onClose }: { a: HistoryRecord; b: HistoryRecord; onClose: () => void }) {
  const { t } = useTranslation('history');
  const diffs = diffSettings(a.config, b.config);
  const metrics: [string, string, string][] = [
    [t('compare.distilledAccuracy'), pct(a.results.distilled.accuracy), pct(b.results.distilled.accuracy)],
    [t('compare.scratchAccuracy'), pct(a.results.scratch.accuracy), pct(b.results.scratch.accuracy)],
    [t('compare.teacherAccuracy'), pct(a.results.teacher.accuracy), pct(b.results.teacher.accuracy)],
    [t('compare.gain'), signedPoints(a.results.gainPoints), signedPoints(b.results.gainPoints)],
  ];
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">
          {t('compare.runA')}: {a.name}
        </th>
        <th scope="col">
          {t('compare.runB')}: {b.name}
        </th>
      </tr>
    </thead>
  );
  return (
    <section className="history-compare" aria-labelledby="history-compare-heading">
      <div className="history-compare-head">
        <h3 id="history-compare-heading">{t('compare.heading')}</h3>
        <button type="button" className="small" onClick={onClose}>
          {t('compare.close')}
        </button>
      </div>
      {diffs.length === 0 ? (
        <p>{t('compare.sameSettings')}</p>
      ) : (
        <table>
          <caption>{t('compare.settingsCaption')}</caption>
          {head(t('compare.setting'))}
          <tbody>
            {diffs.map((d) => (
              <tr key={d.path}>
                <th scope="row">{d.path}</th>
                <td>{d.a}</td>
                <td>{d.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table>
        <caption>{t('compare.metricsCaption')}</caption>
        {head(t('compare.metric'))}
        <tbody>
          {metrics.map(([label, va, vb]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{va}</td>
              <td>{vb}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CompareChart rows={compareRows(a, b)} />
    </section>
  );
}
