/** A k×k confusion matrix: `counts[t][p]` examples of true class t predicted as p. */
export interface ConfusionMatrix {
  numClasses: number;
  counts: number[][];
  /** Largest cell count (for shading). */
  max: number;
}

/** Counts (true class, predicted class) pairs; labels or predictions outside 0…k−1 are an error. */
export function confusionMatrix(labels: ArrayLike<number>, preds: ArrayLike<number>, numClasses: number): ConfusionMatrix {
  if (labels.length !== preds.length) throw new Error('Labels and predictions differ in length.');
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = preds[i]!;
    if (!(t >= 0 && t < numClasses && p >= 0 && p < numClasses)) throw new Error(`Class out of range at example ${i}: true ${t}, predicted ${p}.`);
    const row = counts[t]!;
    row[p] = row[p]! + 1;
    max = Math.max(max, row[p]!);
  }
  return { numClasses, counts, max };
}

/** Accuracy of each true class (diagonal ÷ row total); null for a class with no examples. */
export function perClassAccuracy(matrix: ConfusionMatrix): (number | null)[] {
  return matrix.counts.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? null : row[t]! / total;
  });
}

/** Indices of the examples with true class `trueClass` predicted as `predicted`, in order. */
export function examplesInCell(labels: ArrayLike<number>, preds: ArrayLike<number>, trueClass: number, predicted: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === trueClass && preds[i] === predicted) out.push(i);
  return out;
}
