import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../bridge/saveBlob';
import type { LegendItem } from '../SeriesLegend';
import { chartSvg, svgToPng } from './chartSvg';

/** The page's panel background and text colours (so a dark-mode download looks like the screen). */
function pageColors(el: Element): { background: string; text: string } {
  const style = getComputedStyle(el);
  const bg = style.backgroundColor;
  return { background: bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff', text: style.color || '#1b1f24' };
}

/** Download PNG / Download SVG for a recharts chart inside `figure` (title and legend in the current language). */
export function ChartDownloads({ figure, title, legend, fileName }: { figure: RefObject<HTMLElement | null>; title: string; legend: readonly LegendItem[]; fileName: string }) {
  const { t } = useTranslation('glance');
  const [error, setError] = useState<string | null>(null);
  const picture = () => {
    const el = figure.current;
    const svg = el?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!el || !svg) throw new Error(t('charts.noChart'));
    return chartSvg(svg, title, legend, pageColors(el));
  };
  const run = async (kind: 'png' | 'svg') => {
    setError(null);
    try {
      const p = picture();
      if (kind === 'svg') saveBlob(p.svg, `${fileName}.svg`, 'image/svg+xml');
      else saveBlob(await (await svgToPng(p)).arrayBuffer(), `${fileName}.png`, 'image/png');
    } catch (e) {
      setError(t('charts.failed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="chart-tools">
      <button type="button" className="small" onClick={() => void run('png')}>
        {t('charts.png')}
      </button>
      <button type="button" className="small" onClick={() => void run('svg')}>
        {t('charts.svg')}
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
