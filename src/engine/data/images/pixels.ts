import type { Orientation } from './exifOrientation';

/** A decoded image: `width × height` pixels of `channels` bytes each, row-major. */
export interface PixelImage {
  width: number;
  height: number;
  /** 4 for RGBA (as decoded), 3 for RGB. */
  channels: 3 | 4;
  data: Uint8Array;
}

/**
 * Applies an EXIF orientation to an image: the result is what the camera meant to show (2 mirror, 3 rotate 180°,
 * 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise).
 */
export function applyOrientation(img: PixelImage, orientation: Orientation): PixelImage {
  if (orientation === 1) return img;
  const { width: w, height: h, channels: c, data } = img;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(ow * oh * c);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // The source pixel shown at (x, y) of the upright image.
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          [sx, sy] = [w - 1 - x, y];
          break;
        case 3:
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break;
        case 4:
          [sx, sy] = [x, h - 1 - y];
          break;
        case 5:
          [sx, sy] = [y, x];
          break;
        case 6:
          [sx, sy] = [y, h - 1 - x];
          break;
        case 7:
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break;
        case 8:
          [sx, sy] = [w - 1 - y, x];
          break;
      }
      const from = (sy * w + sx) * c;
      out.set(data.subarray(from, from + c), (y * ow + x) * c);
    }
  }
  return { width: ow, height: oh, channels: c, data: out };
}

/** RGB of an RGBA image composited over white: `round(c·a/255 + 255·(1 − a/255))`; an RGB image comes back as is. */
export function flattenOnWhite(img: PixelImage): PixelImage {
  if (img.channels === 3) return img;
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  const d = img.data;
  for (let i = 0, p = 0, q = 0; i < n; i++, p += 4, q += 3) {
    const a = d[p + 3]!;
    if (a === 255) {
      out[q] = d[p]!;
      out[q + 1] = d[p + 1]!;
      out[q + 2] = d[p + 2]!;
    } else {
      // round(m / 255) for an integer m ≥ 0 is floor((2m + 255) / 510): integers only, halves rounded up as Math.round does.
      const white = 255 * (255 - a);
      for (let k = 0; k < 3; k++) out[q + k] = Math.floor((2 * (d[p + k]! * a + white) + 255) / 510);
    }
  }
  return { width: img.width, height: img.height, channels: 3, data: out };
}
