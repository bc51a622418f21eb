import type { LegendItem } from '../SeriesLegend';

/** Computed style properties copied inline into an exported SVG (what recharts leaves to the page's CSS). */
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

/** Escapes text for SVG markup. */
function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Copies each element's computed presentation styles into its own `style` attribute (the copy must match the original's tree). */
function inlineStyles(original: Element, copy: Element): void {
  const computed = getComputedStyle(original);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  copy.setAttribute('style', style);
  const a = original.children;
  const b = copy.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

/** A standalone chart picture: a title, the recharts drawing (styles inlined) and the legend, on the page's background. */
export interface ChartPicture {
  svg: string;
  width: number;
  height: number;
}

/** Serialises a recharts chart with its title and legend into one self-contained SVG document. */
export function chartSvg(chart: SVGSVGElement, title: string, legend: readonly LegendItem[], colors: { background: string; text: string }): ChartPicture {
  const box = chart.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const chartHeight = Math.max(1, Math.round(box.height));
  const copy = chart.cloneNode(true) as SVGSVGElement;
  inlineStyles(chart, copy);
  copy.setAttribute('x', '0');
  copy.setAttribute('y', '30');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(chartHeight));
  copy.removeAttribute('class');
  // Legend: one row per entry, as wide as needed.
  const rowHeight = 18;
  const legendRows = legend
    .map((it, i) => {
      const y = 30 + chartHeight + 10 + i * rowHeight;
      const dash = it.dashed ? ' stroke-dasharray="4 3"' : '';
      return `<line x1="12" y1="${y}" x2="34" y2="${y}" stroke="${it.color}" stroke-width="3"${dash}/><text x="42" y="${y + 4}" font-size="12" font-family="sans-serif" fill="${colors.text}">${escapeXml(it.label)}</text>`;
    })
    .join('');
  const height = 30 + chartHeight + 10 + legend.length * rowHeight + 6;
  const body = new XMLSerializer().serializeToString(copy);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="${colors.background}"/>` +
    `<text x="12" y="20" font-size="15" font-weight="600" font-family="sans-serif" fill="${colors.text}">${escapeXml(title)}</text>` +
    body +
    legendRows +
    `</svg>`;
  return { svg, width, height };
}

/** Rasterises an SVG picture to PNG bytes through a canvas (a blob: URL image, allowed by the CSP's img-src). */
export async function svgToPng(picture: ChartPicture, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([picture.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(picture.width * scale);
    canvas.height = Math.round(picture.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, picture.width, picture.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
