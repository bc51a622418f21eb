import { useEffect } from 'react';
import { useStudio } from '../../store';
import { progressOf, progressView, type RunProgressState } from '../../store/progress';
import { liveRun } from '../../store/runSlice';
import { i18n } from '../i18n';
import { ProgressTitle } from './progressTitle';

/** The page title with a run's progress in front ("43 % · Distill Studio"), or the plain title when no run trains. */
export function titleFor(s: RunProgressState, base: string): string {
  if (s.status !== 'preparing' && s.status !== 'training' && s.status !== 'paused') return base;
  const percent = Math.round(progressView(s, 0).fraction * 100);
  return i18n.t('glance:progress.title', { percent: String(percent), title: base });
}

/**
 * Keeps document.title in step with the live run's progress (a store subscription; the percentage at most once a
 * second, a status change at once; in a hidden tab the bridge applies events on a timer, so the title keeps counting).
 */
export function useTitleProgress(): void {
  useEffect(() => {
    const title = new ProgressTitle(
      () => liveRun(useStudio.getState()),
      (run) => titleFor(progressOf(run), i18n.t('app:title')),
      { get: () => document.title, set: (text) => (document.title = text) },
    );
    const relabel = () => title.relabel();
    relabel();
    const stop = useStudio.subscribe(() => title.update());
    i18n.on('languageChanged', relabel);
    return () => {
      stop();
      title.dispose();
      i18n.off('languageChanged', relabel);
    };
  }, []);
}
