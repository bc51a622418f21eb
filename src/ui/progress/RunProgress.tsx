import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { progressView } from '../../store/progress';
import { useLiveProgress } from './useLiveProgress';
import { durationText } from './durationText';
import './progress.css';

/** How often the elapsed time and ETA are refreshed while a run trains (ms). */
const TICK_MS = 1000;

/**
 * One progress bar over every phase, seed and sweep point, with elapsed time, the ETA and what the preparation is
 * doing. It renders once per batch of events the store applies, and once a second while a run is live.
 */
export function RunProgress() {
  const { t } = useTranslation('glance');
  const progress = useLiveProgress();
  const [, setTick] = useState(0);
  const live = progress.status === 'preparing' || progress.status === 'training' || progress.status === 'paused';
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [live]);
  if (progress.status === 'idle') return null;
  // Read at render: each render (a new batch, or the tick) shows the figures of that moment.
  const view = progressView(progress, performance.now());
  const percent = Math.round(view.fraction * 100);
  const prep = progress.status === 'preparing' ? progress.preparing : null;
  return (
    <section className="run-progress" aria-label={t('progress.region')}>
      <div className="run-progress-row">
        <div
          className="run-progress-bar"
          role="progressbar"
          aria-label={t('progress.label')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={t('progress.valueText', { percent: String(percent) })}
        >
          <div className="run-progress-fill" style={{ width: `${view.fraction * 100}%` }} />
        </div>
        <span className="run-progress-percent" aria-hidden="true">
          {t('progress.percent', { percent: String(percent) })}
        </span>
      </div>
      <p className="run-progress-times">
        <span>{t('progress.elapsed', { time: durationText(view.elapsedMs) })}</span>{' '}
        <span className="run-progress-eta" data-eta-ms={view.etaMs === null ? '' : String(Math.round(view.etaMs))}>
          {view.etaMs !== null
            ? t('progress.eta', { time: durationText(view.etaMs) })
            : progress.status === 'done'
              ? t('progress.finished')
              : progress.status === 'ended'
                ? ''
                : t('progress.etaPending')}
        </span>{' '}
        {prep ? <span className="run-progress-prep">{prep.what === 'backend' ? t('progress.prepBackend') : t('progress.prepLoading', { what: prep.what, percent: String(Math.round(prep.fraction * 100)) })}</span> : null}
        {progress.status === 'preparing' && !prep ? <span className="run-progress-prep">{t('progress.prepStarting')}</span> : null}
      </p>
    </section>
  );
}
