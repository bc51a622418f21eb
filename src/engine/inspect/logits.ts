import * as tf from '@tensorflow/tfjs';
import { predictLogits } from '../metrics';

/**
 * A model's logits on fixed examples (row-major `count × numClasses`): the input tensor is built, used and freed
 * inside `tf.tidy`, and the result is read back once, asynchronously.
 */
export async function logitsOn(model: tf.LayersModel, x: Float32Array, count: number, inputShape: readonly number[]): Promise<Float32Array> {
  const out = tf.tidy(() => predictLogits(model, tf.tensor(x, [count, ...inputShape])));
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
