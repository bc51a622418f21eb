import * as tf from '@tensorflow/tfjs';

/** The rectangle of input space a decision-boundary grid covers. */
export interface Extent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** A model's prediction on every cell of a `size × size` grid, row 0 at the top (largest y), column 0 at the left. */
export interface BoundaryGrid {
  /** Cells per side. */
  size: number;
  extent: Extent;
  /** Predicted class per cell, row-major (`size²` values). */
  classes: Uint8Array;
  /** The predicted class's probability per cell, scaled to 0–255. */
  confidence: Uint8Array;
}

/** Cells per side of the studio's boundary grids (100 × 100 = 10,000 predictions per model and epoch). */
export const BOUNDARY_GRID_SIZE = 100;

/** Fraction of the data's span added on each side of the grid. */
export const BOUNDARY_MARGIN = 0.1;

/** The extent of 2-D points (row-major x, y pairs) widened by `margin` × span on every side (a span of 0 counts as 1). */
export function boundaryExtent(points: readonly Float32Array[], margin = BOUNDARY_MARGIN): Extent {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const p of points) {
    for (let i = 0; i + 1 < p.length; i += 2) {
      const x = p[i]!;
      const y = p[i + 1]!;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const dx = (xMax - xMin || 1) * margin;
  const dy = (yMax - yMin || 1) * margin;
  return { xMin: xMin - dx, xMax: xMax + dx, yMin: yMin - dy, yMax: yMax + dy };
}

/** Input coordinates of every cell centre, row-major, as (x, y) pairs: row r has y = yMax − (r + ½)·h, column c has x = xMin + (c + ½)·w. */
export function gridPoints(extent: Extent, size: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  const w = (extent.xMax - extent.xMin) / size;
  const h = (extent.yMax - extent.yMin) / size;
  for (let r = 0; r < size; r++) {
    const y = extent.yMax - (r + 0.5) * h;
    for (let c = 0; c < size; c++) {
      const i = 2 * (r * size + c);
      out[i] = extent.xMin + (c + 0.5) * w;
      out[i + 1] = y;
    }
  }
  return out;
}

/** The grid cell (row, column) containing an input point, clamped to the grid. */
export function cellOf(extent: Extent, size: number, x: number, y: number): { row: number; col: number } {
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, Math.floor(v)));
  return {
    row: clamp(((extent.yMax - y) / (extent.yMax - extent.yMin)) * size),
    col: clamp(((x - extent.xMin) / (extent.xMax - extent.xMin)) * size),
  };
}

/**
 * Predicts every cell of the grid in one batched forward pass (inside `tf.tidy`) and reads the result back
 * once, asynchronously: class = argmax of the logits, confidence = round(255 · max softmax probability).
 * `points` are the cell centres from `gridPoints`; the model is only read.
 */
export async function predictGrid(model: tf.LayersModel, extent: Extent, size: number, points = gridPoints(extent, size)): Promise<BoundaryGrid> {
  const cells = size * size;
  const packed = tf.tidy(() => {
    const logits = model.apply(tf.tensor2d(points, [cells, 2]), { training: false }) as tf.Tensor2D;
    const probs = tf.softmax(logits);
    // One [cells, 2] tensor (class, confidence·255) so the whole grid comes back in a single read.
    return tf.stack([tf.argMax(logits, 1).toFloat(), tf.round(tf.mul(tf.max(probs, 1), 255))], 1);
  });
  let values: Float32Array;
  try {
    values = (await packed.data()) as Float32Array;
  } finally {
    packed.dispose();
  }
  const classes = new Uint8Array(cells);
  const confidence = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) {
    classes[i] = values[2 * i]!;
    confidence[i] = values[2 * i + 1]!;
  }
  return { size, extent, classes, confidence };
}
