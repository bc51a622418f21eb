import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStudio } from '../store';
import type { RunState } from '../store/runState';
import type { BackendInfo } from '../worker/protocol';
import { describeBackend, describeThreads } from './backendText';
import { describeContext } from './phaseContextText';
import { describeRunMessage } from './runMessageText';
import { i18n } from './i18n';
import { BackendSwitchNotes } from './survive/BackendSwitchNotes';

/** What the idle studio knows of its backend: chosen (`info`), failed to start (`message`), or not chosen yet (null). */
type Prepared = { info: BackendInfo | null; message: string | null } | null;

/** The idle line: "Ready" only once the worker has started the backend a run will use (files picked earlier wait for it). */
function describeIdle(t: TFunction<'app'>, prepared: Prepared, invalid: boolean): string {
  if (prepared?.info) return t('status.ready', { backend: t('status.backendSuffix', { name: prepared.info.name }) });
  if (prepared?.message) return t('status.notReady');
  return invalid ? t('status.waitingForFields') : t('status.startingBackend');
}

/** Where the run is: its phase and epoch (or its context); a loaded teacher is only evaluated, so it has no epochs to count. */
function describeWhere(t: TFunction<'app'>, run: StatusRun, phase: string): string {
  if (!run.phase) return '';
  if (run.phase === 'teacher' && run.loadedTeacher) return t('phase.loadedTeacher');
  if (run.context) return t('status.whereContext', { phase, detail: describeContext(run.context, t) });
  return t('status.whereEpoch', { phase, epoch: String(Math.min(run.epoch + 1, run.epochs)), epochs: String(run.epochs) });
}

/** The parts of the run the status line shows (the bar re-renders only when one of them changes, not on every metrics batch). */
type StatusRun = Pick<RunState, 'status' | 'phase' | 'context' | 'epoch' | 'epochs' | 'loading' | 'backend' | 'error'> & { loadedTeacher: boolean };

/** Selects the status line's parts of the run. */
function statusRun({ run }: { run: RunState }): StatusRun {
  return { status: run.status, phase: run.phase, context: run.context, epoch: run.epoch, epochs: run.epochs, loading: run.loading, backend: run.backend, error: run.error, loadedTeacher: Boolean(run.config?.pretrainedTeacher) };
}

/** One line describing the run: phase, epoch, backend. */
function describe(t: TFunction<'app'>, run: StatusRun, prepared: Prepared, invalid: boolean): string {
  const backend = run.backend ? t('status.backendSuffix', { name: run.backend.name }) : '';
  const phase = run.phase ? t(`phase.${run.phase}`) : '';
  const where = describeWhere(t, run, phase);
  switch (run.status) {
    case 'idle':
      return describeIdle(t, prepared, invalid);
    case 'preparing':
      return run.loading
        ? run.loading.what === 'backend'
          ? t('status.preparingBackend')
          : run.loading.what === 'onnxTeacher'
            ? t('status.preparingOnnxTeacher', { percent: String(Math.round(run.loading.fraction * 100)) })
            : t('status.preparingLoading', { what: run.loading.what })
        : t('status.preparing');
    case 'running':
      return t('status.running', { where, backend });
    case 'paused':
      return t('status.paused', { where: where || t('status.preparation'), backend });
    case 'halted':
      return i18n.t('survive:statusHalted', { where: where || t('phase.teacher'), backend });
    case 'done':
      return t('status.done', { backend });
    case 'stopped':
      return run.phase ? t('status.stoppedDuring', { phase, backend }) : t('status.stopped', { backend });
    case 'failed':
      return run.phase ? t('status.failedDuring', { phase, backend }) : t('status.failed', { backend });
  }
}

/** The live region announcing the run's phase and the active backend, plus the backend's reason and progress. */
export function StatusBar() {
  const { t } = useTranslation();
  const run = useStudio(useShallow(statusRun));
  const notice = useStudio((s) => s.notice);
  const prepared = useStudio((s) => s.prepared);
  const invalid = useStudio((s) => Object.keys(s.fieldErrors).length > 0);
  const shownInfo = run.backend ?? (run.status === 'idle' ? (prepared?.info ?? null) : null);
  const shown = shownInfo ? { name: shownInfo.name, threads: describeThreads(shownInfo, t), ...describeBackend(shownInfo, t) } : null;
  return (
    <section className="status-area" aria-label={t('status.region')}>
      <p role="status" aria-live="polite" className="status">
        {describe(t, run, prepared, invalid)}
      </p>
      {run.status === 'preparing' && run.loading ? (
        <progress aria-label={run.loading.what === 'onnxTeacher' ? t('status.onnxTeacherProgress') : t('status.loading', { what: run.loading.what })} max={1} value={run.loading.fraction} />
      ) : null}
      {shown ? (
        <div className="backend-note">
          <p>
            <strong>{t('status.backendName', { name: shown.name })}</strong>
            {shown.threads}
            {t('backendReason.separator')}
            {shown.reason}
          </p>
          {shown.notes.length > 0 ? (
            // Folded, so the notes never push the charts below the fold on a projector; their text stays in the page.
            <details className="backend-notes">
              <summary>{t('status.backendNotes', { count: shown.notes.length })}</summary>
              <ul>
                {shown.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      <BackendSwitchNotes />
      {run.status === 'idle' && prepared?.message ? (
        <p role="alert" className="error">
          {t('status.prepareFailed', { message: prepared.message })}
        </p>
      ) : null}
      {run.error ? (
        <p role="alert" className="error">
          {describeRunMessage(run.error.message, t)}
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
