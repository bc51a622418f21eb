import { useMemo } from 'react';
import type { AxisDomain } from 'recharts';

/**
 * An epoch axis from `from` to the run's `epochs`, fixed while the curves grow: the curves fill it from left to right
 * instead of rescaling it at every redraw, and recharts keeps its ticks and grid. Still stretches when a point lies
 * beyond it (a run restored with other settings); with no data yet it is the run's epochs, and with no epoch count
 * known it follows the data.
 */
export function useEpochDomain(from: number, epochs: number): AxisDomain {
  return useMemo(() => [from, epochs > 0 ? (dataMax: number) => (Number.isFinite(dataMax) ? Math.max(dataMax, epochs) : epochs) : 'dataMax'], [from, epochs]);
}
