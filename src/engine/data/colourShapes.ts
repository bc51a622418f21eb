/*
 * The built-in colour set: seeded, procedurally drawn 32×32 RGB pictures of ten shapes. Each picture has a
 * two-colour gradient background with faint pixel noise, at most one small distractor (a dot or a stroke) and one
 * large shape of a random colour, position, size and tilt (see COLOUR_SHAPES_STYLE). Colour carries no class information, so a
 * model has to see the shape's outline: a CNN does that well, a plain MLP on the pixels does not.
 * Pure TypeScript (no DOM, nothing downloaded): the same seed draws the same pixels on every platform.
 */
import { Rng } from '../rng';
import { stratifiedSplit } from './split';
import type { Dataset, DatasetEntry, Split } from './types';

/** The classes of the colour set, in label order. */
export const COLOUR_SHAPE_CLASS_NAMES = ['circle', 'square', 'triangle', 'cross', 'ring', 'star', 'bars', 'crescent', 'corner', 'frame'];

/** Side of a colour-set picture, in pixels. */
export const COLOUR_SHAPES_SIZE = 32;

/** Pictures drawn per set (80 % train, 20 % test, stratified): 500 per class. */
export const COLOUR_SHAPES_COUNT = 5000;

/** Fraction of the colour set held out for testing. */
export const COLOUR_SHAPES_TEST_FRACTION = 0.2;

/** Supersamples per pixel side when drawing a shape (3 × 3 = 9 samples give smooth edges). */
const SUPERSAMPLE = 3;

/** Is the point (u, v), in shape coordinates, inside the shape? */
export type Inside = (u: number, v: number) => boolean;

const TAU = 2 * Math.PI;

/** Is (u, v) inside the triangle of circumradius 1 pointing up? Each edge lies 0.5 from the centre. */
function inTriangle(u: number, v: number): boolean {
  for (let k = 0; k < 3; k++) {
    const a = -Math.PI / 2 + (k * TAU) / 3 + Math.PI; // outward normals opposite each vertex
    if (u * Math.cos(a) + v * Math.sin(a) > 0.5) return false;
  }
  return true;
}

/** Is (u, v) inside a five-pointed star of outer radius 1 and inner radius 0.45 (radius linear in the angle)? */
function inStar(u: number, v: number): boolean {
  const r = Math.hypot(u, v);
  if (r > 1) return false;
  const t = (((Math.atan2(v, u) + Math.PI / 2) / TAU) * 5 + 5) % 1; // 0 at a point, 0.5 between points
  return r <= 1 - 0.55 * (1 - Math.abs(1 - 2 * t));
}

/** Inside tests per class, in shape coordinates: the shape spans about [−1, 1] on both axes. */
const SHAPES: readonly Inside[] = [
  (u, v) => u * u + v * v <= 0.85,
  (u, v) => Math.abs(u) <= 0.78 && Math.abs(v) <= 0.78,
  inTriangle,
  (u, v) => (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(u) <= 1 && Math.abs(v) <= 0.3),
  (u, v) => {
    const r2 = u * u + v * v;
    return r2 <= 1 && r2 >= 0.3;
  },
  inStar,
  (u, v) => Math.abs(u) <= 0.9 && (Math.abs(v) <= 0.2 || (Math.abs(v) >= 0.5 && Math.abs(v) <= 0.9)),
  (u, v) => u * u + v * v <= 1 && (u - 0.45) ** 2 + v * v > 0.64,
  (u, v) => (u >= -0.85 && u <= -0.35 && Math.abs(v) <= 0.85) || (v >= 0.35 && v <= 0.85 && Math.abs(u) <= 0.85),
  (u, v) => Math.abs(u) <= 0.85 && Math.abs(v) <= 0.85 && (Math.abs(u) > 0.45 || Math.abs(v) > 0.45),
];

/** A random colour, channels in [0, 1]. */
function randomColour(rng: Rng): [number, number, number] {
  return [rng.next(), rng.next(), rng.next()];
}

/** Euclidean distance between two colours. */
function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/** Blends `colour` over the pixel at (row, col) with weight `cover` ∈ [0, 1]. */
function paint(img: Float32Array, size: number, row: number, col: number, colour: readonly number[], cover: number): void {
  if (row < 0 || row >= size || col < 0 || col >= size || cover <= 0) return;
  const o = (row * size + col) * 3;
  for (let ch = 0; ch < 3; ch++) img[o + ch] = img[o + ch]! * (1 - cover) + colour[ch]! * cover;
}

