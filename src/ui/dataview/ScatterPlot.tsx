import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASETS } from '../../engine/data/registry';
import type { ToyPoints } from '../../worker/toyPoints';
import { useStudio } from '../../store';
import { useConfigFields } from '../useSettledConfig';
import { CLASS_COLORS } from '../palette';
import { classLabel, datasetShortName } from '../i18n/labels';
import { useToyPoints } from './useToyPoints';

const SIZE = 280;

/** Draws train (filled) and test (ringed) points of a 2-D set, coloured by class, into a canvas. */
function draw(canvas: HTMLCanvasElement, d: ToyPoints): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = SIZE * dpr;
  canvas.height = SIZE * dpr;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, SIZE, SIZE);
  let extent = 0;
  for (const split of [d.train, d.test]) for (const v of split.x) extent = Math.max(extent, Math.abs(v));
  const scale = (SIZE / 2 - 8) / (extent || 1);
  const at = (v: number) => SIZE / 2 + v * scale;
  const plot = (xs: Float32Array, ys: Int32Array, n: number, ring: boolean) => {
    for (let i = 0; i < n; i++) {
      ctx.beginPath();
      ctx.arc(at(xs[2 * i]!), at(-xs[2 * i + 1]!), ring ? 3 : 2.2, 0, 2 * Math.PI);
      const color = CLASS_COLORS[ys[i]! % CLASS_COLORS.length]!;
      if (ring) {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.2;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
      }
    }
  };
  plot(d.train.x, d.train.y, d.train.count, false);
  plot(d.test.x, d.test.y, d.test.count, true);
}

/** The current toy set as a scatter plot (the worker's points for the seed, noise and sample count, asked again as they change). */
export function ScatterPlot() {
  const { t } = useTranslation();
  const { dataset, seed, noise, samples } = useConfigFields('dataset', 'seed', 'noise', 'samples');
  const fieldErrors = useStudio((s) => s.fieldErrors);
  const usingUpload = useStudio((s) => s.upload.useUpload);
  const canvas = useRef<HTMLCanvasElement>(null);
  const entry = DATASETS[dataset];
  const valid = !fieldErrors.noise && !fieldErrors.samples && !fieldErrors.seed;
  // While a field is invalid, or new points are on their way, the last set stays drawn.
  const data = useToyPoints(entry.toy && valid ? { dataset, seed, noise, samples } : null, true);

  useEffect(() => {
    if (canvas.current && data) draw(canvas.current, data);
  }, [data]);

  if (!entry.toy || !data || usingUpload) return null;
  return (
    <figure className="chart scatter" aria-label={t('dataview.region')}>
      <h2>{datasetShortName(dataset, data.name)}</h2>
      <canvas
        ref={canvas}
        style={{ width: SIZE, height: SIZE }}
        role="img"
        aria-label={t('dataview.scatter', { train: String(data.train.count), test: String(data.test.count), classes: String(data.numClasses) })}
      />
      <ul className="legend">
        {data.classNames.map((name, i) => (
          <li key={name}>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" fill={CLASS_COLORS[i % CLASS_COLORS.length]} />
            </svg>
            {classLabel(dataset, i, name)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
