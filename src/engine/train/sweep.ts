import type { SweepGrid } from './types';

/** Most points a sweep may have (each point is a full distillation). */
export const MAX_SWEEP_POINTS = 25;

/** The (T, α) points of a sweep grid in run order; an empty axis uses the config's value. */
export function sweepPoints(grid: SweepGrid, temperature: number, alpha: number): { temperature: number; alpha: number }[] {
  const ts = grid.temperatures.length > 0 ? grid.temperatures : [temperature];
  const as = grid.alphas.length > 0 ? grid.alphas : [alpha];
  const points: { temperature: number; alpha: number }[] = [];
  for (const a of as) for (const t of ts) points.push({ temperature: t, alpha: a });
  return points;
}
