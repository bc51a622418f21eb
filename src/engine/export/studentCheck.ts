import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { featureSize } from '../data/types';

/** Stored test inputs with the studio's own full-precision outputs, so an outside check can compare its predictions. */
export interface StudentCheck {
  /** Shape of one example (channels-last), e.g. `[2]` or `[28, 28, 1]`. */
  inputShape: number[];
  /** Each example's features, flattened in channels-last order. */
  inputs: number[][];
  /** True class of each example. */
  labels: number[];
  /** The model's logits per example (float32). */
  logits: number[][];
  /** softmax(logits) per example. */
  probabilities: number[][];
}

/** Number of test examples stored for the outside check. */
export const CHECK_EXAMPLES = 8;

/** The first `count` test examples with the model's logits and probabilities on them (no tensors leak). */
export async function studentCheck(model: tf.LayersModel, data: Dataset, count = CHECK_EXAMPLES): Promise<StudentCheck> {
  const n = Math.min(count, data.test.count);
  const size = featureSize(data.inputShape);
  const x = data.test.x.slice(0, n * size);
  const [logitsT, probsT] = tf.tidy(() => {
    const logits = model.apply(tf.tensor(x, [n, ...data.inputShape]), { training: false }) as tf.Tensor2D;
    return [logits, tf.softmax(logits)] as const;
  });
  try {
    const [logits, probs] = await Promise.all([logitsT.data(), probsT.data()]);
    const k = logitsT.shape[1];
    const rows = (v: ArrayLike<number>) => Array.from({ length: n }, (_, i) => Array.from(v as Float32Array).slice(i * k, (i + 1) * k));
    return {
      inputShape: [...data.inputShape],
      inputs: Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * size, (i + 1) * size))),
      labels: Array.from(data.test.y.subarray(0, n)),
      logits: rows(logits),
      probabilities: rows(probs),
    };
  } finally {
    tf.dispose([logitsT, probsT]);
  }
}
