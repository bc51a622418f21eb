import type { BaseTickContentProps } from 'recharts';

/** Baseline shift of one line of text for recharts' vertical anchors (its Text component's cap-height rule). */
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * An axis tick label as plain SVG text, for recharts' `tick` prop. Recharts' own tick label gets the axis width, which
 * turns on word wrapping: every new label (a redraw's new tick values) is measured in the DOM, one forced layout each,
 * which was most of the main thread's longest task in a profiled run. A tick label is one short line: nothing to wrap.
 */
export function plainTick(fontSize: number) {
  return function PlainTick(props: BaseTickContentProps) {
    const { x, y, textAnchor, verticalAnchor, fill, className, index, payload, tickFormatter } = props;
    const label = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value ?? '');
    return (
      <text x={x} y={y} dy={DY[verticalAnchor]} textAnchor={textAnchor} fill={fill} fontSize={fontSize} className={`recharts-text ${className ?? ''}`.trim()}>
        {label}
      </text>
    );
  };
}
