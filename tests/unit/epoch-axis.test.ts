import { describe, expect, it } from 'vitest';
import { epochAxisEnd } from '../../src/ui/charts/useEpochDomain';

describe('epochAxisEnd', () => {
  it("ends the axis at the run's epochs while the curves are shorter, so it does not rescale as they grow", () => {
    const end = epochAxisEnd(30);
    if (typeof end !== 'function') throw new Error('expected a function of the data maximum');
    expect(end(0.25)).toBe(30);
    expect(end(12)).toBe(30);
    expect(end(30)).toBe(30);
  });

  it('stretches to a point beyond the epochs, and is the epochs before any point exists', () => {
    const end = epochAxisEnd(30);
    if (typeof end !== 'function') throw new Error('expected a function of the data maximum');
    expect(end(31.5)).toBe(31.5);
    // recharts passes a non-finite maximum for an axis without data.
    expect(end(-Infinity)).toBe(30);
    expect(end(Number.NaN)).toBe(30);
  });

  it('follows the data when no epoch count is known', () => {
    expect(epochAxisEnd(0)).toBe('dataMax');
    expect(epochAxisEnd(Number.NaN)).toBe('dataMax');
  });
});
