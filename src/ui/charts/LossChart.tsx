import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import { isFinished, type HyperMark, type LossRow } from '../../store/runState';
import { COLORS } from '../palette';
import { SeriesLegend, type LegendItem } from './SeriesLegend';
import { downsample } from './downsample';
import { useThrottled } from './useThrottled';
import { useChartFont, type ChartFont } from '../share/useChartFont';
import { ChartDownloads } from './export/ChartDownloads';

/** Points drawn per series at most while training (keeps each redraw short) and once the run is over. */
const LIVE_POINTS = 150;
const FINAL_POINTS = 600;
/** Redraw the live chart at most this often (ms): recharts re-renders are the main-thread cost. */
const REDRAW_MS = 250;
/** The legend in the current language: teacher, scratch, distill total, soft, hard, hint. */
const legendOf = (t: TFunction<'app'>): LegendItem[] => [
  { label: t('charts.teacherCe'), color: COLORS.teacher },
  { label: t('charts.scratchCe'), color: COLORS.scratch },
  { label: t('charts.distillTotal'), color: COLORS.distill },
  { label: t('charts.soft'), color: COLORS.soft },
  { label: t('charts.hard'), color: COLORS.hard },
  { label: t('charts.hintTerm'), color: COLORS.hint },
];
// Numeric tick intervals skip recharts' per-label DOM text measuring on every redraw.
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const yTick = (v: number) => v.toPrecision(2);
const tooltipValue = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));

/** The recharts drawing; memoised so it re-renders only when its (throttled) data changes. */
const LossLines = memo(function LossLines(props: { data: LossRow[]; marks: HyperMark[]; hasHint: boolean; font: ChartFont; names: LegendItem[] }) {
  const { data, marks, hasHint, font, names } = props;
  const { t } = useTranslation();
  const xLabel = useMemo(() => ({ value: t('charts.step'), position: 'insideBottomRight', offset: -4, fontSize: font.label }) as const, [t, font]);
  return (
    <div className="chart-body">
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis interval={0} dataKey="step" type="number" domain={['dataMin', 'dataMax']} label={xLabel} tick={font.tick} />
        <YAxis interval={0} width={Math.round(56 * font.scale)} tickFormatter={yTick} tick={font.tick} />
        <Tooltip formatter={tooltipValue} />
        <Line name={names[0]!.label} dataKey="teacher" stroke={COLORS.teacher} dot={false} isAnimationActive={false} connectNulls />
        <Line name={names[1]!.label} dataKey="scratch" stroke={COLORS.scratch} dot={false} isAnimationActive={false} connectNulls />
        <Line name={names[2]!.label} dataKey="distill" stroke={COLORS.distill} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line name={names[3]!.label} dataKey="soft" stroke={COLORS.soft} dot={false} isAnimationActive={false} connectNulls />
        <Line name={names[4]!.label} dataKey="hard" stroke={COLORS.hard} dot={false} isAnimationActive={false} connectNulls />
        {hasHint ? <Line name={names[5]!.label} dataKey="hint" stroke={COLORS.hint} dot={false} isAnimationActive={false} connectNulls /> : null}
        {marks.map((m, i) => (
          <ReferenceLine
            key={i}
            x={m.step}
            stroke={COLORS.mark}
            strokeDasharray="4 4"
            label={{ value: `T=${m.temperature}, α=${m.alpha}`, position: 'top', fontSize: Math.round(11 * font.scale) }}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
    </div>
  );
});

/** Live loss curves: teacher and scratch cross-entropy, and distillation's total, soft and hard terms. */
export function LossChart() {
  const { t } = useTranslation();
  const font = useChartFont();
  const names = useMemo(() => legendOf(t), [t]);
  const figure = useRef<HTMLElement>(null);
  const rows = useThrottled(useStudio((s) => s.run.lossRows), REDRAW_MS);
  const count = useStudio((s) => s.run.lossCount);
  const allMarks = useStudio((s) => s.run.marks);
  const marks = useMemo(() => allMarks.filter((m) => m.phase === 'distill'), [allMarks]);
  const live = useStudio((s) => !isFinished(s.run.status));
  const hasHint = useStudio((s) => s.run.config?.hint != null);
  const data = useMemo(() => downsample(rows, live ? LIVE_POINTS : FINAL_POINTS), [rows, live]);
  return (
    <figure ref={figure} className="chart" aria-label={t('charts.lossRegion')}>
      <div className="chart-head">
        <h2>{t('charts.lossTitle')}</h2>
        <ChartDownloads figure={figure} title={t('charts.lossTitle')} legend={hasHint ? names : names.slice(0, 5)} fileName="distill-loss" />
      </div>
      <LossLines data={data} marks={marks} hasHint={hasHint} font={font} names={names} />
      <SeriesLegend items={hasHint ? names : names.slice(0, 5)} />
      <figcaption>{t('charts.lossPoints', { count })}</figcaption>
    </figure>
  );
}
