import { argmax, logitsRow, softmaxAt } from './softmax';

/** One example on which two models predict different classes. */
export interface Disagreement {
  index: number;
  predA: number;
  predB: number;
  /** Model A's class probabilities (softmax at T = 1). */
  probsA: number[];
  /** Model B's class probabilities (softmax at T = 1). */
  probsB: number[];
}

/** Every example whose argmax differs between two models' row-major logits (same count and classes). */
export function disagreements(a: Float32Array, b: Float32Array, numClasses: number): Disagreement[] {
  if (a.length !== b.length) throw new Error('The two models were evaluated on different examples.');
  const count = Math.floor(a.length / numClasses);
  const out: Disagreement[] = [];
  for (let i = 0; i < count; i++) {
    const za = logitsRow(a, numClasses, i);
    const zb = logitsRow(b, numClasses, i);
    const predA = argmax(za);
    const predB = argmax(zb);
    if (predA !== predB) out.push({ index: i, predA, predB, probsA: softmaxAt(za, 1), probsB: softmaxAt(zb, 1) });
  }
  return out;
}
