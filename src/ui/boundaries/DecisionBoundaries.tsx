import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, type Phase } from '../../engine/train/types';
import { useStudio } from '../../store';
import type { BoundaryFrame } from '../../store/boundarySlice';
import { CLASS_COLORS } from '../palette';
import { BoundaryCanvas, MAP_SIZE } from './BoundaryCanvas';
import { classShares } from './paintGrid';
import { runToyParams, useToyPoints } from '../dataview/useToyPoints';
import './boundaries.css';

/** Teacher, scratch student and distilled student decision boundaries side by side, updated every epoch (2-D sets only). */
export function DecisionBoundaries() {
  const { t } = useTranslation('lessons');
  const headingId = useId();
  const runId = useStudio((s) => s.run.id);
  const config = useStudio((s) => s.run.config);
  const summary = useStudio((s) => s.run.dataset);
  const boundaries = useStudio((s) => s.boundaries);
  const focused = useStudio((s) => s.lessonFocus === 'boundaries');
  const data = useToyPoints(runToyParams(config));
  const frames = boundaries.runId === runId ? boundaries.frames : {};
  const first = PHASES.map((p) => frames[p]).find((f): f is BoundaryFrame => f !== undefined);
  if (!first) return null;
  // Class names from the run's dataset summary (built-in sets and uploads alike); points only for built-in toy sets.
  const numClasses = summary?.numClasses ?? data?.numClasses ?? 1 + Math.max(...first.classes);
  const classNames = summary?.classNames ?? data?.classNames ?? Array.from({ length: numClasses }, (_, k) => String(k));
  const model = (p: Phase) => t(`boundaries.${p}`);
  const describe = (p: Phase, f: BoundaryFrame) => {
    const shares = classShares(f, numClasses)
      .map((s, k) => t('boundaries.share', { name: classNames[k] ?? String(k), percent: String(Math.round(s * 100)) }))
      .join(', ');
    return t('boundaries.description', { model: model(p), epoch: String(f.epoch), shares, points: String(data?.test.count ?? 0) });
  };
  return (
    <section className={`chart boundaries${focused ? ' lesson-focus' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('boundaries.heading')}</h2>
      <p className="hint">{t('boundaries.note')}</p>
      <div className="boundary-maps">
        {PHASES.map((p) => {
          const f = frames[p];
          return (
            <figure key={p} className="boundary-map">
              {f ? (
                <BoundaryCanvas frame={f} numClasses={numClasses} points={data?.test ?? null} label={describe(p, f)} />
              ) : (
                <div className="boundary-empty" role="img" aria-label={t('boundaries.empty', { model: model(p) })} style={{ width: MAP_SIZE, height: MAP_SIZE }} />
              )}
              <figcaption>{f ? t('boundaries.caption', { model: model(p), epoch: String(f.epoch) }) : t('boundaries.waiting', { model: model(p) })}</figcaption>
            </figure>
          );
        })}
      </div>
      <ul className="legend">
        {classNames.map((name, k) => (
          <li key={name}>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={CLASS_COLORS[k % CLASS_COLORS.length]} />
            </svg>
            {name}
          </li>
        ))}
      </ul>
    </section>
  );
}
