import { useEffect } from 'react';
import { useStudio } from '../../store';
import { progressOf, progressView, type RunProgressState } from '../../store/progress';
import { liveRun } from '../../store/runSlice';
import type { RunState } from '../../store/runState';
import { i18n } from '../i18n';

/** The page title with a run's progress in front ("43 % · Distill Studio"), or the plain title when no run trains. */
export function titleFor(s: RunProgressState, base: string): string {
  if (s.status !== 'preparing' && s.status !== 'training' && s.status !== 'paused') return base;
  const percent = Math.round(progressView(s, 0).fraction * 100);
  return i18n.t('glance:progress.title', { percent: String(percent), title: base });
}

/**
 * Keeps document.title in step with the live run's progress (a store subscription, only when the live run changes; in a
 * hidden tab the bridge applies events on a timer instead of frames, so the title keeps counting).
 */
export function useTitleProgress(): void {
  useEffect(() => {
    let shown: RunState | null = null;
    const write = (run: RunState) => {
      shown = run;
      // Assigned only when the text changes: each assignment replaces the title element's text and tells the browser.
      const title = titleFor(progressOf(run), i18n.t('app:title'));
      if (title !== document.title) document.title = title;
    };
    const update = () => {
      const run = liveRun(useStudio.getState());
      if (run !== shown) write(run);
    };
    const relabel = () => write(liveRun(useStudio.getState()));
    relabel();
    const stop = useStudio.subscribe(update);
    i18n.on('languageChanged', relabel);
    return () => {
      stop();
      i18n.off('languageChanged', relabel);
    };
  }, []);
}
