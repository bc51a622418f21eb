import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CartesianGrid, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import { isFinished } from '../../store/runState';
import { COLORS } from '../palette';
import { PlainLine } from './PlainLine';
import { SeriesLegend, type LegendItem } from './SeriesLegend';
import { keepUnchanged, lossSeries, stepsPerEpochOf, type LossSeries } from './lossSeries';
import { useThrottled } from './useThrottled';
import { useEpochDomain } from './useEpochDomain';
import { OnDemandTooltip, useTooltipOnDemand } from './OnDemandTooltip';
import { useChartFont, type ChartFont } from '../share/useChartFont';
import { ChartDownloads } from './export/ChartDownloads';

/** Points drawn per series at most while training (keeps each redraw short) and once the run is over. */
const LIVE_POINTS = 150;
const FINAL_POINTS = 600;
/** Redraw the live chart at most this often (ms): recharts re-renders are the main-thread cost. */
const REDRAW_MS = 250;
/** The legend in the current language: teacher, scratch, distill total, soft, hard, hint, attention transfer, RKD, assistant. */
export const lossLegendOf = (t: TFunction<'app'>): LegendItem[] => [
  { label: t('charts.teacherCe'), color: COLORS.teacher },
  { label: t('charts.scratchCe'), color: COLORS.scratch },
  { label: t('charts.distillTotal'), color: COLORS.distill },
  { label: t('charts.soft'), color: COLORS.soft },
  { label: t('charts.hard'), color: COLORS.hard },
  { label: t('charts.hintTerm'), color: COLORS.hint },
  { label: t('charts.atTerm'), color: COLORS.at },
  { label: t('charts.rkdTerm'), color: COLORS.rkd },
  { label: t('charts.assistantLoss'), color: COLORS.assistant },
];

/** Which added terms (and the teaching assistant's curve) the run has: the legend and the lines show only those. */
export interface AddedTerms {
  hint: boolean;
  at: boolean;
  rkd: boolean;
  assistant: boolean;
}

/** The legend entries of the curves drawn: the five always shown, then the run's added terms and the assistant. */
function shownNames(names: LegendItem[], terms: AddedTerms): LegendItem[] {
  const extra = [terms.hint, terms.at, terms.rkd, terms.assistant];
  return [...names.slice(0, 5), ...names.slice(5).filter((_, i) => extra[i])];
}
// Numeric tick intervals skip recharts' per-label DOM text measuring on every redraw.
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const yTick = (v: number) => v.toPrecision(2);
const xTick = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const tooltipValue = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));

/** The tooltip's heading: the point's epoch and its step within its phase (the per-step detail the axis leaves out). */
function tooltipLabel(t: TFunction<'app'>) {
  return (x: unknown, payload: readonly { payload?: { step?: number } }[]) => {
    const step = payload[0]?.payload?.step;
    const epoch = typeof x === 'number' ? x.toFixed(2) : String(x);
    return step === undefined ? `${t('charts.epoch')} ${epoch}` : `${t('charts.epoch')} ${epoch} · ${t('charts.step')} ${step}`;
  };
}

/** The recharts drawing; memoised, so it re-renders only when its props change (the throttled data, the run's epochs, the language, the font). */
export const LossLines = memo(function LossLines(props: { series: LossSeries; marks: number[]; markText: string[]; terms: AddedTerms; font: ChartFont; names: LegendItem[]; epochs: number }) {
  const { series, marks, markText, terms, font, names, epochs } = props;
  const xDomain = useEpochDomain(0, epochs);
  const tooltip = useTooltipOnDemand();
  const { t } = useTranslation();
  const xLabel = useMemo(() => ({ value: t('charts.epoch'), position: 'insideBottomRight', offset: -4, fontSize: font.label }) as const, [t, font]);
  const label = useMemo(() => tooltipLabel(t), [t]);
  return (
    <div className="chart-body" {...tooltip.triggers}>
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis interval={0} dataKey="x" type="number" domain={xDomain} allowDuplicatedCategory={false} label={xLabel} tick={font.numberTick} tickFormatter={xTick} />
        <YAxis interval={0} width={Math.round(56 * font.scale)} tickFormatter={yTick} tick={font.numberTick} />
        <OnDemandTooltip on={tooltip.switch} formatter={tooltipValue} labelFormatter={label} />
        <PlainLine name={names[0]!.label} data={series.teacher} dataKey="v" stroke={COLORS.teacher} />
        <PlainLine name={names[1]!.label} data={series.scratch} dataKey="v" stroke={COLORS.scratch} />
        <PlainLine name={names[2]!.label} data={series.distill} dataKey="v" stroke={COLORS.distill} strokeWidth={2} />
        <PlainLine name={names[3]!.label} data={series.soft} dataKey="v" stroke={COLORS.soft} />
        <PlainLine name={names[4]!.label} data={series.hard} dataKey="v" stroke={COLORS.hard} />
        {terms.hint ? <PlainLine name={names[5]!.label} data={series.hint} dataKey="v" stroke={COLORS.hint} /> : null}
        {terms.at ? <PlainLine name={names[6]!.label} data={series.at} dataKey="v" stroke={COLORS.at} strokeDasharray="5 3" /> : null}
        {terms.rkd ? <PlainLine name={names[7]!.label} data={series.rkd} dataKey="v" stroke={COLORS.rkd} strokeDasharray="2 2" /> : null}
        {terms.assistant ? <PlainLine name={names[8]!.label} data={series.assistant} dataKey="v" stroke={COLORS.assistant} strokeDasharray="6 3" /> : null}
        {marks.map((x, i) => (
          <ReferenceLine key={i} x={x} stroke={COLORS.mark} strokeDasharray="4 4" label={{ value: markText[i], position: 'top', fontSize: Math.round(11 * font.scale) }} />
        ))}
      </LineChart>
    </ResponsiveContainer>
    </div>
  );
});

