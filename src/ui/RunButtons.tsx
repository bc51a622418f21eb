import { useTranslation } from 'react-i18next';
import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { studioWorker } from './bridge/studioWorker';

/** Start, Pause/Resume, Stop and Download student. */
export function RunButtons() {
  const { t } = useTranslation();
  const status = useStudio((s) => s.run.status);
  // A saved run being viewed has no student in the worker: its History row has its own Download student.
  const viewing = useStudio((s) => s.viewing !== null);
  const invalid = useStudio((s) => Object.keys(s.fieldErrors).length > 0);
  const finished = isFinished(status);
  return (
    <div className="buttons">
      <button type="button" className="primary" disabled={!finished || invalid} onClick={() => studioWorker.start()}>
        {t('run.start')}
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={() => studioWorker.resume()}>
          {t('run.resume')}
        </button>
      ) : (
        <button type="button" disabled={finished} onClick={() => studioWorker.pause()}>
          {t('run.pause')}
        </button>
      )}
      <button type="button" disabled={finished} onClick={() => studioWorker.stop()}>
        {t('run.stop')}
      </button>
      <button type="button" disabled={status !== 'done' || viewing} onClick={() => studioWorker.exportStudent()}>
        {t('run.download')}
      </button>
      {invalid ? <p className="field-error">{t('run.fixFields')}</p> : null}
    </div>
  );
}
