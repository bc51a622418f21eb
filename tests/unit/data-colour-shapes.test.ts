import { describe, expect, it } from 'vitest';
import {
  COLOUR_SHAPE_CLASS_NAMES,
  COLOUR_SHAPES_COUNT,
  COLOUR_SHAPES_STYLE,
  drawColourShape,
  drawShape,
  generateColourShapes,
} from '../../src/engine/data/colourShapes';
import { DATASETS } from '../../src/engine/data/registry';
import { Rng } from '../../src/engine/rng';

const PIXELS = 32 * 32 * 3;

describe('the built-in colour set', () => {
  it('is registered as a 32×32×3 image set of ten shapes that appears in the Dataset menu', () => {
    const e = DATASETS['colour-shapes'];
    expect(e.toy).toBe(false);
    expect(e.inputShape).toEqual([32, 32, 3]);
    expect(e.classNames).toEqual(COLOUR_SHAPE_CLASS_NAMES);
    expect(e.numClasses).toBe(10);
    expect(e.files).toBeUndefined();
  });

  it('draws the same pixels for the same seed and different ones for another seed', () => {
    const a = generateColourShapes(40, 7);
    const b = generateColourShapes(40, 7);
    const c = generateColourShapes(40, 8);
    expect(a.x.length).toBe(40 * PIXELS);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    let differ = 0;
    for (let i = 0; i < a.x.length; i++) if (a.x[i] !== c.x[i]) differ++;
    expect(differ).toBeGreaterThan(a.x.length / 2);
  });

  it('loads 4,000 / 1,000 pictures, 400 / 100 per class, deterministic per seed, every value in [0, 1]', async () => {
    const e = DATASETS['colour-shapes'];
    const progress: number[] = [];
    const d = await e.load({ seed: 3, noise: 0, samples: 0 }, (f) => progress.push(f));
    expect(d.train.count + d.test.count).toBe(COLOUR_SHAPES_COUNT);
    expect([d.train.count, d.test.count]).toEqual([4000, 1000]);
    expect(d.train.x.length).toBe(4000 * PIXELS);
    for (let k = 0; k < 10; k++) {
      expect(d.train.y.filter((y) => y === k).length).toBe(400);
      expect(d.test.y.filter((y) => y === k).length).toBe(100);
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of d.train.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(progress.at(-1)).toBe(1);
    const again = await e.load({ seed: 3, noise: 0, samples: 0 }, () => {});
    expect(Buffer.from(again.test.x.buffer).equals(Buffer.from(d.test.x.buffer))).toBe(true);
    expect(Array.from(again.train.y.subarray(0, 50))).toEqual(Array.from(d.train.y.subarray(0, 50)));
  }, 30_000);

  it('gives colour no class information: every class has about the same mean pixel and mean channels', () => {
    const s = generateColourShapes(1000, 11);
    const means = Array.from({ length: 10 }, () => [0, 0, 0]);
    for (let i = 0; i < s.count; i++) {
      for (let p = 0; p < 32 * 32; p++) for (let ch = 0; ch < 3; ch++) means[s.y[i]!]![ch]! += s.x[i * PIXELS + p * 3 + ch]! / (100 * 32 * 32);
    }
    for (const m of means) for (let ch = 0; ch < 3; ch++) expect(Math.abs(m[ch]! - 0.5)).toBeLessThan(0.06);
  });

  it('has a textured background: no picture is flat, and neighbouring pixels differ by the noise', () => {
    const s = generateColourShapes(20, 5);
    for (let i = 0; i < s.count; i++) {
      const img = s.x.subarray(i * PIXELS, (i + 1) * PIXELS);
      const mean = img.reduce((a, v) => a + v, 0) / img.length;
      const sd = Math.sqrt(img.reduce((a, v) => a + (v - mean) ** 2, 0) / img.length);
      expect(sd).toBeGreaterThan(0.05);
    }
  });

  it('draws a shape with exact coverage: full inside, two thirds on an edge, four ninths at a corner', () => {
    // A 7 × 7 px square centred at (8, 8): its edges run along x = 4.5 and 11.5, through the pixels' sample columns.
    const img = new Float32Array(16 * 16 * 3);
    const colour = [1, 0.5, 0.25];
    drawShape(img, 16, (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 1, 8, 8, 3.5, 0, colour);
    const at = (row: number, col: number) => Array.from(img.subarray((row * 16 + col) * 3, (row * 16 + col) * 3 + 3));
    const scaled = (k: number) => colour.map((c) => c * k);
    const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 6));
    close(at(8, 8), colour);
    close(at(5, 10), colour);
    close(at(8, 4), scaled(6 / 9)); // samples at x = 4.17 (out), 4.5 and 4.83 (in); all three rows in
    close(at(8, 11), scaled(6 / 9)); // samples at x = 11.17 and 11.5 (in), 11.83 (out)
    close(at(4, 4), scaled(4 / 9));
    close(at(11, 11), scaled(4 / 9));
    close(at(8, 3), [0, 0, 0]);
    close(at(2, 8), [0, 0, 0]);
    // A quarter turn leaves the square's pixels where they were.
    const turned = new Float32Array(16 * 16 * 3);
    drawShape(turned, 16, (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 1, 8, 8, 3.5, Math.PI / 2, colour);
    for (let i = 0; i < img.length; i++) expect(turned[i]).toBeCloseTo(img[i]!, 5);
  });

  it("adds pixel noise within the style's bound: the same draw without noise differs by at most ±0.03 (shipped style)", () => {
    // The noise is drawn for every picture whatever its width, so both draws take the same random numbers.
    let most = 0;
    for (let label = 0; label < 10; label++) {
      const noisy = drawColourShape(label, new Rng(100 + label));
      const clean = drawColourShape(label, new Rng(100 + label), 32, undefined, { ...COLOUR_SHAPES_STYLE, noise: 0 });
      for (let i = 0; i < noisy.length; i++) {
        const d = Math.abs(noisy[i]! - clean[i]!);
        expect(d).toBeLessThanOrEqual(COLOUR_SHAPES_STYLE.noise + 1e-6);
        most = Math.max(most, d);
      }
    }
    expect(most).toBeGreaterThan(0.025);
  });

  it('refuses a class outside 0–9 and a picture buffer of the wrong size', () => {
    expect(() => drawColourShape(10, new Rng(1))).toThrow('classes 0–9; got 10');
    expect(() => drawColourShape(0, new Rng(1), 32, new Float32Array(10))).toThrow('needs 3072 values');
  });
});
