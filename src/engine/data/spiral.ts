import { Rng } from '../rng';
import type { Split } from './types';

/** Radians each arm turns from the centre to its tip (as in the CS231n spiral). */
export const SPIRAL_TURN = 4;

/** Options for the spiral generator. */
export interface SpiralOptions {
  /** Total number of points, spread evenly over the classes. */
  count: number;
  /** Number of spiral arms (classes). */
  classes: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise: number;
  /** Seed for the generator. */
  seed: number;
}

/** Generates interleaved spiral arms in roughly [-1, 1]², one class per arm (the CS231n spiral). */
export function generateSpiral({ count, classes, noise, seed }: SpiralOptions): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  const perClass = Math.floor(count / classes);
  for (let i = 0; i < count; i++) {
    const c = Math.min(Math.floor(i / perClass), classes - 1);
    const k = i - c * perClass;
    const n = c === classes - 1 ? count - c * perClass : perClass;
    const r = n > 1 ? k / (n - 1) : 0;
    const theta = (c * 2 * Math.PI) / classes + r * SPIRAL_TURN;
    x[2 * i] = r * Math.cos(theta) + noise * rng.normal();
    x[2 * i + 1] = r * Math.sin(theta) + noise * rng.normal();
    y[i] = c;
  }
  return { x, y, count };
}
