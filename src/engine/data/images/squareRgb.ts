import type { Orientation } from './exifOrientation';
import type { FitMode } from './fitSquare';
import type { PixelImage } from './pixels';

/** White, the padding colour and the colour alpha is flattened on. */
const WHITE = 255;

/**
 * Where the upright pixel (x, y) lives in the stored image, as `first + x·dx + y·dy` pixels (every EXIF orientation
 * is a rotation or flip, so the map is affine); the upright width and height.
 */
function orientationMap(w: number, h: number, orientation: Orientation): { first: number; dx: number; dy: number; ow: number; oh: number } {
  const swap = orientation >= 5;
  // [sx, sy] of upright (x, y) = [ax·x + bx·y + cx, ay·x + by·y + cy], as applyOrientation defines it.
  const m: Record<Orientation, [number, number, number, number, number, number]> = {
    1: [1, 0, 0, 0, 1, 0],
    2: [-1, 0, w - 1, 0, 1, 0],
    3: [-1, 0, w - 1, 0, -1, h - 1],
    4: [1, 0, 0, 0, -1, h - 1],
    5: [0, 1, 0, 1, 0, 0],
    6: [0, 1, 0, -1, 0, h - 1],
    7: [0, -1, w - 1, -1, 0, h - 1],
    8: [0, -1, w - 1, 1, 0, 0],
  };
  const [ax, bx, cx, ay, by, cy] = m[orientation];
  return { first: cy * w + cx, dx: ay * w + ax, dy: by * w + bx, ow: swap ? h : w, oh: swap ? w : h };
}

/**
 * The upright, white-flattened RGB square an image set keeps before resizing, in one pass over the pixels it keeps:
 * the same bytes as `centreCrop`/`padToSquare(flattenOnWhite(applyOrientation(img)))`, without their three copies of a
 * camera-sized picture.
 */
export function uprightSquareRgb(img: PixelImage, orientation: Orientation, fit: FitMode): PixelImage {
  const { width: w, height: h, channels: c, data: d } = img;
  const { first, dx, dy, ow, oh } = orientationMap(w, h, orientation);
  const side = fit === 'crop' ? Math.min(ow, oh) : Math.max(ow, oh);
  // The square's (0, 0) in upright coordinates (crop: inside the image; pad: the image sits at −offset).
  const ox = fit === 'crop' ? Math.floor((ow - side) / 2) : -Math.floor((side - ow) / 2);
  const oy = fit === 'crop' ? Math.floor((oh - side) / 2) : -Math.floor((side - oh) / 2);
  const out = new Uint8Array(side * side * 3);
  if (fit === 'pad') out.fill(WHITE);
  const x0 = Math.max(0, -ox);
  const x1 = Math.min(side, ow - ox);
  for (let y = Math.max(0, -oy); y < Math.min(side, oh - oy); y++) {
    let src = first + (x0 + ox) * dx + (y + oy) * dy;
    let q = (y * side + x0) * 3;
    for (let x = x0; x < x1; x++, src += dx, q += 3) {
      const p = src * c;
      const a = c === 4 ? d[p + 3]! : 255;
      if (a === 255) {
        out[q] = d[p]!;
        out[q + 1] = d[p + 1]!;
        out[q + 2] = d[p + 2]!;
      } else {
        // round((v·a + 255·(255 − a)) / 255) in integers, halves up, as flattenOnWhite does.
        const white = WHITE * (255 - a);
        out[q] = Math.floor((2 * (d[p]! * a + white) + 255) / 510);
        out[q + 1] = Math.floor((2 * (d[p + 1]! * a + white) + 255) / 510);
        out[q + 2] = Math.floor((2 * (d[p + 2]! * a + white) + 255) / 510);
      }
    }
  }
  return { width: side, height: side, channels: 3, data: out };
}
