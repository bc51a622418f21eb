import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import type { EpochRow } from '../../store/runState';
import { COLORS } from '../palette';
import { SeriesLegend, type LegendItem } from './SeriesLegend';
import { useThrottled } from './useThrottled';

const LEGEND: LegendItem[] = [
  { label: 'teacher', color: COLORS.teacher },
  { label: 'scratch', color: COLORS.scratch },
  { label: 'distilled', color: COLORS.distill },
  { label: 'scratch agrees with teacher', color: COLORS.scratch, dashed: true },
  { label: 'distilled agrees with teacher', color: COLORS.distill, dashed: true },
];
// Numeric tick intervals skip recharts' per-label DOM text measuring on every redraw.
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const X_LABEL = { value: 'epoch', position: 'insideBottomRight', offset: -4 } as const;
const Y_DOMAIN: [number, number] = [0, 1];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const tooltipValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));

/** The recharts drawing; memoised so it re-renders only when its (throttled) rows change. */
const AccuracyLines = memo(function AccuracyLines({ rows }: { rows: EpochRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={rows} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis interval={0} dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} label={X_LABEL} />
        <YAxis interval={0} width={48} domain={Y_DOMAIN} tickFormatter={pct} />
        <Tooltip formatter={tooltipValue} />
        <Line name="teacher" dataKey="teacher" stroke={COLORS.teacher} dot={false} isAnimationActive={false} connectNulls />
        <Line name="scratch" dataKey="scratch" stroke={COLORS.scratch} dot={false} isAnimationActive={false} connectNulls />
        <Line name="distilled" dataKey="distill" stroke={COLORS.distill} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        <Line name="scratch agrees" dataKey="scratchAgree" stroke={COLORS.scratch} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
        <Line name="distilled agrees" dataKey="distillAgree" stroke={COLORS.distill} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
});

/** Test accuracy per epoch of the three models, and the students' agreement with the teacher (dashed). */
export function AccuracyChart() {
  const rows = useThrottled(useStudio((s) => s.run.epochRows), 250);
  return (
    <figure className="chart" aria-label="Accuracy curves">
      <h2>Test accuracy and agreement with the teacher</h2>
      <AccuracyLines rows={rows} />
      <SeriesLegend items={LEGEND} />
    </figure>
  );
}
