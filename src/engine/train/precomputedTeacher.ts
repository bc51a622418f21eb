import * as tf from '@tensorflow/tfjs';
import { evaluateLogits, type Evaluation } from '../metrics';
import type { ExperimentHooks } from './experimentHooks';
import type { LatencyFigure } from './latency';

/**
 * A teacher known only by its logits on the training and test sets (e.g. an ONNX model run once outside tfjs):
 * distillation reads them instead of a forward pass, so it cannot run live, see augmented inputs, or give hints.
 */
export interface PrecomputedTeacher {
  /** Logits on every training example, `train.count × numClasses`, row-major, in the dataset's order. */
  train: Float32Array;
  /** Logits on every test example, `test.count × numClasses`. */
  test: Float32Array;
  /** The teacher's parameter count, for the results table. */
  params: number;
  /** Times one inference at a batch size, for the latency table (absent: the teacher gets no latency row). */
  latency?: (batch: number) => Promise<LatencyFigure>;
}

/** Why a run cannot use a precomputed teacher with these settings, or null when it can. */
export function precomputedTeacherProblem(cfg: { hint?: unknown; teacherLive: boolean; augment: string }, isImage: boolean): string | null {
  if (cfg.hint) return 'The hint term needs a teacher built by the studio: turn the hint off or remove the loaded teacher.';
  if (cfg.teacherLive) return 'An ONNX teacher cannot run live: its logits are computed once. Turn "Run the teacher live" off.';
  if (cfg.augment === 'all' && isImage) return 'Augmenting the students’ inputs needs the teacher live, which ONNX teachers are not: turn augmentation off.';
  return null;
}

/**
 * Reports a precomputed teacher like a loaded one: announces the teacher phase, evaluates its test logits once and
 * reports that accuracy for every epoch (a flat line), and hands the first test logits to `onEvaluated` (no model).
 */
export async function reportPrecomputedTeacher(
  teacher: PrecomputedTeacher,
  yTest: tf.Tensor2D,
  epochs: number,
  hooks: ExperimentHooks,
): Promise<{ last: Evaluation; ms: number }> {
  hooks.onPhase('teacher', 0, null, 0);
  const logits = tf.tensor2d(teacher.test, [yTest.shape[0], yTest.shape[1]]);
  let last: Evaluation;
  try {
    last = await evaluateLogits(logits, yTest, hooks.evaluatedLogits ?? 0);
  } finally {
    logits.dispose();
  }
  for (let epoch = 1; epoch <= epochs; epoch++) {
    hooks.onEpoch({ phase: 'teacher', epoch, testAccuracy: last.accuracy, testLoss: last.loss, agreement: null });
  }
  await hooks.onEvaluated?.('teacher', epochs, null, last.logits);
  return { last, ms: 0 };
}
