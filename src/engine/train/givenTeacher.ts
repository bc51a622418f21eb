import type * as tf from '@tensorflow/tfjs';
import { evaluateSets, type Evaluation, type LabelledTensors } from '../metrics';
import type { ExperimentHooks } from './experimentHooks';

/**
 * Reports an already-trained teacher instead of training one: announces the teacher phase, evaluates it once on
 * the test set (and the validation set, in the same pass) and reports that accuracy for every epoch (a flat line: the teacher does not change), so the
 * charts and tables show it at once. The model is borrowed: it is neither trained nor disposed here.
 */
export async function reportGivenTeacher(
  teacher: tf.LayersModel,
  test: LabelledTensors,
  validation: LabelledTensors | null,
  epochs: number,
  hooks: ExperimentHooks,
): Promise<{ last: Evaluation; ms: number; val: number | null }> {
  hooks.onPhase('teacher', 0, null, 0);
  const sets = await evaluateSets(teacher, test, validation, hooks.evaluatedLogits ?? 0);
  const last = sets.test;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    hooks.onEpoch({ phase: 'teacher', epoch, testAccuracy: last.accuracy, testLoss: last.loss, agreement: null });
  }
  await hooks.onEvaluated?.('teacher', epochs, teacher, last.logits);
  return { last, ms: 0, val: sets.validationAccuracy };
}
