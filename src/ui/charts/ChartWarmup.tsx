import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import type { EpochRow } from '../../store/runState';
import { useChartFont } from '../share/useChartFont';
import { AccuracyLines, accuracyLegendOf } from './AccuracyChart';
import { LossLines, lossLegendOf, type AddedTerms } from './LossChart';
import type { LossPointXY, LossSeries } from './lossSeries';

/** The made-up run's epochs, and how far its curves have grown at each warm-up step (then the drawing is removed). */
const EPOCHS = 30;
const GROWTH = [0.1, 0.5, 1];
const NO_TERMS: AddedTerms = { hint: false, at: false, rkd: false, assistant: false };
const NO_MARKS: number[] = [];
const NO_MARK_TEXT: string[] = [];

/** A falling loss curve over `upTo` epochs, 150 points at most, as a live chart draws one. */
function curve(upTo: number, from: number, scale: number): LossPointXY[] {
  const n = Math.max(2, Math.round(150 * (upTo / EPOCHS)));
  return Array.from({ length: n }, (_, i) => {
    const x = (upTo * i) / (n - 1);
    return { x, step: Math.round(x * 10), v: scale * (from * Math.exp(-x / 6) + 0.05 * Math.sin(i)) + 0.1 };
  });
}

/** The loss chart's series and the accuracy chart's rows of a made-up run that has trained `grown` of its epochs. */
function madeUpRun(grown: number): { series: LossSeries; rows: EpochRow[] } {
  const upTo = EPOCHS * grown;
  const students = grown >= 0.3 ? curve(upTo / 2, 2, 1) : [];
  const series: LossSeries = { teacher: curve(upTo, 2.3, 1), scratch: students, distill: students, soft: students, hard: students, hint: [], at: [], rkd: [], assistant: [] };
  const rows = Array.from({ length: Math.max(1, Math.round(upTo)) }, (_, i) => ({ epoch: i + 1, teacher: 1 - 0.5 / (i + 2), scratch: grown >= 0.3 ? 0.9 - 0.5 / (i + 2) : undefined }));
  return { series, rows };
}

/** Calls `run` when the page is idle (or after a short wait in a browser without `requestIdleCallback`); returns a cancel. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 200);
  return () => clearTimeout(id);
}

/**
 * Draws both live charts once, hidden, after the page loads and before any run: a made-up run's curves grow over a few
 * idle moments, then the drawing is removed. A chart's first redraws with data run recharts' and React's code for
 * the first time (measured in `npm run bench:page`: a run's first second held 2–5 main-thread tasks over 50 ms, a
 * second run in the same page none); this moves that cost to the idle page, before Start. Stops as soon as a run starts.
 */
export function ChartWarmup() {
  const idle = useStudio((s) => s.run.status === 'idle');
  const [step, setStep] = useState(0);
  const done = step >= GROWTH.length;
  useEffect(() => {
    if (!idle || done) return;
    return whenIdle(() => setStep((s) => s + 1));
  }, [idle, done, step]);
  if (!idle || done) return null;
  return <WarmupDrawing grown={GROWTH[step]!} />;
}

/** The hidden drawing of one warm-up step: the same memoised chart drawings the live charts use. */
function WarmupDrawing({ grown }: { grown: number }) {
  const { t } = useTranslation();
  const font = useChartFont();
  const lossNames = useMemo(() => lossLegendOf(t), [t]);
  const accuracyNames = useMemo(() => accuracyLegendOf(t), [t]);
  const { series, rows } = useMemo(() => madeUpRun(grown), [grown]);
  return (
    <div className="chart-warmup" aria-hidden="true" inert>
      <LossLines series={series} marks={NO_MARKS} markText={NO_MARK_TEXT} terms={NO_TERMS} font={font} names={lossNames} epochs={EPOCHS} />
      <AccuracyLines rows={rows} font={font} names={accuracyNames} hasAssistant={false} epochs={EPOCHS} />
    </div>
  );
}
