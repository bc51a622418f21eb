import type { BoundaryGrid } from '../../engine/inspect/boundaryGrid';

/** `#RRGGBB` as [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** How much of the class colour a cell gets: 0.2 at chance confidence (1/K), 0.85 when certain. */
export function colourWeight(confidence: number, numClasses: number): number {
  const chance = 1 / Math.max(2, numClasses);
  const t = Math.min(1, Math.max(0, (confidence / 255 - chance) / (1 - chance)));
  return 0.2 + 0.65 * t;
}

/**
 * RGBA pixels of a grid (one pixel per cell, row 0 at the top): the predicted class's colour blended with
 * white, paler where the model is less confident.
 */
export function paintGrid(grid: BoundaryGrid, colors: readonly string[], numClasses: number): Uint8ClampedArray<ArrayBuffer> {
  const rgb = colors.map(hexToRgb);
  const cells = grid.size * grid.size;
  const out = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const c = rgb[grid.classes[i]! % rgb.length]!;
    const w = colourWeight(grid.confidence[i]!, numClasses);
    out[4 * i] = 255 + (c[0] - 255) * w;
    out[4 * i + 1] = 255 + (c[1] - 255) * w;
    out[4 * i + 2] = 255 + (c[2] - 255) * w;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** Share of the grid's cells predicted as each class (fractions summing to 1). */
export function classShares(grid: BoundaryGrid, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const k of grid.classes) if (k < numClasses) counts[k]! += 1;
  const n = grid.classes.length || 1;
  return counts.map((c) => c / n);
}
