import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CompareSummary, CompareVerdict, MethodSummary } from '../../engine/train/compareSummary';
import { armName, settingText } from './compareText';
import { pct, signedPoints } from './format';
import { useCompareSummary } from './useCompareSummary';

/** `mean ± std` of accuracies (fractions) in percent, or a dash before any seed finished. */
function accuracyText(s: { mean: number; std: number; n: number }): string {
  return s.n === 0 ? '—' : `${pct(s.mean)} ± ${(s.std * 100).toFixed(1)}`;
}

/** Where a method's setting came from: its grid read on validation, or a single value. */
function chosenText(m: MethodSummary, t: TFunction<'compare'>): string {
  if (m.chosenBy === 'validation') return t('table.chosenOn', { values: m.grid.map((g) => settingText(m.method, g.value, t)).join(', ') });
  return m.grid.length === 1 && m.grid[0]!.value === null ? t('table.fixed') : t('table.fixedNoValidation');
}

/** The verdict sentence, never naming a winner inside the seed-to-seed spread. */
export function compareVerdictText(v: CompareVerdict, t: TFunction<'compare'>): string {
  switch (v.kind) {
    case 'none':
      return t('verdict.none');
    case 'oneSeed':
      return t('verdict.oneSeed', { best: armName(v.best) });
    case 'winner':
      return t('verdict.winner', { best: armName(v.best) });
    case 'withinSpread':
      return t('verdict.withinSpread', { best: armName(v.best), tied: v.tied.map(armName).join(', ') });
  }
}

/** One row per method (scratch first): the setting chosen on validation, mean ± std test accuracy and the gain over scratch. */
function Rows({ summary, t }: { summary: CompareSummary; t: TFunction<'compare'> }) {
  const { seeds, scratch } = summary;
  return (
    <tbody>
      <tr>
        <th scope="row">{armName('scratch')}</th>
        <td>{t('setting.none')}</td>
        <td>
          {scratch.accuracies.length}/{seeds}
        </td>
        <td>{accuracyText(scratch.accuracy)}</td>
        <td>{t('setting.none')}</td>
      </tr>
      {summary.methods.map((m) => (
        <tr key={m.method}>
          <th scope="row">{armName(m.method)}</th>
          <td>
            {m.grid.length === 0 ? '…' : settingText(m.method, m.value, t)}
            {m.grid.length > 0 ? <span className="hint"> ({chosenText(m, t)})</span> : null}
          </td>
          <td>
            {m.accuracies.length}/{seeds}
          </td>
          <td>{accuracyText(m.accuracy)}</td>
          <td>
            {m.gain.n === 0 ? '—' : `${signedPoints(m.gain.mean)} ± ${m.gain.std.toFixed(1)}`}
            {m.gain.n > 0 ? <span className="hint"> ({t(`table.vsScratch.${m.vsScratch}`)})</span> : null}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** The method comparison's table and verdict; rows fill in as the comparison's trials finish. */
export function CompareMethodsTable() {
  const { t } = useTranslation('compare');
  const summary = useCompareSummary();
  if (!summary) return null;
  return (
    <section className="results" aria-label={t('table.region')}>
      <h2>{t('table.title', { count: summary.seeds })}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('table.method')}</th>
            <th scope="col">{t('table.setting')}</th>
            <th scope="col">{t('table.seedsDone')}</th>
            <th scope="col">{t('table.accuracy')}</th>
            <th scope="col">{t('table.gain')}</th>
          </tr>
        </thead>
        <Rows summary={summary} t={t} />
      </table>
      <p className="verdict" role="status">
        {compareVerdictText(summary.verdict, t)}
      </p>
    </section>
  );
}
