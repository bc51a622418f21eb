import type { PixelImage } from './pixels';

/** Square sizes an image set can be resized to. */
export const IMAGE_SIZES = [16, 24, 32, 48, 64] as const;

/** One of the offered square sizes. */
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** The default square size. */
export const DEFAULT_IMAGE_SIZE: ImageSize = 32;

/** How a non-square image becomes square: its centre square is kept, or it is padded (with white) to a square. */
export type FitMode = 'crop' | 'pad';

/** White, the padding colour (the same white alpha is flattened on). */
const PAD = 255;

/** The square of side min(w, h) at the centre of an RGB image (offsets rounded down). */
export function centreCrop(img: PixelImage): PixelImage {
  const side = Math.min(img.width, img.height);
  const x0 = Math.floor((img.width - side) / 2);
  const y0 = Math.floor((img.height - side) / 2);
  const out = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    const from = ((y0 + y) * img.width + x0) * 3;
    out.set(img.data.subarray(from, from + side * 3), y * side * 3);
  }
  return { width: side, height: side, channels: 3, data: out };
}

/** The image centred on a white square of side max(w, h) (offsets rounded down). */
export function padToSquare(img: PixelImage): PixelImage {
  const side = Math.max(img.width, img.height);
  const x0 = Math.floor((side - img.width) / 2);
  const y0 = Math.floor((side - img.height) / 2);
  const out = new Uint8Array(side * side * 3).fill(PAD);
  for (let y = 0; y < img.height; y++) {
    out.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y0 + y) * side + x0) * 3);
  }
  return { width: side, height: side, channels: 3, data: out };
}

/**
 * For each output cell of a 1-D resample from `from` to `to` samples: the source samples it covers and the overlap of
 * each (output cell i spans [i·from/to, (i+1)·from/to) in source units). Weights of a cell sum to from/to.
 */
export function boxWeights(from: number, to: number): { first: number; weights: number[] }[] {
  const cells: { first: number; weights: number[] }[] = [];
  for (let i = 0; i < to; i++) {
    // Exact rational bounds: lo = i·from/to, hi = (i+1)·from/to.
    const lo = (i * from) / to;
    const hi = ((i + 1) * from) / to;
    const first = Math.floor(lo);
    const weights: number[] = [];
    for (let s = first; s < hi && s < from; s++) weights.push(Math.min(hi, s + 1) - Math.max(lo, s));
    cells.push({ first, weights });
  }
  return cells;
}

/** A 1-D box resample's cells with integer weights: each source sample's overlap with the cell, times `to` (exact). */
function integerCells(from: number, to: number): { first: number; weights: Int32Array }[] {
  return boxWeights(from, to).map((c) => ({ first: c.first, weights: Int32Array.from(c.weights, (v) => Math.round(v * to)) }));
}

/**
 * Area-average (box) resampling of a square RGB image to `size × size`: each output pixel is the mean of the source
 * area it covers, partial pixels weighted by their overlap, rounded half up to uint8. Deterministic: the same bytes
 * in every browser and in Node. Separable and exact: the overlaps times `size` are integers, so the sums are exact
 * integers (below 2^53 for any accepted picture) and the rounding is that of the true mean.
 */
export function resampleBox(img: PixelImage, size: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const cols = integerCells(w, size);
  const rows = integerCells(h, size);
  // Rows first: each source row to `size` column sums (3 channels).
  const across = new Float64Array(h * size * 3);
  for (let y = 0; y < h; y++) {
    const rowAt = y * w;
    for (let ox = 0; ox < size; ox++) {
      const c = cols[ox]!;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0, p = (rowAt + c.first) * 3; i < c.weights.length; i++, p += 3) {
        const wgt = c.weights[i]!;
        r += data[p]! * wgt;
        g += data[p + 1]! * wgt;
        b += data[p + 2]! * wgt;
      }
      const o = (y * size + ox) * 3;
      across[o] = r;
      across[o + 1] = g;
      across[o + 2] = b;
    }
  }
  // Then down the columns; the total weight of a cell is (w/size)·(h/size)·size² = w·h.
  const area = w * h;
  const out = new Uint8Array(size * size * 3);
  for (let oy = 0; oy < size; oy++) {
    const r = rows[oy]!;
    for (let k = 0; k < size * 3; k++) {
      let sum = 0;
      for (let j = 0; j < r.weights.length; j++) sum += across[(r.first + j) * size * 3 + k]! * r.weights[j]!;
      out[oy * size * 3 + k] = Math.min(255, Math.floor((2 * sum + area) / (2 * area)));
    }
  }
  return out;
}

/** An RGB image made square (centre crop or white padding) and box-resampled to `size × size` RGB bytes. */
export function fitSquare(img: PixelImage, size: number, fit: FitMode): Uint8Array {
  const square = img.width === img.height ? img : fit === 'crop' ? centreCrop(img) : padToSquare(img);
  return resampleBox(square, size);
}
