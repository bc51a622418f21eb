import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from '../../src/engine/calibration';
import { mean, sampleStd, spread } from '../../src/engine/stats';

describe('expected calibration error (15 bins)', () => {
  it('separate bins: the mean |accuracy − confidence| weighted by bin size', () => {
    // 0.9 → bin 13, 0.8 → bin 12, 0.3 → bin 4, 0.95 → bin 14: ECE = (0.1 + 0.8 + 0.7 + 0.05) / 4
    expect(expectedCalibrationError([0.9, 0.8, 0.3, 0.95], [true, false, true, true])).toBeCloseTo(0.4125, 12);
  });

  it('one shared bin compares the bin accuracy with its mean confidence', () => {
    // all in bin 9: accuracy 2/3, mean confidence 0.62
    expect(expectedCalibrationError([0.61, 0.62, 0.63], [1, 1, 0])).toBeCloseTo(2 / 3 - 0.62, 12);
  });

  it('mixes bins by their share of examples', () => {
    // bin 14: conf 1.0 and 0.98, both right → |1 − 0.99| · 2/4; bin 7: conf 0.5 twice, one right → 0 · 2/4
    expect(expectedCalibrationError([1, 0.98, 0.5, 0.5], [1, 1, 1, 0])).toBeCloseTo(0.005, 12);
  });

  it('is 0 for a perfectly calibrated set and for no examples, and rejects mismatched inputs', () => {
    expect(expectedCalibrationError([1, 1, 1], [1, 1, 1])).toBe(0);
    expect(expectedCalibrationError([], [])).toBe(0);
    expect(() => expectedCalibrationError([0.5], [])).toThrow(/differ in length/);
  });

  it('respects a custom bin count', () => {
    // with 2 bins, 0.4 and 0.6 fall apart; with 1 bin they share: |0.5 − 0.5| = 0
    expect(expectedCalibrationError([0.4, 0.6], [0, 1], 2)).toBeCloseTo((0.4 + 0.4) / 2, 12);
    expect(expectedCalibrationError([0.4, 0.6], [0, 1], 1)).toBeCloseTo(0, 12);
  });
});

describe('stats', () => {
  it('mean and sample standard deviation by hand', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // deviations ±1.5, ±0.5 → (2.25·2 + 0.25·2) / 3 = 5/3
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(sampleStd([7])).toBe(0);
    expect(spread([2, 4])).toEqual({ mean: 3, std: Math.SQRT2, n: 2 });
  });
});
