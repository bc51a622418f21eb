import { useStudio } from '../../store';

/** In-browser inference latency of teacher and distilled student at batch 1 and 256, and the speed-up. */
export function LatencyTable() {
  const results = useStudio((s) => s.run.results);
  const backend = useStudio((s) => s.run.backend?.name);
  const lat = results?.latency;
  if (!lat) return null;
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
  return (
    <section className="results" aria-label="Inference speed">
      <h2>Inference speed{backend ? ` on ${backend}` : ''}</h2>
      <table>
        <caption>Median latency per batch after a warm-up: the reason distillation exists.</caption>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Teacher</th>
            <th scope="col">Student</th>
            <th scope="col">Speed-up</th>
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
