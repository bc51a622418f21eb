import { useEffect } from 'react';
import { progressView } from '../../store/progress';
import { i18n } from '../i18n';
import { useProgress, type ProgressStore } from './progressStore';

/** The page title with a run's progress in front ("43 % · Distill Studio"), or the plain title when no run trains. */
export function titleFor(s: ProgressStore['progress'], base: string): string {
  if (s.status !== 'preparing' && s.status !== 'training' && s.status !== 'paused') return base;
  const percent = Math.round(progressView(s, 0).fraction * 100);
  return i18n.t('glance:progress.title', { percent: String(percent), title: base });
}

/** Keeps document.title in step with the run's progress (a store subscription: it works in a background tab too). */
export function useTitleProgress(): void {
  useEffect(() => {
    const base = () => i18n.t('app:title');
    const update = () => {
      document.title = titleFor(useProgress.getState().progress, base());
    };
    update();
    const stop = useProgress.subscribe(update);
    i18n.on('languageChanged', update);
    return () => {
      stop();
      i18n.off('languageChanged', update);
    };
  }, []);
}
