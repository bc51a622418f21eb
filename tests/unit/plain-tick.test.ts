import type { ReactElement } from 'react';
import type { BaseTickContentProps } from 'recharts';
import { describe, expect, it } from 'vitest';
import { plainTick } from '../../src/ui/charts/PlainTick';

/** The props recharts hands a tick renderer for one label (as its Ticks component builds them). */
function tickProps(over: Partial<BaseTickContentProps>): BaseTickContentProps {
  return {
    angle: 0,
    fill: '#666',
    stroke: '#666',
    index: 2,
    payload: { value: 0.25, coordinate: 40, index: 2, offset: 0 },
    textAnchor: 'end',
    tickFormatter: undefined,
    verticalAnchor: 'middle',
    visibleTicksCount: 5,
    className: 'recharts-cartesian-axis-tick-value',
    width: 56,
    x: 50,
    y: 40,
    ...over,
  } as BaseTickContentProps;
}

describe('plain tick labels (numeric axes, no DOM measuring)', () => {
  it("draws one SVG text with recharts' position, anchor, colour and class, at the chart font's size", () => {
    const el = plainTick(18)(tickProps({ tickFormatter: (v: unknown, i: number) => `${Number(v) * 100}%#${i}` })) as ReactElement<Record<string, unknown>>;
    expect(el.type).toBe('text');
    expect(el.props).toMatchObject({ x: 50, y: 40, textAnchor: 'end', fill: '#666', fontSize: 18, dy: '0.355em', children: '25%#2' });
    // The class the dark theme colours and the a11y test finds.
    expect(String(el.props.className).split(' ')).toEqual(['recharts-text', 'recharts-cartesian-axis-tick-value']);
    // Wrapping props never reach the element: nothing asks the DOM for a size.
    expect(el.props).not.toHaveProperty('width');
  });

  it("shifts the baseline as recharts' Text does for each vertical anchor, and prints the raw value without a formatter", () => {
    const at = (verticalAnchor: BaseTickContentProps['verticalAnchor']) => (plainTick(12)(tickProps({ verticalAnchor, payload: { value: 3, coordinate: 0, index: 0, offset: 0 } })) as ReactElement<Record<string, unknown>>).props;
    expect(at('start')).toMatchObject({ dy: '0.71em', children: '3', fontSize: 12 });
    expect(at('middle').dy).toBe('0.355em');
    expect(at('end').dy).toBe('0');
  });
});
