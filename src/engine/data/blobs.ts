import { Rng } from '../rng';
import type { ToyOptions } from './toy';
import { evenClass } from './toy';
import type { Split } from './types';

/** Distance of each blob centre from the origin. */
export const BLOB_RADIUS = 0.6;
/** Standard deviation of every blob at noise 0; the noise setting adds to it. */
export const BLOB_SPREAD = 0.1;

/** Options for the blob generator. */
export interface BlobOptions extends ToyOptions {
  /** Number of blobs (classes); 4 by default. */
  classes?: number;
}

/** Generates isotropic Gaussian blobs (one per class) with centres evenly spaced on a circle; noise widens them. */
export function generateBlobs({ count, noise, seed, classes = 4 }: BlobOptions): Split {
  const rng = new Rng(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  const sd = BLOB_SPREAD + noise;
  for (let i = 0; i < count; i++) {
    const c = evenClass(i, count, classes);
    const angle = Math.PI / 4 + (2 * Math.PI * c) / classes;
    x[2 * i] = BLOB_RADIUS * Math.cos(angle) + sd * rng.normal();
    x[2 * i + 1] = BLOB_RADIUS * Math.sin(angle) + sd * rng.normal();
    y[i] = c;
  }
  return { x, y, count };
}
