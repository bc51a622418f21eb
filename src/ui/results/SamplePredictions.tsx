import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';

/** The distilled student's probabilities on the first test examples: what a downloaded model must reproduce. */
export function SamplePredictions() {
  const { t } = useTranslation();
  const samples = useStudio((s) => s.run.results?.samples);
  if (!samples || samples.length === 0 || samples[0]!.input.length === 0) return null;
  const dims = samples[0]!.input.length;
  return (
    <section className="samples" aria-label={t('results.predictionsRegion')} tabIndex={0}>
      <h2>{t('results.predictionsTitle')}</h2>
      <table>
        <caption>{t('results.predictionsCaption', { count: samples.length })}</caption>
        <thead>
          <tr>
            {Array.from({ length: dims }, (_, d) => (
              <th scope="col" key={d}>
                x{d + 1}
              </th>
            ))}
            <th scope="col">{t('results.trueClass')}</th>
            <th scope="col">{t('results.predicted')}</th>
            <th scope="col">{t('results.probabilities')}</th>
          </tr>
        </thead>
        <tbody>
          {samples.map((s, i) => {
            const pred = s.studentProbs.indexOf(Math.max(...s.studentProbs));
            return (
              <tr key={i}>
                {s.input.map((v, d) => (
                  <td key={d}>{v.toPrecision(7)}</td>
                ))}
                <td>{s.label}</td>
                <td>{pred}</td>
                <td>{s.studentProbs.map((p) => p.toFixed(4)).join(' ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
