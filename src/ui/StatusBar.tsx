import { PHASE_NAMES } from '../engine/train/errors';
import { useStudio } from '../store';
import type { RunState } from '../store/runState';
import type { BackendInfo } from '../worker/protocol';
import { i18n } from './i18n';
import { BackendSwitchNotes } from './survive/BackendSwitchNotes';

/** One line describing the run: phase, epoch, backend. */
function describe(run: RunState, prepared: BackendInfo | null): string {
  const backend = run.backend ? ` · backend: ${run.backend.name}` : '';
  const where = run.phase
    ? run.context
      ? `${PHASE_NAMES[run.phase]} (${run.context})`
      : `${PHASE_NAMES[run.phase]}, epoch ${Math.min(run.epoch + 1, run.epochs)} of ${run.epochs}`
    : '';
  switch (run.status) {
    case 'idle':
      return `Ready${prepared ? ` · backend: ${prepared.name}` : ''}. Press Start to train the teacher, the scratch student and the distilled student.`;
    case 'preparing':
      return run.loading ? `Preparing: ${run.loading.what === 'backend' ? 'choosing a backend' : `loading ${run.loading.what}`}…` : 'Preparing…';
    case 'running':
      return `Running ${where}${backend}`;
    case 'paused':
      return `Paused during ${where || 'preparation'}${backend}`;
    case 'halted':
      return i18n.t('survive:statusHalted', { where: where || PHASE_NAMES.teacher, backend });
    case 'done':
      return `Done${backend}`;
    case 'stopped':
      return `Stopped${run.phase ? ` during ${PHASE_NAMES[run.phase]}` : ''}${backend}`;
    case 'failed':
      return `Failed${run.phase ? ` during ${PHASE_NAMES[run.phase]}` : ''}${backend}`;
  }
}

/** The live region announcing the run's phase and the active backend, plus the backend's reason and progress. */
export function StatusBar() {
  const run = useStudio((s) => s.run);
  const notice = useStudio((s) => s.notice);
  const prepared = useStudio((s) => s.prepared);
  const shown = run.backend ?? (run.status === 'idle' ? (prepared?.info ?? null) : null);
  return (
    <section className="status-area" aria-label="Run status">
      <p role="status" aria-live="polite" className="status">
        {describe(run, prepared?.info ?? null)}
      </p>
      {run.status === 'preparing' && run.loading ? (
        <progress aria-label={`Loading ${run.loading.what}`} max={1} value={run.loading.fraction} />
      ) : null}
      {shown ? (
        <div className="backend-note">
          <p>
            <strong>Backend {shown.name}</strong>: {shown.reason}
          </p>
          {shown.notes.length > 0 ? (
            <ul>
              {shown.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <BackendSwitchNotes />
      {run.status === 'idle' && prepared?.message ? (
        <p role="alert" className="error">
          Choosing a backend failed: {prepared.message}
        </p>
      ) : null}
      {run.error ? (
        <p role="alert" className="error">
          {run.error.message}
        </p>
      ) : null}
      {notice ? (
        <p role="alert" className="error">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
