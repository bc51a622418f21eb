import { useStudio } from '../../store';
import { pct, signedPoints } from './format';

/** Per-seed accuracies of the two students and the gain, with mean ± std: the evidence behind the verdict. */
export function SeedsTable() {
  const trials = useStudio((s) => s.run.trials);
  const results = useStudio((s) => s.run.results);
  const main = results ? { scratch: results.scratch.accuracy, distilled: results.distilled.accuracy } : null;
  const seedTrials = trials.filter((t) => t.kind === 'seed');
  if (seedTrials.length === 0) return null;
  const rows = [...(main ? [{ seed: 1, ...main }] : []), ...seedTrials.map((t) => ({ seed: t.seed, scratch: t.scratch, distilled: t.distilled }))];
  const summary = results?.seeds;
  return (
    <section className="results" aria-label="Seeds">
      <h2>Repeated with {seedTrials[0]!.total} seeds</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Seed</th>
            <th scope="col">Scratch accuracy</th>
            <th scope="col">Distilled accuracy</th>
            <th scope="col">Gain (points)</th>
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
              <th scope="row">Mean ± std</th>
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
