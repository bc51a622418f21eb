import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import { isFinished, type HyperMark, type LossRow } from '../../store/runState';
import { COLORS } from '../palette';
import { SeriesLegend, type LegendItem } from './SeriesLegend';
import { downsample } from './downsample';
import { useThrottled } from './useThrottled';

/** Points drawn per series at most while training (keeps each redraw short) and once the run is over. */
const LIVE_POINTS = 150;
const FINAL_POINTS = 600;
/** Redraw the live chart at most this often (ms): recharts re-renders are the main-thread cost. */
const REDRAW_MS = 250;
const LEGEND: LegendItem[] = [
  { label: 'teacher (CE)', color: COLORS.teacher },
  { label: 'scratch (CE)', color: COLORS.scratch },
  { label: 'distill total', color: COLORS.distill },
  { label: 'soft: α·T²·KL', color: COLORS.soft },
  { label: 'hard: (1−α)·CE', color: COLORS.hard },
];
const HINT_LEGEND: LegendItem = { label: 'hint: β·MSE(features)', color: COLORS.hint };
// Numeric tick intervals skip recharts' per-label DOM text measuring on every redraw.
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const X_LABEL = { value: 'step', position: 'insideBottomRight', offset: -4 } as const;
const yTick = (v: number) => v.toPrecision(2);
const tooltipValue = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));

/** The recharts drawing; memoised so it re-renders only when its (throttled) data changes. */
const LossLines = memo(function LossLines({ data, marks, hasHint }: { data: LossRow[]; marks: HyperMark[]; hasHint: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis interval={0} dataKey="step" type="number" domain={['dataMin', 'dataMax']} label={X_LABEL} />
        <YAxis interval={0} width={56} tickFormatter={yTick} />
        <Tooltip formatter={tooltipValue} />
        <Line name="teacher (CE)" dataKey="teacher" stroke={COLORS.teacher} dot={false} isAnimationActive={false} connectNulls />
        <Line name="scratch (CE)" dataKey="scratch" stroke={COLORS.scratch} dot={false} isAnimationActive={false} connectNulls />
        <Line name="distill total" dataKey="distill" stroke={COLORS.distill} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line name="soft: α·T²·KL" dataKey="soft" stroke={COLORS.soft} dot={false} isAnimationActive={false} connectNulls />
        <Line name="hard: (1−α)·CE" dataKey="hard" stroke={COLORS.hard} dot={false} isAnimationActive={false} connectNulls />
        {hasHint ? <Line name="hint: β·MSE(features)" dataKey="hint" stroke={COLORS.hint} dot={false} isAnimationActive={false} connectNulls /> : null}
        {marks.map((m, i) => (
          <ReferenceLine
            key={i}
            x={m.step}
            stroke={COLORS.mark}
            strokeDasharray="4 4"
            label={{ value: `T=${m.temperature}, α=${m.alpha}`, position: 'top', fontSize: 11 }}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

/** Live loss curves: teacher and scratch cross-entropy, and distillation's total, soft and hard terms. */
export function LossChart() {
  const rows = useThrottled(useStudio((s) => s.run.lossRows), REDRAW_MS);
  const count = useStudio((s) => s.run.lossCount);
  const allMarks = useStudio((s) => s.run.marks);
  const marks = useMemo(() => allMarks.filter((m) => m.phase === 'distill'), [allMarks]);
  const live = useStudio((s) => !isFinished(s.run.status));
  const hasHint = useStudio((s) => s.run.config?.hint != null);
  const data = useMemo(() => downsample(rows, live ? LIVE_POINTS : FINAL_POINTS), [rows, live]);
  return (
    <figure className="chart" aria-label="Loss curves">
      <h2>Training loss</h2>
      <LossLines data={data} marks={marks} hasHint={hasHint} />
      <SeriesLegend items={hasHint ? [...LEGEND, HINT_LEGEND] : LEGEND} />
      <figcaption>{count} loss points</figcaption>
    </figure>
  );
}
