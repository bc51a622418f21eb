import type { Dataset } from '../engine/data/types';
import { areProbabilities, onnxScores, probabilitiesToLogits, type OnnxTeacher } from '../engine/import/onnxRun';
import type { PrecomputedTeacher } from '../engine/train/precomputedTeacher';
import type { LatencyFigure } from '../engine/train/latency';

/** What computing an ONNX teacher's logits took, for the log and the README's figures. */
export interface OnnxLogitsTiming {
  examples: number;
  ms: number;
  probabilities: boolean;
}

/** Median time of `reps` runs of the teacher on `batch` random examples (after one warm-up run). */
async function onnxLatency(t: OnnxTeacher, batch: number, reps = 5): Promise<LatencyFigure> {
  const size = t.dataset.inputShape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: batch * size }, () => Math.random());
  await onnxScores(t, x, batch);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await onnxScores(t, x, batch);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { batch, medianMs: times[reps >> 1]!, reps };
}

/**
 * Runs an ONNX teacher once over the training and test sets (progress as the fraction of examples done) and
 * returns its logits for distillation; a model that outputs probabilities (every row sums to 1) gets log p.
 */
export async function precomputeOnnxTeacher(
  t: OnnxTeacher,
  params: number,
  data: Dataset,
  onProgress: (fraction: number) => void,
): Promise<{ teacher: PrecomputedTeacher; timing: OnnxLogitsTiming }> {
  const total = data.train.count + data.test.count;
  const started = performance.now();
  const train = await onnxScores(t, data.train.x, data.train.count, (f) => onProgress((f * data.train.count) / total));
  const test = await onnxScores(t, data.test.x, data.test.count, (f) => onProgress((data.train.count + f * data.test.count) / total));
  const ms = performance.now() - started;
  const probabilities = areProbabilities(train, data.numClasses) && areProbabilities(test, data.numClasses);
  return {
    teacher: {
      train: probabilities ? probabilitiesToLogits(train) : train,
      test: probabilities ? probabilitiesToLogits(test) : test,
      params,
      latency: (batch) => onnxLatency(t, batch),
    },
    timing: { examples: total, ms, probabilities },
  };
}

/** An ONNX teacher's logits on any inputs (log p for a model that outputs probabilities), for "Try it yourself". */
export function onnxTeacherScores(t: OnnxTeacher, probabilities: boolean): (x: Float32Array, count: number) => Promise<Float32Array> {
  return async (x, count) => {
    const scores = await onnxScores(t, x, count);
    return probabilities ? probabilitiesToLogits(scores) : scores;
  };
}
