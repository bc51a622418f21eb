import { Rng } from '../rng';
import type { ToyOptions } from './toy';
import { evenClass } from './toy';
import type { Split } from './types';

/** Generates two interleaving half circles (scikit-learn's `make_moons`), scaled into [-1, 1] × [-0.5, 0.5]. */
export function generateMoons({ count, noise, seed }: ToyOptions): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = evenClass(i, count, 2);
    const t = rng.uniform(0, Math.PI);
    // make_moons: outer (cos t, sin t), inner (1 − cos t, 0.5 − sin t); centre (0.5, 0.25), scale 1 / 1.5.
    const px = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x[2 * i] = (px - 0.5) / 1.5 + noise * rng.normal();
    x[2 * i + 1] = (py - 0.25) / 1.5 + noise * rng.normal();
    y[i] = c;
  }
  return { x, y, count };
}
