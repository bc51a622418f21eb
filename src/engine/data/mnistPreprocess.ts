/** Side of the box a digit is scaled to fit (LeCun et al.: 20 × 20, aspect ratio kept). */
export const DIGIT_BOX = 20;

/** Side of an MNIST image. */
export const MNIST_SIDE = 28;

/** Ink below this level counts as background when finding the drawing's bounding box. */
const INK_THRESHOLD = 0.05;

/** A grey image: `width × height` values in [0, 1], row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** The bounding box of the ink (inclusive-exclusive), or null when nothing is drawn. */
export function inkBox(img: GreyImage): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Resamples a region by area averaging (each target pixel is the mean of the source area it covers): anti-aliased grey levels. */
export function resampleArea(img: GreyImage, box: { x0: number; y0: number; x1: number; y1: number }, width: number, height: number): GreyImage {
  const sx = (box.x1 - box.x0) / width;
  const sy = (box.y1 - box.y0) / height;
  const out = new Float32Array(width * height);
  for (let ty = 0; ty < height; ty++) {
    const top = box.y0 + ty * sy;
    const bottom = top + sy;
    for (let tx = 0; tx < width; tx++) {
      const left = box.x0 + tx * sx;
      const right = left + sx;
      let sum = 0;
      for (let y = Math.floor(top); y < Math.ceil(bottom); y++) {
        const oy = Math.min(bottom, y + 1) - Math.max(top, y);
        if (oy <= 0) continue;
        for (let x = Math.floor(left); x < Math.ceil(right); x++) {
          const ox = Math.min(right, x + 1) - Math.max(left, x);
          if (ox <= 0) continue;
          sum += img.data[y * img.width + x]! * ox * oy;
        }
      }
      out[ty * width + tx] = sum / (sx * sy);
    }
  }
  return { width, height, data: out };
}

/** The centre of mass of an image's ink, in pixel coordinates (pixel centres at +0.5). */
export function centreOfMass(img: GreyImage): { x: number; y: number } {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x]!;
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : { x: img.width / 2, y: img.height / 2 };
}

/**
 * Preprocesses a drawing as MNIST was: the ink's bounding box is scaled (aspect ratio kept, area-averaged grey
 * levels) to fit a 20 × 20 box, then placed in a 28 × 28 image so that its centre of mass is at the centre.
 * Returns 784 values in [0, 1], or null when nothing is drawn.
 */
export function preprocessDigit(drawing: GreyImage): Float32Array | null {
  const box = inkBox(drawing);
  if (!box) return null;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = DIGIT_BOX / Math.max(w, h);
  const tw = Math.max(1, Math.min(DIGIT_BOX, Math.round(w * scale)));
  const th = Math.max(1, Math.min(DIGIT_BOX, Math.round(h * scale)));
  const small = resampleArea(drawing, box, tw, th);
  const com = centreOfMass(small);
  const ox = Math.round(MNIST_SIDE / 2 - com.x);
  const oy = Math.round(MNIST_SIDE / 2 - com.y);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < th; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < tw; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      out[ty * MNIST_SIDE + tx] = Math.min(1, Math.max(0, small.data[y * tw + x]!));
    }
  }
  return out;
}
