import * as tf from '@tensorflow/tfjs';
import { agreement, predictLogits } from '../metrics';
import { assignWeights, buildModel, seededWeights } from '../models/build';
import { paramCount, type ArchSpec } from '../models/spec';
import { deriveSeed } from '../rng';
import { augmentsStudents, batchInput } from './experimentData';
import type { ExperimentScope } from './experimentHooks';
import { kdWeights } from './liveHyper';
import type { MainTeacher } from './obtainTeacher';
import { studentLoss } from './studentLoss';
import { trainModel } from './trainModel';
import type { ModelResult } from './types';

/** A teacher whose students learn from its teaching assistant, and the assistant's result. */
export interface AssistedTeacher {
  teacher: MainTeacher;
  result: ModelResult;
}

/**
 * Distils `teacher` into the teaching assistant (Mirzadeh et al. 2020) on the students' set, with the run's soft term,
 * T and α (fixed: live changes are for the students) and no added terms; reported as the assistant phase. The
 * returned teacher gives the students the assistant's logits (cached unless the teacher runs live or inputs are
 * shifted) and keeps the teacher's test predictions, so the students' agreement stays agreement with the teacher.
 */
export async function trainAssistant(scope: ExperimentScope, teacher: MainTeacher, arch: ArchSpec): Promise<AssistedTeacher> {
  const { cfg, data } = scope;
  const model = buildModel(arch, data.inputShape, data.numClasses, 'assistant', { seed: deriveSeed(cfg.seed, 'assistant-dropout') });
  let cached: tf.Tensor2D | null = null;
  const dispose = () => {
    model.dispose();
    cached?.dispose();
    teacher.dispose();
  };
  try {
    assignWeights(model, seededWeights(model, deriveSeed(cfg.seed, 'assistant-init')));
    const input = batchInput(augmentsStudents(cfg, data), cfg, data, deriveSeed(cfg.seed, 'assistant-shift'));
    const weights = kdWeights(cfg, { temperature: cfg.temperature, alpha: cfg.alpha });
    const r = await trainModel(scope, {
      phase: 'assistant',
      set: data.students,
      model,
      orderSeed: deriveSeed(cfg.seed, 'assistant-order'),
      lossForBatch: studentLoss({ model, input, method: { kind: 'distill', teacher, weights: () => weights, hint: null } }),
      teacherPreds: teacher.preds,
      extraVars: [],
      validation: true,
      role: { kind: 'trial', context: { kind: 'assistant' }, report: true },
    });
    cached = cfg.teacherLive || augmentsStudents(cfg, data) ? null : predictLogits(model, data.students.x);
    const val = r.val;
    const params = paramCount(arch, data.inputShape, data.numClasses);
    const result: ModelResult = { accuracy: r.last.accuracy, loss: r.last.loss, agreement: agreement(r.last.preds, teacher.preds), params, ece: r.last.ece, trainMs: r.ms, valAccuracy: val };
    return { teacher: { ...teacher, model, cached, ensemble: null, dispose }, result };
  } catch (e) {
    dispose();
    throw e;
  }
}
