import { Rng } from '../rng';
import type { ToyOptions } from './toy';
import { evenClass } from './toy';
import type { Split } from './types';

/** Gap kept free on both sides of each axis before noise, as in TensorFlow Playground's XOR set. */
export const XOR_PADDING = 0.05;

/** Generates the XOR quadrants in [-1, 1]²: class 0 where x·y > 0, class 1 where x·y < 0 (before noise). */
export function generateXor({ count, noise, seed }: ToyOptions): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = evenClass(i, count, 2);
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = c === 0 ? sx : -sx;
    x[2 * i] = sx * rng.uniform(XOR_PADDING, 1) + noise * rng.normal();
    x[2 * i + 1] = sy * rng.uniform(XOR_PADDING, 1) + noise * rng.normal();
    y[i] = c;
  }
  return { x, y, count };
}
