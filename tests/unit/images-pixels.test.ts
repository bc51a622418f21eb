import { describe, expect, it } from 'vitest';
import { jpegOrientation, withoutOrientation, type Orientation } from '../../src/engine/data/images/exifOrientation';
import { boxWeights, centreCrop, fitSquare, padToSquare, resampleBox } from '../../src/engine/data/images/fitSquare';
import { applyOrientation, flattenOnWhite, type PixelImage } from '../../src/engine/data/images/pixels';
import { prepareImage } from '../../src/engine/data/images/imageSet';
import { uprightSquareRgb } from '../../src/engine/data/images/squareRgb';

/** A JPEG head with an APP1 Exif block holding orientation `o` in the given byte order (plus a second tag before it). */
function exifJpeg(o: number, littleEndian: boolean): Uint8Array {
  const u16 = (v: number) => (littleEndian ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
  const u32 = (v: number) => (littleEndian ? [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24] : [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
  const tiff = [...(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(2), ...u16(0x010f), ...u16(2), ...u32(4), 0x41, 0x42, 0x43, 0, ...u16(0x0112), ...u16(3), ...u32(1), ...u16(o), 0, 0, ...u32(0)];
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff, ...app1, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
}

/** A `w × h` RGB image whose pixel (x, y) is [10y + x, 100 + 10y + x, 200 − x]. */
function numbered(w: number, h: number): PixelImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([10 * y + x, 100 + 10 * y + x, 200 - x], (y * w + x) * 3);
  return { width: w, height: h, channels: 3, data };
}

/** The image as rows of pixel triples (for a readable reference). */
function rows(img: PixelImage): number[][][] {
  return Array.from({ length: img.height }, (_, y) => Array.from({ length: img.width }, (_, x) => Array.from(img.data.subarray((y * img.width + x) * img.channels, (y * img.width + x + 1) * img.channels))));
}

// Reference transforms on row arrays, built from two primitives.
const rot90cw = <T>(m: T[][]): T[][] => m[0]!.map((_, c) => m.map((r) => r[c]!).reverse());
const mirrorH = <T>(m: T[][]): T[][] => m.map((r) => [...r].reverse());
const mirrorV = <T>(m: T[][]): T[][] => [...m].reverse();

describe('EXIF orientation', () => {
  it('reads the orientation tag in both byte orders, and 1 when there is none', () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(jpegOrientation(exifJpeg(o, true))).toBe(o);
      expect(jpegOrientation(exifJpeg(o, false))).toBe(o);
    }
    expect(jpegOrientation(exifJpeg(9, true))).toBe(1); // out of range
    expect(jpegOrientation(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]))).toBe(1);
    expect(jpegOrientation(new Uint8Array([0x89, 0x50]))).toBe(1);
  });

  it('neutralises the tag in a copy (decoders then see upright pixels) and leaves the original alone', () => {
    const original = exifJpeg(6, false);
    const { bytes, orientation } = withoutOrientation(original);
    expect(orientation).toBe(6);
    expect(jpegOrientation(bytes)).toBe(1);
    expect(jpegOrientation(original)).toBe(6);
    expect(bytes.length).toBe(original.length);
    expect(Array.from(bytes).filter((b, i) => b !== original[i])).toHaveLength(1);
  });

  it('applies each orientation as the TIFF specification describes it', () => {
    const img = numbered(3, 2);
    const m = rows(img);
    const expected: Record<Orientation, number[][][]> = {
      1: m,
      2: mirrorH(m),
      3: rot90cw(rot90cw(m)),
      4: mirrorV(m),
      5: mirrorH(rot90cw(m)), // transpose
      6: rot90cw(m),
      7: mirrorV(rot90cw(m)), // transverse
      8: rot90cw(rot90cw(rot90cw(m))),
    };
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const out = applyOrientation(img, o);
      expect(rows(out), `orientation ${o}`).toEqual(expected[o]);
    }
    expect(applyOrientation(img, 6)).toMatchObject({ width: 2, height: 3 });
    // By hand: orientation 6 puts the stored bottom-left pixel (0, 1) at the top-left.
    expect(rows(applyOrientation(img, 6))[0]![0]).toEqual([10, 110, 200]);
  });
});

describe('alpha on white', () => {
  it('composites RGBA over white, rounding to the nearest byte', () => {
    const rgba = Uint8Array.from([100, 50, 0, 128, 9, 8, 7, 255, 9, 8, 7, 0, 255, 0, 0, 1]);
    const out = flattenOnWhite({ width: 4, height: 1, channels: 4, data: rgba });
    // (100·128 + 255·127)/255 = 177.2 → 177; (50·128 + 32385)/255 = 152.1 → 152; 32385/255 = 127.
    expect(Array.from(out.data)).toEqual([177, 152, 127, 9, 8, 7, 255, 255, 255, 255, 254, 254]);
    expect(out.channels).toBe(3);
  });
});

/**
 * Area average computed in integers: source pixel s spans [s·to, (s+1)·to) and output cell i spans [i·from, (i+1)·from)
 * in units of 1/to pixel, so overlaps are integers; the mean is rounded half up.
 */
function referenceBox(img: PixelImage, size: number): number[] {
  const overlap = (from: number, i: number, s: number) => Math.max(0, Math.min((i + 1) * from, (s + 1) * size) - Math.max(i * from, s * size));
  const out: number[] = [];
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      for (let k = 0; k < 3; k++) {
        let num = 0;
        for (let sy = 0; sy < img.height; sy++) for (let sx = 0; sx < img.width; sx++) num += img.data[(sy * img.width + sx) * 3 + k]! * overlap(img.width, ox, sx) * overlap(img.height, oy, sy);
        const den = img.width * img.height;
        out.push(Math.floor((2 * num + den) / (2 * den)));
      }
    }
  }
  return out;
}

