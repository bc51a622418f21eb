import { describe, expect, it } from 'vitest';
import { biasCorrection, biasedPredictions } from '../../src/engine/inspect/biasCorrection';
import { confusionMatrix, examplesInCell, perClassAccuracy } from '../../src/engine/inspect/confusion';
import { disagreements } from '../../src/engine/inspect/disagreements';
import { argmax, predictions, softmaxAt } from '../../src/engine/inspect/softmax';

/** Element-wise closeness to 6 decimals. */
function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
}

describe('softmax at temperature T', () => {
  it('matches hand-computed probabilities at T = 1 and T = 2', () => {
    // e^-2, e^-1, 1 over their sum 1.5032147
    expectClose(softmaxAt([1, 2, 3], 1), [0.0900306, 0.2447285, 0.6652410]);
    // logits / 2 = 0.5, 1, 1.5 → e^-1, e^-0.5, 1 over 1.9744101
    expectClose(softmaxAt([1, 2, 3], 2), [0.1863237, 0.3071959, 0.5064804]);
  });

  it('is stable for huge logits and flattens as T grows', () => {
    expectClose(softmaxAt([1000, 1000], 1), [0.5, 0.5]);
    expectClose(softmaxAt([1000, 0], 1), [1, 0]);
    expectClose(softmaxAt([-1000, 1000, 1000], 0.5), [0, 0.5, 0.5]);
    const hot = softmaxAt([4, 0], 20);
    expect(hot[0]).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 9);
  });

  it('rejects a non-positive temperature', () => {
    expect(() => softmaxAt([1, 2], 0)).toThrow(/positive/);
  });

  it('argmax takes the first maximum; predictions read row-major logits', () => {
    expect(argmax([1, 3, 3])).toBe(1);
    expect(argmax([])).toBe(-1);
    expect(Array.from(predictions(Float32Array.from([0, 1, 5, 2, -1, -2]), 2))).toEqual([1, 0, 0]);
  });
});

describe('confusion matrix', () => {
  const labels = [0, 0, 1, 1, 2, 2];
  const preds = [0, 1, 1, 1, 0, 2];

  it('counts true × predicted pairs and per-class accuracy', () => {
    const m = confusionMatrix(labels, preds, 3);
    expect(m.counts).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.max).toBe(2);
    expect(perClassAccuracy(m)).toEqual([0.5, 1, 0.5]);
    expect(perClassAccuracy(confusionMatrix(labels, preds, 4))).toEqual([0.5, 1, 0.5, null]);
  });

  it('lists the examples of a cell and rejects out-of-range classes', () => {
    expect(examplesInCell(labels, preds, 2, 0)).toEqual([4]);
    expect(examplesInCell(labels, preds, 1, 1)).toEqual([2, 3]);
    expect(examplesInCell(labels, preds, 1, 0)).toEqual([]);
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/out of range at example 1/);
    expect(() => confusionMatrix([0], [0, 0], 3)).toThrow(/length/);
  });
});

describe('disagreements', () => {
  it('lists the examples whose argmax differs, with both probability vectors', () => {
    const a = Float32Array.from([2, 0, 0, 1, 1, 0]);
    const b = Float32Array.from([0, 2, 0, 1, 3, 0]);
    const d = disagreements(a, b, 2);
    expect(d).toHaveLength(1);
    expect(d[0]!.index).toBe(0);
    expect(d[0]!.predA).toBe(0);
    expect(d[0]!.predB).toBe(1);
    // 1 / (1 + e^-2) = 0.8807971
    expectClose(d[0]!.probsA, [0.8807971, 0.1192029]);
    expectClose(d[0]!.probsB, [0.1192029, 0.8807971]);
    expect(() => disagreements(a, b.subarray(0, 4), 2)).toThrow(/different examples/);
  });
});

describe('omitted-class bias correction (Hinton 2015)', () => {
  // Class 2 is under-rated: examples 0 and 1 are 2s the model calls 0 and 1.
  const logits = Float32Array.from([3, 0, 1, 0, 4, 1, 2, 0, 0, 0, 5, 0]);
  const labels = [2, 2, 0, 1];

  it('recomputes predictions, class and overall accuracy before and after', () => {
    expect(Array.from(biasedPredictions(logits, 3, 2, 2.5))).toEqual([2, 1, 2, 1]);
    const r = biasCorrection(logits, labels, 3, 2, 2.5);
    expect(r.before).toEqual({ classAccuracy: 0, accuracy: 0.5 });
    // 0 becomes a correct 2; example 2 (a 0 at logit 2) is now wrongly a 2; 1 keeps its margin of 1.5 and its 5.
    expect(r.after).toEqual({ classAccuracy: 0.5, accuracy: 0.5 });
    expect(r.changed).toBe(2);
  });

  it('changes nothing at bias 0, and reports missing classes as null', () => {
    const r = biasCorrection(logits, labels, 3, 2, 0);
    expect(r.after).toEqual(r.before);
    expect(r.changed).toBe(0);
    expect(biasCorrection(logits, [0, 0, 0, 1], 3, 2, 1).before.classAccuracy).toBeNull();
    expect(() => biasCorrection(logits, labels, 3, 3, 1)).toThrow(/No class 3/);
    expect(() => biasCorrection(logits, [2, 2], 3, 2, 1)).toThrow(/different examples/);
  });
});
