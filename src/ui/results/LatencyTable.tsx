import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';

/** In-browser inference latency of teacher and distilled student at batch 1 and 256, and the speed-up. */
export function LatencyTable() {
  const { t } = useTranslation();
  const results = useStudio((s) => s.run.results);
  const backend = useStudio((s) => s.run.backend?.name);
  const lat = results?.latency;
  if (!lat) return null;
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
  return (
    <section className="results" aria-label={t('results.speedRegion')}>
      <h2>{backend ? t('results.speedTitleOn', { backend }) : t('results.speedTitle')}</h2>
      <table>
        <caption>{t('results.speedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.batch')}</th>
            <th scope="col">{t('models.teacher')}</th>
            <th scope="col">{t('models.student')}</th>
            <th scope="col">{t('results.speedUp')}</th>
          </tr>
        </thead>
        <tbody>
          {lat.teacher.map((t, i) => {
            const s = lat.student[i]!;
            return (
              <tr key={t.batch}>
                <th scope="row">{t.batch}</th>
                <td>{ms(t.medianMs)} ms</td>
                <td>{ms(s.medianMs)} ms</td>
                <td>{(t.medianMs / s.medianMs).toFixed(1)}×</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
