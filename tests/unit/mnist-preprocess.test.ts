import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBox, preprocessDigit, resampleArea, type GreyImage } from '../../src/engine/data/mnistPreprocess';

/** A blank image with a filled rectangle [x0, x1) × [y0, y1) of ink 1. */
function rect(width: number, height: number, x0: number, y0: number, x1: number, y1: number): GreyImage {
  const data = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 1;
  return { width, height, data };
}

describe('MNIST preprocessing of a drawing', () => {
  it('finds the ink box, and nothing for a blank pad', () => {
    expect(inkBox(rect(10, 10, 2, 3, 5, 9))).toEqual({ x0: 2, y0: 3, x1: 5, y1: 9 });
    expect(inkBox(rect(10, 10, 0, 0, 0, 0))).toBeNull();
    expect(preprocessDigit(rect(10, 10, 0, 0, 0, 0))).toBeNull();
  });

  it('area-averages: a 4×4 checker of 2×2 blocks halves to exact block values; a 1-px line over 2 px becomes 0.5', () => {
    const img = rect(4, 4, 0, 0, 2, 2); // top-left 2×2 block inked
    const half = resampleArea(img, { x0: 0, y0: 0, x1: 4, y1: 4 }, 2, 2);
    expect(Array.from(half.data)).toEqual([1, 0, 0, 0]);
    const line = rect(4, 4, 0, 0, 1, 4); // one column inked
    expect(Array.from(resampleArea(line, { x0: 0, y0: 0, x1: 4, y1: 4 }, 2, 2).data)).toEqual([0.5, 0, 0.5, 0]);
  });

  it('computes the centre of mass with pixel centres at +0.5', () => {
    expect(centreOfMass(rect(4, 4, 0, 0, 2, 2))).toEqual({ x: 1, y: 1 });
    expect(centreOfMass(rect(5, 3, 4, 2, 5, 3))).toEqual({ x: 4.5, y: 2.5 });
  });

  it('scales a tall stroke to 20 px high (aspect kept) and centres it by mass in 28 × 28', () => {
    // A 20 × 200 bar drawn off-centre on a 280 × 280 pad: it becomes 2 × 20 and sits in the middle.
    const out = preprocessDigit(rect(280, 280, 30, 50, 50, 250))!;
    expect(out).toHaveLength(784);
    const img = { width: 28, height: 28, data: out };
    expect(inkBox(img)).toEqual({ x0: 13, y0: 4, x1: 15, y1: 24 });
    expect(centreOfMass(img)).toEqual({ x: 14, y: 14 });
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(40, 4);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('centres by mass, not by box: an L shape is shifted toward its heavy side', () => {
    // A 20 × 20 L: a full-height left column (2 px) and a bottom row (2 px): mass is left/bottom of the box centre.
    const data = new Float32Array(20 * 20);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 2; x++) data[y * 20 + x] = 1;
    for (let y = 18; y < 20; y++) for (let x = 0; x < 20; x++) data[y * 20 + x] = 1;
    const out = preprocessDigit({ width: 20, height: 20, data })!;
    const com = centreOfMass({ width: 28, height: 28, data: out });
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    const box = inkBox({ width: 28, height: 28, data: out })!;
    expect(box.x1 - box.x0).toBe(20);
    expect(box.x0 + 10).toBeGreaterThan(14); // the box centre lies right of the mass centre
  });
});
