import { describe, expect, it } from 'vitest';
import { classShares, colourWeight, hexToRgb, paintGrid } from '../../src/ui/boundaries/paintGrid';

const GRID = {
  size: 2,
  extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
  classes: Uint8Array.from([1, 1, 0, 1]),
  confidence: Uint8Array.from([255, 128, 255, 0]),
};

describe('boundary heatmap pixels', () => {
  it('parses class colours', () => {
    expect(hexToRgb('#56B4E9')).toEqual([86, 180, 233]);
  });

  it('weights the class colour from 0.2 at chance to 0.85 when certain', () => {
    expect(colourWeight(255, 2)).toBeCloseTo(0.85, 9);
    expect(colourWeight(0, 2)).toBeCloseTo(0.2, 9); // below chance is clamped
    // 3 classes: chance is 1/3; 170/255 = 2/3 is halfway to certainty.
    expect(colourWeight(170, 3)).toBeCloseTo(0.2 + 0.65 * 0.5, 9);
  });

  it('blends each cell with white by confidence, row-major, opaque', () => {
    const px = paintGrid(GRID, ['#E69F00', '#56B4E9'], 2);
    expect(px.length).toBe(16);
    // Cell 0: class 1 (86, 180, 233) at weight 0.85 → 255 − 0.85·(169, 75, 22) = (111.35, 191.25, 236.3).
    expect(Array.from(px.subarray(0, 4))).toEqual([111, 191, 236, 255]);
    // Cell 2: class 0 (230, 159, 0) at weight 0.85 → (233.75, 173.4, 38.25).
    expect(Array.from(px.subarray(8, 12))).toEqual([234, 173, 38, 255]);
    // Cell 3: class 1 at chance confidence, weight 0.2 → (221.2, 240, 250.6).
    expect(Array.from(px.subarray(12, 16))).toEqual([221, 240, 251, 255]);
  });

  it('counts the share of cells per class', () => {
    expect(classShares(GRID, 3)).toEqual([0.25, 0.75, 0]);
  });
});
