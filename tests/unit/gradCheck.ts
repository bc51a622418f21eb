import * as tf from '@tensorflow/tfjs';

/**
 * The autodiff gradient of a scalar function of one tensor against central differences of the same function in float32:
 * returns both as flat arrays. `h` is the step (float32 needs a large one: 1e-2 keeps the rounding error near 1e-5).
 */
export function gradAndNumerical(f: (x: tf.Tensor) => tf.Scalar, x0: number[], shape: number[], h = 1e-2): { grad: number[]; numerical: number[] } {
  const grad = tf.tidy(() => Array.from(tf.grad(f)(tf.tensor(x0, shape)).dataSync()));
  const at = (x: number[]) => tf.tidy(() => f(tf.tensor(x, shape)).dataSync()[0]!);
  const numerical = x0.map((_, i) => {
    const up = x0.slice();
    const down = x0.slice();
    up[i] = up[i]! + h;
    down[i] = down[i]! - h;
    return (at(up) - at(down)) / (2 * h);
  });
  return { grad, numerical };
}

/** Asserts |a − b| ≤ abs + rel·|b| element-wise, with the worst entry in the message. */
export function expectClose(a: number[], b: number[], abs: number, rel: number): void {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  a.forEach((v, i) => {
    const tol = abs + rel * Math.abs(b[i]!);
    if (!(Math.abs(v - b[i]!) <= tol)) throw new Error(`entry ${i}: ${v} vs ${b[i]} (tolerance ${tol})`);
  });
}

/** A seeded list of n pseudo-random numbers in [lo, hi) (a small LCG; tests only). */
export function seededValues(n: number, seed: number, lo = -2, hi = 2): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s / 2 ** 32) * (hi - lo));
  });
}
