import { useStudio } from '../../store';
import type { ModelResult } from '../../engine/train/types';
import { pct, seconds } from './format';
import { verdictOf } from './verdict';

/** The three-way comparison: teacher, student from scratch and distilled student, plus a plain verdict. */
export function ResultsTable() {
  const results = useStudio((s) => s.run.results);
  if (!results) return null;
  const rows: [string, ModelResult][] = [
    ['Teacher', results.teacher],
    ['Student from scratch', results.scratch],
    ['Distilled student', results.distilled],
  ];
  const verdict = verdictOf(results);
  return (
    <section className="results" aria-label="Results">
      <h2>Results</h2>
      <p className="verdict" aria-label="Verdict">
        <strong>{verdict.headline}</strong>
        <br />
        <span className="qualifier">{verdict.qualifier}</span>
      </p>
      <p className="hint">
        The teacher trained on {results.trainCounts.teacher.toLocaleString('en-US')} examples; each student on {results.trainCounts.students.toLocaleString('en-US')}.
      </p>
      <table>
        <caption>
          Test-set metrics of the main run (same data, same seed, same student initial weights). ECE: expected calibration error, 15 bins.
          Training time includes each phase's evaluation; distillation's extra cost is the teacher's training.
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Parameters</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">Test loss</th>
            <th scope="col">Agreement with teacher</th>
            <th scope="col">ECE</th>
            <th scope="col">Training time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, r]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{r.params.toLocaleString('en-US')}</td>
              <td>{pct(r.accuracy)}</td>
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
