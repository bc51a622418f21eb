import { useStudio } from '../../store';
import { plainTick } from '../charts/PlainTick';

/** Font and size settings of the charts. */
export interface ChartFont {
  /** Axis tick style (recharts `tick`): recharts' own labels, which wrap (category axes). */
  tick: { fontSize: number };
  /** Numeric axis tick labels (recharts `tick`): one line of plain text, never measured in the DOM. */
  numberTick: ReturnType<typeof plainTick>;
  /** Font size of axis and reference-line labels. */
  label: number;
  /** Factor applied to chart heights. */
  scale: number;
}

const NORMAL: ChartFont = { tick: { fontSize: 12 }, numberTick: plainTick(12), label: 12, scale: 1 };
const LARGE: ChartFont = { tick: { fontSize: 18 }, numberTick: plainTick(18), label: 18, scale: 1.35 };

/** Chart fonts: larger in large-font (projector) mode, so axis ticks stay readable from the back of a room. */
export function useChartFont(): ChartFont {
  return useStudio((s) => s.share.large) ? LARGE : NORMAL;
}
