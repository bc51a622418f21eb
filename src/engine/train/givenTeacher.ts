import type * as tf from '@tensorflow/tfjs';
import { evaluate, type Evaluation } from '../metrics';
import type { ExperimentHooks } from './experimentHooks';

/**
 * Reports an already-trained teacher instead of training one: announces the teacher phase, evaluates it once on
 * the test set and reports that accuracy for every epoch (a flat line: the teacher does not change), so the
 * charts and tables show it at once. The model is borrowed: it is neither trained nor disposed here.
 */
export async function reportGivenTeacher(
  teacher: tf.LayersModel,
  xTest: tf.Tensor,
  yTest: tf.Tensor2D,
  epochs: number,
  hooks: ExperimentHooks,
): Promise<{ last: Evaluation; ms: number }> {
  hooks.onPhase('teacher', 0, null, 0);
  const last = await evaluate(teacher, xTest, yTest, hooks.evaluatedLogits ?? 0);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    hooks.onEpoch({ phase: 'teacher', epoch, testAccuracy: last.accuracy, testLoss: last.loss, agreement: null });
  }
  await hooks.onEvaluated?.('teacher', epochs, teacher, last.logits);
  return { last, ms: 0 };
}
