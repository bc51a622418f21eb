import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CompareRow } from '../../store/history/compare';
import { SeriesLegend, type LegendItem } from '../charts/SeriesLegend';
import { COLORS } from '../palette';

const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const Y_DOMAIN: [number, number] = [0, 1];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const tooltipValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));

/** Both runs' scratch and distilled test accuracy per epoch: run A solid, run B dashed. */
export function CompareChart({ rows }: { rows: CompareRow[] }) {
  const { t } = useTranslation('history');
  const legend: LegendItem[] = [
    { label: t('compare.aDistilled'), color: COLORS.distill },
    { label: t('compare.aScratch'), color: COLORS.scratch },
    { label: t('compare.bDistilled'), color: COLORS.distill, dashed: true },
    { label: t('compare.bScratch'), color: COLORS.scratch, dashed: true },
  ];
  return (
    <figure className="chart" aria-label={t('compare.chartLabel')}>
      <h3>{t('compare.chartTitle')}</h3>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis interval={0} dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} label={{ value: t('compare.epoch'), position: 'insideBottomRight', offset: -4 }} />
          <YAxis interval={0} width={48} domain={Y_DOMAIN} tickFormatter={pct} />
          <Tooltip formatter={tooltipValue} />
          <Line name={legend[0]!.label} dataKey="aDistill" stroke={COLORS.distill} strokeWidth={2} isAnimationActive={false} connectNulls />
          <Line name={legend[1]!.label} dataKey="aScratch" stroke={COLORS.scratch} isAnimationActive={false} connectNulls />
          <Line name={legend[2]!.label} dataKey="bDistill" stroke={COLORS.distill} strokeWidth={2} strokeDasharray="6 4" isAnimationActive={false} connectNulls />
          <Line name={legend[3]!.label} dataKey="bScratch" stroke={COLORS.scratch} strokeDasharray="6 4" isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
      <SeriesLegend items={legend} />
    </figure>
  );
}