/** Live loss curves: teacher and scratch cross-entropy, and distillation's total, soft and hard terms (and its hint, AT and RKD terms when used). */
export function LossChart() {
  const { t } = useTranslation();
  const font = useChartFont();
  const names = useMemo(() => lossLegendOf(t), [t]);
  const figure = useRef<HTMLElement>(null);
  const rows = useThrottled(useStudio((s) => s.run.lossRows), REDRAW_MS);
  const count = useStudio((s) => s.run.lossCount);
  const allMarks = useStudio((s) => s.run.marks);
  const announced = useStudio((s) => s.run.stepsPerEpoch);
  // The worker announces the teacher's steps per epoch and the students' (both students train on the same set).
  const perEpoch = useMemo(() => ({ teacher: announced.teacher ?? undefined, scratch: announced.student ?? undefined, distill: announced.student ?? undefined }), [announced]);
  const epochs = useStudio((s) => s.run.config?.epochs ?? s.run.epochs);
  // Deferred, as the drawing's props below: the run's end re-samples the curves in a background render.
  const live = useDeferredValue(useStudio((s) => !isFinished(s.run.status)));
  const hasHint = useStudio((s) => s.run.config?.hint != null);
  const hasAt = useStudio((s) => s.run.config?.attention != null);
  const hasRkd = useStudio((s) => s.run.config?.rkd != null);
  const hasAssistant = useStudio((s) => s.run.config?.assistant != null);
  const terms = useMemo(() => ({ hint: hasHint, at: hasAt, rkd: hasRkd, assistant: hasAssistant }), [hasHint, hasAt, hasRkd, hasAssistant]);
  const shown = useMemo(() => shownNames(names, terms), [names, terms]);
  // The curves that did not change since the last drawing keep their arrays, so the redraw skips their lines.
  const lastDrawn = useRef<LossSeries | null>(null);
  const series = useMemo(() => keepUnchanged(lastDrawn.current, lossSeries(rows, perEpoch, epochs, live ? LIVE_POINTS : FINAL_POINTS)), [rows, perEpoch, epochs, live]);
  useLayoutEffect(() => {
    lastDrawn.current = series;
  }, [series]);
  // A live T/α change sits at the distillation step that first used it, on the same epoch axis.
  const distillMarks = useMemo(() => allMarks.filter((m) => m.phase === 'distill'), [allMarks]);
  const marks = useMemo(() => {
    const n = stepsPerEpochOf('distill', rows, perEpoch, epochs);
    return distillMarks.map((m) => m.step / n);
  }, [distillMarks, rows, perEpoch, epochs]);
  const markText = useMemo(() => distillMarks.map((m) => `T=${m.temperature}, α=${m.alpha}`), [distillMarks]);
  // Deferred: a change that comes with a store update (Start, the run's end) redraws the curves in a background render,
  // not in the update's own task (the click answers first). Not the T/α marks: they answer the user's own slider step,
  // and a background render can be held back for seconds while the run's updates keep coming.
  const drawn = useDeferredValue(useMemo(() => ({ series, terms, font, names, epochs }), [series, terms, font, names, epochs]));
  return (
    <figure ref={figure} className="chart" aria-label={t('charts.lossRegion')}>
      <div className="chart-head">
        <h2>{t('charts.lossTitle')}</h2>
        <ChartDownloads figure={figure} title={t('charts.lossTitle')} legend={shown} fileName="distill-loss" />
      </div>
      <LossLines {...drawn} marks={marks} markText={markText} />
      <SeriesLegend items={shown} />
      <figcaption>{t('charts.lossPoints', { count })}</figcaption>
    </figure>
  );
}
