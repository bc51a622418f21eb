import { memo } from 'react';
import { Line, type LineProps } from 'recharts';
import { PLAIN_LINE } from './PlainLineShape';

/**
 * A live chart's line: recharts' `Line` with the plain props, memoised. A `Line` that renders dispatches its legend
 * entry (a new array each render) and, when its data changed, its tooltip and item settings to the chart's store, and
 * each dispatch re-runs the chart's selectors. So a chart redraw re-renders only the lines whose props changed.
 */
export const PlainLine = memo(function PlainLine(props: LineProps) {
  return <Line {...PLAIN_LINE} {...props} />;
});
