import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../../store';
import type { TrialResult } from '../../engine/train/types';
import { COLORS, SERIES_COLORS } from '../palette';
import { useChartFont } from '../share/useChartFont';
import { SeriesLegend } from './SeriesLegend';

type SweepPoint = Extract<TrialResult, { kind: 'sweep' }>;

/** Colour-blind-safe colours for one line per α in a T × α grid. */
const LINE_COLORS = SERIES_COLORS;
const MARGIN = { top: 16, right: 24, bottom: 8, left: 0 };
const Y_DOMAIN: [number, number] = [0, 1];
const pct = (v: number) => `${Math.round(v * 100)}%`;
const tooltipValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));

/** Which axis the sweep varies: T when several temperatures were swept, else α. */
function xKeyOf(points: SweepPoint[]): 'temperature' | 'alpha' {
  return new Set(points.map((p) => p.temperature)).size > 1 ? 'temperature' : 'alpha';
}

/** The drawing, memoised on its data. */
const SweepLines = memo(function SweepLines({ points, baseline, onValidation }: { points: SweepPoint[]; baseline: number | null; onValidation: boolean }) {
  const { t } = useTranslation();
  const font = useChartFont();
  const xKey = xKeyOf(points);
  const lineName = (alpha: number) => (alpha >= 0 ? t('charts.distilledAlpha', { alpha: String(alpha) }) : t('charts.distilled'));
  const groups = useMemo(() => {
    const byAlpha = new Map<number, SweepPoint[]>();
    for (const p of points) {
      const key = xKey === 'temperature' ? p.alpha : -1;
      byAlpha.set(key, [...(byAlpha.get(key) ?? []), p]);
    }
    return [...byAlpha.entries()].map(([alpha, list]) => ({ alpha, list: [...list].sort((a, b) => a[xKey] - b[xKey]) }));
  }, [points, xKey]);
  return (
    <>
      <ResponsiveContainer width="100%" height={Math.round(240 * font.scale)}>
        <LineChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey={xKey}
            type="number"
            domain={['dataMin', 'dataMax']}
            interval={0}
            allowDuplicatedCategory={false}
            tick={font.numberTick}
            label={{ value: xKey === 'temperature' ? t('charts.temperatureAxis') : t('charts.alphaAxis'), position: 'insideBottomRight', offset: -4, fontSize: font.label }}
          />
          <YAxis width={Math.round(48 * font.scale)} domain={Y_DOMAIN} interval={0} tickFormatter={pct} tick={font.numberTick} />
          <Tooltip formatter={tooltipValue} />
          {baseline !== null ? (
            <ReferenceLine y={baseline} stroke={COLORS.scratch} strokeDasharray="6 4" label={{ value: t('charts.scratchBaselineValue', { value: pct(baseline) }), position: 'insideTopLeft', fontSize: font.label }} />
          ) : null}
          {groups.map((g, i) => (
            <Line
              key={g.alpha}
              data={g.list}
              dataKey={onValidation ? 'valAccuracy' : 'accuracy'}
              name={lineName(g.alpha)}
              stroke={LINE_COLORS[i % LINE_COLORS.length]}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <SeriesLegend
        items={[
          ...groups.map((g, i) => ({ label: lineName(g.alpha), color: LINE_COLORS[i % LINE_COLORS.length]! })),
          { label: t('charts.scratchBaseline'), color: COLORS.scratch, dashed: true },
        ]}
      />
    </>
  );
});

/** Distilled validation accuracy (test accuracy when no validation set was held out) at each sweep point, with the scratch student as a baseline; points stream in as they finish. */
export function SweepChart() {
  const { t } = useTranslation();
  const trials = useStudio((s) => s.run.trials);
  const epochRows = useStudio((s) => s.run.epochRows);
  const points = useMemo(() => trials.filter((t): t is SweepPoint => t.kind === 'sweep'), [trials]);
  const last = epochRows[epochRows.length - 1];
  // Settings are chosen on the validation set: the chart plots validation accuracy whenever the run held one out.
  const onValidation = points.length > 0 && points.every((p) => typeof p.valAccuracy === 'number');
  const testBaseline = useStudio((s) => s.run.results?.sweep?.baseline ?? null) ?? last?.scratch ?? null;
  const baseline = onValidation ? (points[0]!.baselineVal ?? null) : testBaseline;
  if (points.length === 0) return null;
  return (
    <figure className="chart" aria-label={t('charts.sweepRegion')}>
      <h2>{t('charts.sweepTitle')}</h2>
      <SweepLines points={points} baseline={baseline} onValidation={onValidation} />
      <figcaption>
        {t('charts.sweepPoints', { count: points.length, total: String(points[0]!.total) })} {onValidation ? t('charts.sweepOnValidation') : t('charts.sweepOnTest')}
      </figcaption>
    </figure>
  );
}