/**
 * Draws `inside` (in shape coordinates) centred at (cx, cy) with radius `radius` px, rotated by `angle`. A pixel
 * whose four corners agree is fully in or out; the others (the edges) get 3 × 3 supersampling. Parts thinner than
 * a pixel are not drawn reliably this way, so every shape's parts are at least 1.5 px wide.
 */
export function drawShape(img: Float32Array, size: number, inside: Inside, cx: number, cy: number, radius: number, angle: number, colour: readonly number[]): void {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const at = (x: number, y: number): boolean => {
    const dx = x - cx;
    const dy = y - cy;
    return inside((dx * cos + dy * sin) / radius, (-dx * sin + dy * cos) / radius);
  };
  const reach = radius * 1.42;
  const r0 = Math.max(0, Math.floor(cy - reach));
  const r1 = Math.min(size - 1, Math.ceil(cy + reach));
  const c0 = Math.max(0, Math.floor(cx - reach));
  const c1 = Math.min(size - 1, Math.ceil(cx + reach));
  // Pixel (row, col) covers [col, col + 1) × [row, row + 1); corners[(row − r0) × w + col − c0] is its top-left corner.
  const w = c1 - c0 + 2;
  const corners = new Uint8Array(w * (r1 - r0 + 2));
  for (let r = r0; r <= r1 + 1; r++) for (let c = c0; c <= c1 + 1; c++) corners[(r - r0) * w + c - c0] = at(c, r) ? 1 : 0;
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const k = (row - r0) * w + col - c0;
      const n = corners[k]! + corners[k + 1]! + corners[k + w]! + corners[k + w + 1]!;
      if (n === 0 || n === 4) {
        if (n === 4) paint(img, size, row, col, colour, 1);
        continue;
      }
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) if (at(col + (sx + 0.5) / SUPERSAMPLE, row + (sy + 0.5) / SUPERSAMPLE)) hits++;
      }
      paint(img, size, row, col, colour, hits / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
}

/** Draws a small distractor: a dot of radius 1–2.5 px or a stroke 3–9 px long and 1.2–2 px wide, in a random colour. */
function drawDistractor(img: Float32Array, size: number, rng: Rng): void {
  const colour = randomColour(rng);
  const cx = rng.uniform(0, size);
  const cy = rng.uniform(0, size);
  if (rng.next() < 0.5) {
    const r = rng.uniform(1, 2.5);
    drawShape(img, size, (u, v) => u * u + v * v <= 1, cx, cy, r, 0, colour);
  } else {
    const half = rng.uniform(1.5, 4.5);
    const thick = rng.uniform(0.6, 1) / half;
    drawShape(img, size, (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= thick, cx, cy, half, rng.uniform(0, TAU), colour);
  }
}

/** How a colour-set picture is drawn: the knobs of its difficulty. */
export interface ColourShapesStyle {
  /** Distractors drawn under the shape: at least `min`, at most `max`. */
  distractors: { min: number; max: number };
  /** Chance that one more distractor is drawn over the shape. */
  onTop: number;
  /** Half-width of the uniform pixel noise (0.07 gives ±0.07). */
  noise: number;
  /** Shape radius as a fraction of the side: [low, high). */
  radius: [number, number];
  /** Least distance between the shape's colour and the background's mean colour. */
  contrast: number;
  /** Largest rotation either way, in radians (π: every angle is possible). */
  rotation: number;
}

/**
 * The style the built-in set ships with: large shapes (radius 30–45 % of the side), at most one distractor under the
 * shape, faint noise (±0.03), a shape colour at least 0.6 from the background's mean, a tilt of at most ±10°. The
 * first version (3–7 distractors plus one on top, ±0.07 noise, radius 19–38 %, any rotation) kept the colour CNN
 * teacher near 15 % after several epochs; this one lets it learn in a few epochs while an MLP on the pixels lags.
 */
export const COLOUR_SHAPES_STYLE: ColourShapesStyle = { distractors: { min: 0, max: 1 }, onTop: 0, noise: 0.03, radius: [0.3, 0.45], contrast: 0.6, rotation: Math.PI / 18 };

/**
 * Draws one picture of class `label` (HWC, RGB, values in [0, 1]) from `rng`, into `img` when given: gradient
 * background, distractors, the shape (radius from `style.radius`, centre kept so at least most of it is in the frame,
 * any rotation, a colour at least `style.contrast` away from the background's mean), maybe one distractor on top,
 * then uniform pixel noise of half-width `style.noise`.
 */
export function drawColourShape(label: number, rng: Rng, size = COLOUR_SHAPES_SIZE, img = new Float32Array(size * size * 3), style: ColourShapesStyle = COLOUR_SHAPES_STYLE): Float32Array {
  const inside = SHAPES[label];
  if (!inside) throw new Error(`The colour set has classes 0–${SHAPES.length - 1}; got ${label}.`);
  if (img.length !== size * size * 3) throw new Error(`A ${size}×${size} RGB picture needs ${size * size * 3} values, not ${img.length}.`);
  const a = randomColour(rng);
  const b = randomColour(rng);
  const dir = rng.uniform(0, TAU);
  const gx = Math.cos(dir) / size;
  const gy = Math.sin(dir) / size;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const t = Math.min(1, Math.max(0, 0.5 + (col - size / 2) * gx + (row - size / 2) * gy));
      const o = (row * size + col) * 3;
      for (let ch = 0; ch < 3; ch++) img[o + ch] = a[ch]! * (1 - t) + b[ch]! * t;
    }
  }
  const distractors = style.distractors.min + rng.int(style.distractors.max - style.distractors.min + 1);
  for (let i = 0; i < distractors; i++) drawDistractor(img, size, rng);
  const mean = [0, 1, 2].map((ch) => (a[ch]! + b[ch]!) / 2);
  let colour = randomColour(rng);
  for (let tries = 0; tries < 20 && colourDistance(colour, mean) < style.contrast; tries++) colour = randomColour(rng);
  const radius = rng.uniform(style.radius[0], style.radius[1]) * size;
  const margin = radius * 0.8;
  const cx = rng.uniform(margin, size - margin);
  const cy = rng.uniform(margin, size - margin);
  drawShape(img, size, inside, cx, cy, radius, rng.uniform(-style.rotation, style.rotation), colour);
  if (rng.next() < style.onTop) drawDistractor(img, size, rng);
  // Uniform pixel noise: one draw gives three channels of 10 bits each, which keeps it cheap.
  for (let p = 0; p < img.length; p += 3) {
    const bits = Math.floor(rng.next() * 0x40000000);
    for (let ch = 0; ch < 3; ch++) {
      const u = ((bits >>> (10 * ch)) & 0x3ff) / 1024;
      img[p + ch] = Math.min(1, Math.max(0, img[p + ch]! + 2 * style.noise * (u - 0.5)));
    }
  }
  return img;
}

