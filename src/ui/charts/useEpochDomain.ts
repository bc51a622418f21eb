import { useMemo } from 'react';
import type { AxisDomain } from 'recharts';

/**
 * An epoch axis from `from` to the run's `epochs`, fixed while the curves grow: they fill it from left to right instead
 * of rescaling it at every redraw, and recharts keeps its ticks and grid. recharts still stretches it over a point
 * beyond it (a run restored with other settings); with no epoch count known it follows the data.
 */
export function useEpochDomain(from: number, epochs: number): AxisDomain {
  return useMemo(() => (epochs > 0 ? [from, epochs] : [from, 'dataMax']), [from, epochs]);
}
