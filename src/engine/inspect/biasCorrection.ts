import { argmax, logitsRow } from './softmax';

/** Accuracy on one class and overall (null when the class has no examples / there are none). */
export interface ClassAndOverall {
  classAccuracy: number | null;
  accuracy: number | null;
}

/** Accuracy before and after adding a bias to one class's logit. */
export interface BiasCorrection {
  before: ClassAndOverall;
  after: ClassAndOverall;
  /** Examples whose prediction changed. */
  changed: number;
}

/** Predictions of row-major logits with `bias` added to class `cls`'s logit. */
export function biasedPredictions(logits: Float32Array, numClasses: number, cls: number, bias: number): Int32Array {
  const count = Math.floor(logits.length / numClasses);
  const out = new Int32Array(count);
  const row = new Float64Array(numClasses);
  for (let i = 0; i < count; i++) {
    row.set(logitsRow(logits, numClasses, i));
    row[cls] = row[cls]! + bias;
    out[i] = argmax(row);
  }
  return out;
}

/** Accuracy on class `cls` and overall of the given predictions. */
export function classAndOverall(labels: ArrayLike<number>, preds: ArrayLike<number>, cls: number): ClassAndOverall {
  let hits = 0;
  let inClass = 0;
  let classHits = 0;
  for (let i = 0; i < labels.length; i++) {
    const right = labels[i] === preds[i];
    if (right) hits++;
    if (labels[i] === cls) {
      inClass++;
      if (right) classHits++;
    }
  }
  return { classAccuracy: inClass ? classHits / inClass : null, accuracy: labels.length ? hits / labels.length : null };
}

/**
 * Hinton et al. (2015), section 3: a student that never saw class `cls` under-rates its logit; adding a bias b to
 * that logit and predicting again recovers many of its examples. Returns both accuracies before and after.
 */
export function biasCorrection(logits: Float32Array, labels: ArrayLike<number>, numClasses: number, cls: number, bias: number): BiasCorrection {
  if (!(cls >= 0 && cls < numClasses)) throw new Error(`No class ${cls} among ${numClasses} classes.`);
  if (logits.length !== labels.length * numClasses) throw new Error('Logits and labels describe different examples.');
  const before = biasedPredictions(logits, numClasses, cls, 0);
  const after = biasedPredictions(logits, numClasses, cls, bias);
  let changed = 0;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) changed++;
  return { before: classAndOverall(labels, before, cls), after: classAndOverall(labels, after, cls), changed };
}
