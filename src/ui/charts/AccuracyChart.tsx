import { memo, useDeferredValue, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import type { EpochRow } from '../../store/runState';
import { COLORS } from '../palette';
import { PlainLine } from './PlainLine';
import { SeriesLegend, type LegendItem } from './SeriesLegend';
import { useThrottled } from './useThrottled';
import { useEpochDomain } from './useEpochDomain';
import { OnDemandTooltip, useTooltipOnDemand } from './OnDemandTooltip';
import { useChartFont, type ChartFont } from '../share/useChartFont';
import { ChartDownloads } from './export/ChartDownloads';

/** The legend in the current language. */
export const accuracyLegendOf = (t: TFunction<'app'>): LegendItem[] => [
  { label: t('charts.teacher'), color: COLORS.teacher },
  { label: t('charts.scratch'), color: COLORS.scratch },
  { label: t('charts.distilled'), color: COLORS.distill },
  { label: t('charts.scratchAgrees'), color: COLORS.scratch, dashed: true },
  { label: t('charts.distilledAgrees'), color: COLORS.distill, dashed: true },
  { label: t('charts.assistant'), color: COLORS.assistant },
];
// Numeric tick intervals skip recharts' per-label DOM text measuring on every redraw.
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const Y_DOMAIN: [number, number] = [0, 1];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const tooltipValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));

/** The recharts drawing; memoised, so it re-renders only when its props change (the throttled rows, the run's epochs and team, the language, the font). */
export const AccuracyLines = memo(function AccuracyLines({ rows, font, names, hasAssistant, epochs }: { rows: EpochRow[]; font: ChartFont; names: LegendItem[]; hasAssistant: boolean; epochs: number }) {
  const xDomain = useEpochDomain(1, epochs);
  const tooltip = useTooltipOnDemand();
  const { t } = useTranslation();
  const xLabel = useMemo(() => ({ value: t('charts.epoch'), position: 'insideBottomRight', offset: -4, fontSize: font.label }) as const, [t, font]);
  return (
    <div className="chart-body" {...tooltip.triggers}>
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis interval={0} dataKey="epoch" type="number" domain={xDomain} allowDecimals={false} label={xLabel} tick={font.numberTick} />
        <YAxis interval={0} width={Math.round(48 * font.scale)} domain={Y_DOMAIN} tickFormatter={pct} tick={font.numberTick} />
        <OnDemandTooltip on={tooltip.switch} formatter={tooltipValue} />
        <PlainLine name={names[0]!.label} dataKey="teacher" stroke={COLORS.teacher} connectNulls />
        <PlainLine name={names[1]!.label} dataKey="scratch" stroke={COLORS.scratch} connectNulls />
        <PlainLine name={names[2]!.label} dataKey="distill" stroke={COLORS.distill} strokeWidth={2} connectNulls />
        <PlainLine name={names[3]!.label} dataKey="scratchAgree" stroke={COLORS.scratch} strokeDasharray="4 3" connectNulls />
        <PlainLine name={names[4]!.label} dataKey="distillAgree" stroke={COLORS.distill} strokeDasharray="4 3" connectNulls />
        {hasAssistant ? <PlainLine name={names[5]!.label} dataKey="assistant" stroke={COLORS.assistant} connectNulls /> : null}
      </LineChart>
    </ResponsiveContainer>
    </div>
  );
});

/** Test accuracy per epoch of the three models (and the teaching assistant), and the students' agreement with the teacher (dashed). */
export function AccuracyChart() {
  const { t } = useTranslation();
  const rows = useThrottled(useStudio((s) => s.run.epochRows), 250);
  const font = useChartFont();
  const names = useMemo(() => accuracyLegendOf(t), [t]); // t changes with the language
  const hasAssistant = useStudio((s) => s.run.config?.assistant != null);
  const epochs = useStudio((s) => s.run.config?.epochs ?? s.run.epochs);
  // The assistant's line and legend item only in a run with a teaching assistant.
  const legend = useMemo(() => (hasAssistant ? names : names.slice(0, 5)), [names, hasAssistant]);
  const figure = useRef<HTMLElement>(null);
  // Deferred, as the loss chart's: the new run's epochs and team at Start redraw the curves in a background render.
  const drawn = useDeferredValue(useMemo(() => ({ rows, font, names, hasAssistant, epochs }), [rows, font, names, hasAssistant, epochs]));
  return (
    <figure ref={figure} className="chart" aria-label={t('charts.accuracyRegion')}>
      <div className="chart-head">
        <h2>{t('charts.accuracyTitle')}</h2>
        <ChartDownloads figure={figure} title={t('charts.accuracyTitle')} legend={legend} fileName="distill-accuracy" />
      </div>
      <AccuracyLines {...drawn} />
      <SeriesLegend items={legend} />
    </figure>
  );
}
