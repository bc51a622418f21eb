import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CompareSummary } from '../../engine/train/compareSummary';
import { COLORS } from '../palette';
import { armName } from '../results/compareText';
import { useCompareSummary } from '../results/useCompareSummary';
import { useChartFont } from '../share/useChartFont';

const MARGIN = { top: 16, right: 24, bottom: 8, left: 0 };
const Y_DOMAIN: [number, number] = [0, 1];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const tooltipValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));

/** One bar per method with a finished seed: mean test accuracy, the error bar ± one standard deviation. */
function barsOf(summary: CompareSummary): { name: string; mean: number; std: number }[] {
  return summary.methods.filter((m) => m.accuracy.n > 0).map((m) => ({ name: armName(m.method), mean: m.accuracy.mean, std: m.accuracy.std }));
}

/** The drawing, memoised on its data. */
const Bars = memo(function Bars({ bars, scratch }: { bars: { name: string; mean: number; std: number }[]; scratch: number | null }) {
  const { t } = useTranslation('compare');
  const font = useChartFont();
  return (
    <ResponsiveContainer width="100%" height={Math.round(240 * font.scale)}>
      <BarChart data={bars} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" interval={0} tick={font.tick} />
        <YAxis width={Math.round(48 * font.scale)} domain={Y_DOMAIN} tickFormatter={pct} tick={font.numberTick} />
        <Tooltip formatter={tooltipValue} />
        {scratch !== null ? (
          <ReferenceLine y={scratch} stroke={COLORS.scratch} strokeDasharray="6 4" label={{ value: t('chart.scratchMean', { value: pct(scratch) }), position: 'insideTopLeft', fontSize: font.label }} />
        ) : null}
        <Bar dataKey="mean" name={t('table.accuracy')} fill={COLORS.distill} isAnimationActive={false}>
          <ErrorBar dataKey="std" width={8} strokeWidth={2} stroke={COLORS.mark} direction="y" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
});

/** Mean ± std test accuracy of each compared method as bars with error bars, against the scratch student's mean. */
export function MethodBars() {
  const { t } = useTranslation('compare');
  const summary = useCompareSummary();
  const bars = useMemo(() => (summary ? barsOf(summary) : []), [summary]);
  if (!summary || bars.length === 0) return null;
  const scratch = summary.scratch.accuracy.n > 0 ? summary.scratch.accuracy.mean : null;
  return (
    <figure className="chart" aria-label={t('chart.region')}>
      <h2>{t('chart.title')}</h2>
      <Bars bars={bars} scratch={scratch} />
      <figcaption>{t('chart.caption')}</figcaption>
    </figure>
  );
}
