import * as tf from '@tensorflow/tfjs';

/** Median inference latency (ms) of one model at one batch size. */
export interface LatencyFigure {
  batch: number;
  medianMs: number;
  reps: number;
}

/**
 * Times `model.predict` on random input after a warm-up (shader compilation, first-use costs): the median
 * of up to `maxReps` repeats, stopping early once `budgetMs` is spent (at least 3 repeats).
 */
export async function measureLatency(model: tf.LayersModel, inputShape: number[], batch: number, budgetMs = 1500, maxReps = 15): Promise<LatencyFigure> {
  const x = tf.randomUniform([batch, ...inputShape]);
  const once = async () => {
    const t0 = performance.now();
    const y = model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
    return performance.now() - t0;
  };
  try {
    await once();
    await once();
    const times: number[] = [];
    const start = performance.now();
    while (times.length < maxReps && (times.length < 3 || performance.now() - start < budgetMs)) times.push(await once());
    times.sort((a, b) => a - b);
    const mid = times.length >> 1;
    const medianMs = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
    return { batch, medianMs, reps: times.length };
  } finally {
    x.dispose();
  }
}
