import type { ReactElement } from 'react';
import { Curve, type LineDrawShapeProps } from 'recharts';
import { describe, expect, it } from 'vitest';
import { PlainLineShape } from '../../src/ui/charts/PlainLineShape';

describe('plain line shape (no path-length measuring)', () => {
  it("draws recharts' Curve with the line's points, class and stroke, and without the path ref or animation props", () => {
    const points = [
      { x: 0, y: 10, value: 1, payload: {} },
      { x: 5, y: 4, value: 2, payload: {} },
    ];
    const props = {
      points,
      type: 'linear',
      layout: 'horizontal',
      connectNulls: true,
      className: 'recharts-line-curve',
      stroke: '#123456',
      strokeWidth: 2,
      strokeDasharray: '4 3',
      fill: 'none',
      pathRef: { current: null },
      visibleLength: 12,
      animationElapsedTime: 1,
      isAnimating: false,
      isEntrance: false,
    } as unknown as LineDrawShapeProps;
    const el = PlainLineShape(props) as ReactElement<Record<string, unknown>>;
    expect(el.type).toBe(Curve);
    expect(el.props).toMatchObject({ points, type: 'linear', layout: 'horizontal', connectNulls: true, className: 'recharts-line-curve', stroke: '#123456', strokeWidth: 2, strokeDasharray: '4 3', fill: 'none' });
    // Without the ref, recharts' Line finds no path to measure (getTotalLength) at each render.
    for (const gone of ['pathRef', 'visibleLength', 'animationElapsedTime', 'isAnimating', 'isEntrance']) expect(el.props).not.toHaveProperty(gone);
  });
});
