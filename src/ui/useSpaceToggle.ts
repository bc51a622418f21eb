import { useEffect } from 'react';
import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { studioWorker } from './bridge/studioWorker';

/** True when keyboard focus is somewhere Space already means something (fields, buttons, editable text). */
function spaceBelongsToFocus(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(target.tagName);
}

/** Space starts a run, or pauses / resumes the current one, when focus is not in a control. */
export function useSpaceToggle(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || e.ctrlKey || e.metaKey || e.altKey || spaceBelongsToFocus(e.target)) return;
      e.preventDefault();
      const { run, fieldErrors } = useStudio.getState();
      if (isFinished(run.status)) {
        if (Object.keys(fieldErrors).length === 0) studioWorker.start();
      } else if (run.status === 'paused') studioWorker.resume();
      else studioWorker.pause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
