import { useLayoutEffect, useRef } from 'react';
import type { Split } from '../../engine/data/types';
import type { BoundaryFrame } from '../../store/boundarySlice';
import { CLASS_COLORS } from '../palette';
import { paintGrid } from './paintGrid';

/** Side of a boundary map in CSS pixels. */
export const MAP_SIZE = 200;

/** Draws one grid (ImageData, scaled without smoothing) and the test points over it. */
function draw(canvas: HTMLCanvasElement, scratch: HTMLCanvasElement, frame: BoundaryFrame, numClasses: number, points: Split | null): void {
  const ctx = canvas.getContext('2d');
  const sctx = scratch.getContext('2d');
  if (!ctx || !sctx) return;
  const dpr = window.devicePixelRatio || 1;
  const side = Math.round(MAP_SIZE * dpr);
  if (canvas.width !== side) canvas.width = canvas.height = side;
  if (scratch.width !== frame.size) scratch.width = scratch.height = frame.size;
  sctx.putImageData(new ImageData(paintGrid(frame, CLASS_COLORS, numClasses), frame.size, frame.size), 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, side, side);
  if (!points) return;
  const { xMin, xMax, yMin, yMax } = frame.extent;
  ctx.lineWidth = Math.max(1, dpr);
  ctx.strokeStyle = '#1b1f24';
  for (let i = 0; i < points.count; i++) {
    const px = ((points.x[2 * i]! - xMin) / (xMax - xMin)) * side;
    const py = ((yMax - points.x[2 * i + 1]!) / (yMax - yMin)) * side;
    ctx.beginPath();
    ctx.arc(px, py, 2.6 * dpr, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[points.y[i]! % CLASS_COLORS.length]!;
    ctx.fill();
    ctx.stroke();
  }
}

/** One model's decision-boundary map: redrawn (cheaply, once per new grid) before the browser paints. */
export function BoundaryCanvas({ frame, numClasses, points, label }: { frame: BoundaryFrame; numClasses: number; points: Split | null; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scratch = useRef<HTMLCanvasElement | null>(null);
  useLayoutEffect(() => {
    if (!canvas.current) return;
    scratch.current ??= document.createElement('canvas');
    draw(canvas.current, scratch.current, frame, numClasses, points);
  }, [frame, numClasses, points]);
  return <canvas ref={canvas} role="img" aria-label={label} style={{ width: MAP_SIZE, height: MAP_SIZE }} />;
}
