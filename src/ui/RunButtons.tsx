import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { studioWorker } from './bridge/studioWorker';

/** Start, Pause/Resume, Stop and Download student. */
export function RunButtons() {
  const status = useStudio((s) => s.run.status);
  const invalid = useStudio((s) => Object.keys(s.fieldErrors).length > 0);
  const finished = isFinished(status);
  return (
    <div className="buttons">
      <button type="button" className="primary" disabled={!finished || invalid} onClick={() => studioWorker.start()}>
        Start
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={() => studioWorker.resume()}>
          Resume
        </button>
      ) : (
        <button type="button" disabled={finished} onClick={() => studioWorker.pause()}>
          Pause
        </button>
      )}
      <button type="button" disabled={finished} onClick={() => studioWorker.stop()}>
        Stop
      </button>
      <button type="button" disabled={status !== 'done'} onClick={() => studioWorker.exportStudent()}>
        Download student
      </button>
      {invalid ? <p className="field-error">Fix the highlighted fields to start.</p> : null}
    </div>
  );
}
