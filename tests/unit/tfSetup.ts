import * as tf from '@tensorflow/tfjs';

/** Puts tfjs on its deterministic CPU backend for unit tests. */
export async function useCpu(): Promise<typeof tf> {
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}
