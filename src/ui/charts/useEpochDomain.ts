import { useMemo } from 'react';
import type { AxisDomain } from 'recharts';

/**
 * The upper end of an epoch axis for recharts: the run's `epochs`, or the data's largest x when a point lies beyond it
 * (a run restored with other settings), or the run's epochs when there is no data yet; the data's own maximum when no
 * epoch count is known.
 */
export function epochAxisEnd(epochs: number): 'dataMax' | ((dataMax: number) => number) {
  if (!(epochs > 0)) return 'dataMax';
  return (dataMax) => (Number.isFinite(dataMax) ? Math.max(dataMax, epochs) : epochs);
}

/**
 * An epoch axis from `from` to the run's `epochs`, fixed while the curves grow: the curves fill it from left to right
 * instead of rescaling it at every redraw, and recharts keeps its ticks and grid (see `epochAxisEnd`).
 */
export function useEpochDomain(from: number, epochs: number): AxisDomain {
  return useMemo(() => [from, epochAxisEnd(epochs)], [from, epochs]);
}
