import { useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectExamples } from '../../engine/inspect/examples';
import { CLASS_COLORS } from '../palette';
import { ModelProbabilities } from './ModelProbabilities';
import { usePredict } from './usePredict';

const SIZE = 280;

/** The plane's half-width in data units: the test points' largest coordinate, with a margin. */
function extentOf(features: Float32Array): number {
  let m = 0;
  for (const v of features) m = Math.max(m, Math.abs(v));
  return (m || 1) * 1.1;
}

/** Draws the test points and the probed point (a cross). */
function draw(canvas: HTMLCanvasElement, ex: InspectExamples, extent: number, probe: { x: number; y: number } | null): void {
  const ctx = canvas.getContext('2d');
  const f = ex.features;
  if (!ctx || !f) return;
  const at = (v: number) => SIZE / 2 + (v / extent) * (SIZE / 2);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, SIZE, SIZE);
  for (let i = 0; i < ex.count; i++) {
    ctx.beginPath();
    ctx.arc(at(f[2 * i]!), at(-f[2 * i + 1]!), 2.4, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[ex.labels[i]! % CLASS_COLORS.length]!;
    ctx.fill();
  }
  if (probe) {
    const px = at(probe.x);
    const py = at(-probe.y);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px - 9, py);
    ctx.lineTo(px + 9, py);
    ctx.moveTo(px, py - 9);
    ctx.lineTo(px, py + 9);
    ctx.stroke();
  }
}

/** Click anywhere on a 2-D set's plane (or type x and y) to see the three models' probabilities at that point. */
export function PlaneProbe({ examples, classNames }: { examples: InspectExamples; classNames: string[] }) {
  const { t } = useTranslation('glance');
  const canvas = useRef<HTMLCanvasElement>(null);
  const xId = useId();
  const yId = useId();
  const extent = useMemo(() => (examples.features ? extentOf(examples.features) : 1), [examples]);
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const { prediction, setInput } = usePredict();

  useEffect(() => {
    if (canvas.current) draw(canvas.current, examples, extent, probe);
  }, [examples, extent, probe]);

  const choose = (p: { x: number; y: number }) => {
    setProbe(p);
    setInput(Float32Array.of(p.x, p.y));
  };
  const click = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const sx = ((e.clientX - r.left) / r.width) * 2 - 1;
    const sy = ((e.clientY - r.top) / r.height) * 2 - 1;
    choose({ x: Number((sx * extent).toFixed(3)), y: Number((-sy * extent).toFixed(3)) });
  };
  const typed = (axis: 'x' | 'y', v: string) => {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n)) return;
    choose({ x: axis === 'x' ? n : (probe?.x ?? 0), y: axis === 'y' ? n : (probe?.y ?? 0) });
  };
  const where = probe ? t('tryit.point', { x: probe.x.toFixed(2), y: probe.y.toFixed(2) }) : '';
  return (
    <div className="plane-probe">
      <canvas ref={canvas} width={SIZE} height={SIZE} className="plane-canvas" role="img" aria-label={t('tryit.planeLabel')} onClick={click} />
      <div className="pair plane-coords">
        <div className="field">
          <label htmlFor={xId}>{t('tryit.x')}</label>
          <input id={xId} type="number" step={0.1} value={probe?.x ?? ''} onChange={(e) => typed('x', e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={yId}>{t('tryit.y')}</label>
          <input id={yId} type="number" step={0.1} value={probe?.y ?? ''} onChange={(e) => typed('y', e.currentTarget.value)} />
        </div>
      </div>
      <p className="hint">{t('tryit.planeHint')}</p>
      {probe && prediction?.logits ? (
        <ModelProbabilities logits={prediction.logits} classNames={classNames} trueClass={-1} what={where} />
      ) : probe && prediction?.problem ? (
        <p className="classroom-empty">{t(`tryit.problem.${prediction.problem}`)}</p>
      ) : null}
    </div>
  );
}
