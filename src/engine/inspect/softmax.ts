/** Class probabilities softmax(z / T) of one example's logits, computed stably (log-sum-exp: the maximum is subtracted first). */
export function softmaxAt(logits: ArrayLike<number>, temperature: number): number[] {
  if (!(temperature > 0)) throw new Error(`Temperature must be positive (got ${temperature}).`);
  const n = logits.length;
  if (n === 0) return [];
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]! / temperature);
  const out = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(logits[i]! / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
  return out;
}

/** The logits of example `index` in a row-major `count × numClasses` block (a view, not a copy). */
export function logitsRow(logits: Float32Array, numClasses: number, index: number): Float32Array {
  return logits.subarray(index * numClasses, (index + 1) * numClasses);
}

/** Index of the largest value (the first one on ties); -1 for an empty array. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > bestValue) {
      bestValue = values[i]!;
      best = i;
    }
  }
  return best;
}

/** Predicted class of every example of a row-major `count × numClasses` logits block. */
export function predictions(logits: Float32Array, numClasses: number): Int32Array {
  const count = Math.floor(logits.length / numClasses);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = argmax(logitsRow(logits, numClasses, i));
  return out;
}
