import { useTranslation } from 'react-i18next';
import type { TrialSettings } from '../../engine/train/types';
import { useStudio } from '../../store';
import { pct, signedPoints } from './format';

/** Per-seed accuracies of the two students, the gain and the settings each seed used, with mean ± std over the seeds that may be pooled. */
export function SeedsTable() {
  const { t } = useTranslation();
  const trials = useStudio((s) => s.run.trials);
  const results = useStudio((s) => s.run.results);
  const main = results ? { scratch: results.scratch.accuracy, distilled: results.distilled.accuracy } : null;
  const seedTrials = trials.filter((t) => t.kind === 'seed');
  if (seedTrials.length === 0) return null;
  const summary = results?.seeds;
  const rows: { seed: number; scratch: number; distilled: number; settings?: TrialSettings; teacher?: number }[] = [
    ...(main ? [{ seed: 1, ...main, settings: summary?.settings?.[0], teacher: results?.teacher.accuracy }] : []),
    ...seedTrials.map((t) => ({ seed: t.seed, scratch: t.scratch, distilled: t.distilled, settings: t.settings, teacher: t.teacher })),
  ];
  const perSeedTeacher = seedTrials.some((t) => t.teacher !== undefined);
  const showSettings = rows.some((r) => r.settings);
  const settingsText = (s: TrialSettings | undefined) => {
    if (!s) return '—';
    const values = { t: `T = ${s.temperature}`, alpha: `α = ${s.alpha}` };
    return s.changed ? t('results.settingsChanged', values) : `${values.t}, ${values.alpha}`;
  };
  const pooled = summary?.pooled;
  const total = rows.length;
  return (
    <section className="results" aria-label={t('results.seedsRegion')}>
      <h2>{t('results.seedsTitle', { count: seedTrials[0]!.total })}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('results.seed')}</th>
            {showSettings ? <th scope="col">{t('results.settingsCol')}</th> : null}
            {perSeedTeacher ? <th scope="col">{t('results.seedTeacher')}</th> : null}
            <th scope="col">{t('results.scratchAccuracy')}</th>
            <th scope="col">{t('results.distilledAccuracy')}</th>
            <th scope="col">{t('results.gain')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seed}>
              <th scope="row">{r.seed}</th>
              {showSettings ? <td>{settingsText(r.settings)}</td> : null}
              {perSeedTeacher ? <td>{r.teacher === undefined ? '—' : pct(r.teacher)}</td> : null}
              <td>{pct(r.scratch)}</td>
              <td>{pct(r.distilled)}</td>
              <td>{signedPoints((r.distilled - r.scratch) * 100)}</td>
            </tr>
          ))}
        </tbody>
        {summary && summary.gain.n >= 2 ? (
          <tfoot>
            <tr>
              <th scope="row">{t('results.meanStd')}</th>
              {showSettings ? <td /> : null}
              {perSeedTeacher ? <td /> : null}
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
      {pooled && pooled.length < total ? (
        <p className="hint">{pooled.length >= 2 ? t('results.pooledSome', { seeds: pooled.join(', ') }) : t('results.pooledNone')}</p>
      ) : null}
      {summary?.variance ? <p className="hint">{summary.variance === 'students-and-teacher' ? t('results.varianceTeacher') : t('results.varianceStudents')}</p> : null}
    </section>
  );
}
