import { Rng } from '../rng';
import type { ToyOptions } from './toy';
import { evenClass } from './toy';
import type { Split } from './types';

/** Radius of the inner disc (class 0). */
export const CIRCLES_INNER = 0.5;
/** Inner and outer radius of the ring (class 1). */
export const CIRCLES_RING: readonly [number, number] = [0.7, 1];

/** Generates a disc (class 0) inside a ring (class 1), as in TensorFlow Playground's circle set. */
export function generateCircles({ count, noise, seed }: ToyOptions): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = evenClass(i, count, 2);
    const r = c === 0 ? rng.uniform(0, CIRCLES_INNER) : rng.uniform(CIRCLES_RING[0], CIRCLES_RING[1]);
    const theta = rng.uniform(0, 2 * Math.PI);
    x[2 * i] = r * Math.cos(theta) + noise * rng.normal();
    x[2 * i + 1] = r * Math.sin(theta) + noise * rng.normal();
    y[i] = c;
  }
  return { x, y, count };
}
