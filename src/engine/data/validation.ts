import { stratifiedSplit } from './split';
import type { Split } from './types';

/**
 * Holds a seeded, stratified `fraction` of a training split out as a validation set. Returns the split unchanged and
 * no validation set when the fraction is 0 or the data are too few for both parts to be non-empty.
 */
export function holdOutValidation(train: Split, featureLen: number, fraction: number, seed: number): { train: Split; validation: Split | null } {
  if (!(fraction > 0)) return { train, validation: null };
  const { train: rest, test: validation } = stratifiedSplit(train, featureLen, fraction, seed);
  if (validation.count === 0 || rest.count === 0) return { train, validation: null };
  return { train: rest, validation };
}
