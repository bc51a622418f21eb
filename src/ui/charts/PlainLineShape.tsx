import { Curve, type LineDrawShapeProps } from 'recharts';

/**
 * A chart line's curve for recharts' `shape` prop, drawn without the path ref its default shape keeps. With that ref
 * recharts asks the browser for the path's total length (for its entrance animation, which the studio turns off) at
 * every render of every line: the largest single cost of a profiled run's redraws. Same path, class and stroke.
 */
export function PlainLineShape(props: LineDrawShapeProps) {
  const { pathRef: _pathRef, visibleLength: _visible, animationElapsedTime: _elapsed, isAnimating: _animating, isEntrance: _entrance, ...curve } = props;
  return <Curve {...curve} />;
}

/** The props every live chart line shares: no dots, no entrance animation, and the plain shape above. */
export const PLAIN_LINE = { dot: false, isAnimationActive: false, shape: PlainLineShape } as const;