/** Draws `count` pictures spread evenly over the classes (in label order, class i·10/count), seeded by `seed`. */
export function generateColourShapes(count: number, seed: number, size = COLOUR_SHAPES_SIZE, progress: (fraction: number) => void = () => {}, style: ColourShapesStyle = COLOUR_SHAPES_STYLE): Split {
  const rng = new Rng(seed);
  const classes = SHAPES.length;
  const per = size * size * 3;
  const x = new Float32Array(count * per);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    y[i] = label;
    drawColourShape(label, rng, size, x.subarray(i * per, (i + 1) * per), style);
    if ((i + 1) % 500 === 0) progress((i + 1) / count);
  }
  return { x, y, count };
}

/** Seed of the colour set's drawing, derived from the dataset seed (so seed 0 does not start mulberry32 at 0). */
export function colourShapesSeed(seed: number): number {
  return (seed ^ 0xc010) >>> 0;
}

/** Registry entry of the built-in colour set: 5,000 pictures drawn from the seed, split 4,000 / 1,000 (stratified, seeded). */
export function colourShapesEntry(id: string, name: string): DatasetEntry {
  const inputShape = [COLOUR_SHAPES_SIZE, COLOUR_SHAPES_SIZE, 3];
  return {
    name,
    toy: false,
    inputShape,
    numClasses: COLOUR_SHAPE_CLASS_NAMES.length,
    classNames: COLOUR_SHAPE_CLASS_NAMES,
    load: async ({ seed }, progress): Promise<Dataset> => {
      const all = generateColourShapes(COLOUR_SHAPES_COUNT, colourShapesSeed(seed), COLOUR_SHAPES_SIZE, (f) => progress(0.95 * f));
      const { train, test } = stratifiedSplit(all, inputShape[0]! * inputShape[1]! * 3, COLOUR_SHAPES_TEST_FRACTION, (seed ^ 0x5eed) >>> 0);
      progress(1);
      return { id, name: 'Colour shapes', inputShape: [...inputShape], numClasses: COLOUR_SHAPE_CLASS_NAMES.length, classNames: [...COLOUR_SHAPE_CLASS_NAMES], train, test };
    },
  };
}