describe('square fit and box resampling', () => {
  it('crops the centre square and pads with white, offsets rounded down', () => {
    const img = numbered(4, 2);
    expect(rows(centreCrop(img))).toEqual([
      [[1, 101, 199], [2, 102, 198]],
      [[11, 111, 199], [12, 112, 198]],
    ]);
    const tall = numbered(1, 3);
    const W = [255, 255, 255];
    expect(rows(padToSquare(tall))).toEqual([
      [W, [0, 100, 200], W],
      [W, [10, 110, 200], W],
      [W, [20, 120, 200], W],
    ]);
    expect(rows(centreCrop(numbered(5, 2)))).toEqual([
      [[1, 101, 199], [2, 102, 198]],
      [[11, 111, 199], [12, 112, 198]],
    ]);
  });

  it('weights each output cell by its overlap (cells of a 3→2 resample cover 1.5 pixels)', () => {
    expect(boxWeights(3, 2)).toEqual([
      { first: 0, weights: [1, 0.5] },
      { first: 1, weights: [0.5, 1] },
    ]);
    expect(boxWeights(2, 4)).toEqual([
      { first: 0, weights: [0.5] },
      { first: 0, weights: [0.5] },
      { first: 1, weights: [0.5] },
      { first: 1, weights: [0.5] },
    ]);
  });

  it('averages 2×2 blocks exactly when halving, by hand', () => {
    const data = Uint8Array.from([0, 0, 0, 10, 10, 10, 255, 0, 1, 255, 0, 0, 20, 20, 20, 30, 30, 31, 0, 255, 0, 0, 255, 0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 4]);
    const out = resampleBox({ width: 4, height: 4, channels: 3, data }, 2);
    // Top-left block: (0+10+20+30)/4 = 15, blue (0+10+20+31)/4 = 15.25 → 15. Top-right: red 255·2/4, green 255·2/4, blue 1/4 → 0.
    expect(Array.from(out.subarray(0, 6))).toEqual([15, 15, 15, 128, 128, 0]);
    expect(Array.from(out)).toEqual(referenceBox({ width: 4, height: 4, channels: 3, data }, 2));
  });

  it('matches the integer reference for fractional shrinking and for enlarging', () => {
    for (const [side, size] of [
      [3, 2],
      [5, 3],
      [7, 4],
      [37, 16],
      [2, 3],
      [5, 8],
    ] as const) {
      const data = Uint8Array.from({ length: side * side * 3 }, (_, i) => (i * 37 + ((i * i) % 11)) % 256);
      const img: PixelImage = { width: side, height: side, channels: 3, data };
      expect(Array.from(resampleBox(img, size)), `${side}→${size}`).toEqual(referenceBox(img, size));
    }
  });

  it('prepares a decoded RGBA image: orientation, white background, fit, resample', () => {
    // 2×1 RGBA: an opaque red pixel and a transparent one; orientation 6 makes it 1×2 (red on top).
    const rgba: PixelImage = { width: 2, height: 1, channels: 4, data: Uint8Array.from([255, 0, 0, 255, 0, 0, 0, 0]) };
    // Padding of a 1×2 image to 2×2 puts the column at x = 0: [[red, white], [white, white]].
    expect(Array.from(prepareImage(rgba, 6, { size: 2, fit: 'pad' }))).toEqual([255, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    // Upright, cropped to its left pixel: red. Padded and shrunk to 1×1: the mean of red, white, white, white (by hand: 255, 191.25 → 191, 191).
    expect(Array.from(prepareImage(rgba, 1, { size: 1, fit: 'crop' }))).toEqual([255, 0, 0]);
    expect(Array.from(prepareImage(rgba, 1, { size: 1, fit: 'pad' }))).toEqual([255, 191, 191]);
    expect(fitSquare(numbered(48, 32), 32, 'crop')).toHaveLength(32 * 32 * 3);
  });
});

describe('the one-pass upright square (what a camera-sized photo goes through)', () => {
  it('gives the bytes of orient → flatten on white → crop or pad, for every orientation, both fits and odd shapes', () => {
    for (const [w, h] of [
      [7, 4],
      [4, 7],
      [5, 5],
      [1, 3],
    ] as const) {
      const data = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? [255, 0, 128, 37][(i >> 2) % 4]! : (i * 53 + 7) % 256));
      const rgba: PixelImage = { width: w, height: h, channels: 4, data };
      for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
        const upright = flattenOnWhite(applyOrientation(rgba, o));
        expect(uprightSquareRgb(rgba, o, 'crop'), `${w}×${h} o${o} crop`).toEqual(centreCrop(upright));
        expect(uprightSquareRgb(rgba, o, 'pad'), `${w}×${h} o${o} pad`).toEqual(padToSquare(upright));
        const rgb: PixelImage = { width: w, height: h, channels: 3, data: flattenOnWhite(rgba).data };
        expect(uprightSquareRgb(rgb, o, 'crop'), `${w}×${h} o${o} rgb`).toEqual(centreCrop(applyOrientation(rgb, o)));
      }
    }
  });

  it('a photo-sized picture resamples to the reference bytes (exact integer sums)', () => {
    const [w, h] = [203, 151];
    const data = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37 + ((i * i) % 11)) % 256);
    const square = centreCrop({ width: w, height: h, channels: 3, data });
    for (const size of [16, 48]) expect(Array.from(resampleBox(square, size)), `→${size}`).toEqual(referenceBox(square, size));
  });
});
