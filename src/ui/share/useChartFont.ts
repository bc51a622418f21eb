import { useStudio } from '../../store';

/** Font and size settings of the charts. */
export interface ChartFont {
  /** Axis tick style (recharts `tick`). */
  tick: { fontSize: number };
  /** Font size of axis and reference-line labels. */
  label: number;
  /** Factor applied to chart heights. */
  scale: number;
}

const NORMAL: ChartFont = { tick: { fontSize: 12 }, label: 12, scale: 1 };
const LARGE: ChartFont = { tick: { fontSize: 18 }, label: 18, scale: 1.35 };

/** Chart fonts: larger in large-font (projector) mode, so axis ticks stay readable from the back of a room. */
export function useChartFont(): ChartFont {
  return useStudio((s) => s.share.large) ? LARGE : NORMAL;
}
