import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { loadCleanly } from '../import/loadCleanly';
import { evaluate } from '../metrics';
import { quantizeArtifacts, type QuantizationDtype } from './quantize';

/** Size and test accuracy of a quantised model. */
export interface QuantizedEvaluation {
  /** Bytes of the quantised weight data (the size of weights.bin). */
  weightBytes: number;
  /** Test accuracy after dequantising exactly as `tf.loadLayersModel` does on load. */
  accuracy: number;
}

/**
 * Quantises float32 artifacts, loads them back through `tf.loadLayersModel` (which dequantises them the same
 * way it would from files) and evaluates that model on the dataset's test set. Leaks no tensors.
 */
export async function evaluateQuantized(artifacts: tf.io.ModelArtifacts, dtype: QuantizationDtype, data: Dataset): Promise<QuantizedEvaluation> {
  const q = quantizeArtifacts(artifacts, dtype);
  const model = await loadCleanly(q.artifacts);
  const x = tf.tensor(data.test.x, [data.test.count, ...data.inputShape]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.test.y, 'int32'), data.numClasses).toFloat() as tf.Tensor2D);
  try {
    const e = await evaluate(model, x, y);
    return { weightBytes: q.byteLength, accuracy: e.accuracy };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
