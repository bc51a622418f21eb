import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { pct, signedPoints } from './format';

/** Per-seed accuracies of the two students and the gain, with mean ± std: the evidence behind the verdict. */
export function SeedsTable() {
  const { t } = useTranslation();
  const trials = useStudio((s) => s.run.trials);
  const results = useStudio((s) => s.run.results);
  const main = results ? { scratch: results.scratch.accuracy, distilled: results.distilled.accuracy } : null;
  const seedTrials = trials.filter((t) => t.kind === 'seed');
  if (seedTrials.length === 0) return null;
  const rows = [...(main ? [{ seed: 1, ...main }] : []), ...seedTrials.map((t) => ({ seed: t.seed, scratch: t.scratch, distilled: t.distilled }))];
  const summary = results?.seeds;
  return (
    <section className="results" aria-label={t('results.seedsRegion')}>
      <h2>{t('results.seedsTitle', { count: seedTrials[0]!.total })}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('results.seed')}</th>
            <th scope="col">{t('results.scratchAccuracy')}</th>
            <th scope="col">{t('results.distilledAccuracy')}</th>
            <th scope="col">{t('results.gain')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seed}>
              <th scope="row">{r.seed}</th>
              <td>{pct(r.scratch)}</td>
              <td>{pct(r.distilled)}</td>
              <td>{signedPoints((r.distilled - r.scratch) * 100)}</td>
            </tr>
          ))}
        </tbody>
        {summary ? (
          <tfoot>
            <tr>
              <th scope="row">{t('results.meanStd')}</th>
              <td>
                {pct(summary.scratch.mean)} ± {(summary.scratch.std * 100).toFixed(1)}
              </td>
              <td>
                {pct(summary.distilled.mean)} ± {(summary.distilled.std * 100).toFixed(1)}
              </td>
              <td>
                {signedPoints(summary.gain.mean)} ± {summary.gain.std.toFixed(1)}
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}
