import * as tf from '@tensorflow/tfjs';
import { evaluateLogits, predictLogits } from '../metrics';
import { ensembleLogits } from './ensemble';
import type { ExperimentScope } from './experimentHooks';
import type { MainTeacher } from './obtainTeacher';
import { buildTeacher, trainTeacher } from './teacher';
import type { EnsembleResult, ExperimentConfig, ModelResult } from './types';
import { paramCount, type ArchSpec } from '../models/spec';

/** One trained member's logits (students' set, test, validation), kept after its model is released. */
interface MemberLogits {
  students: tf.Tensor2D;
  test: tf.Tensor2D;
  validation: tf.Tensor2D | null;
}

/** An ensemble teacher for the students and the ensemble's results (teacher 1 is the main teacher). */
export interface EnsembleTeacher {
  teacher: MainTeacher;
  result: EnsembleResult;
}

/**
 * Trains teachers 2…K of the ensemble (each from its own seeds, announced as ensemble member k of K), then returns a
 * teacher whose soft targets average all K teachers' (see `ensembleLogits`) and whose predictions are the average of
 * their probabilities at T = 1. The main teacher must have cached logits; it is released with the returned teacher.
 */
export async function trainEnsemble(scope: ExperimentScope, main: MainTeacher, size: number): Promise<EnsembleTeacher> {
  const { data } = scope;
  if (!main.model || !main.cached) throw new Error('A teacher ensemble needs a trained teacher with cached logits.');
  const first = memberLogits(scope, main.model, main.cached);
  const members: MemberLogits[] = [first];
  const owned: tf.Tensor[] = [first.test, ...(first.validation ? [first.validation] : [])];
  const dispose = () => {
    tf.dispose(owned);
    main.dispose();
  };
  try {
    const results: ModelResult[] = [memberResult(main.last, main.ms, main.params, main.valAccuracy)];
    for (let k = 2; k <= size; k++) {
      const arch = memberArch(scope.cfg, k);
      const model = buildTeacher(scope, `ens${k}`, arch);
      try {
        const r = await trainTeacher(scope, model, `ens${k}`, { kind: 'trial', context: { kind: 'ensemble', member: k, of: size } });
        const m = memberLogits(scope, model, predictLogits(model, data.students.x));
        owned.push(m.students, m.test, ...(m.validation ? [m.validation] : []));
        members.push(m);
        results.push(memberResult(r.last, r.ms, paramCount(arch, data.inputShape, data.numClasses), m.validation ? await logitsAccuracy(m.validation, data.validation!.y) : null));
      } finally {
        model.dispose();
      }
    }
    const combined = await combinedResult(scope, members, results);
    const teacher: MainTeacher = { ...main, model: null, cached: null, ensemble: members.map((m) => m.students), preds: combined.preds, dispose };
    return { teacher, result: { members: results, combined: combined.result } };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** Teacher `k`'s architecture (k ≥ 2): its own when the ensemble lists one, else the run's teacher's. */
export function memberArch(cfg: Pick<ExperimentConfig, 'teacher' | 'ensemble'>, k: number): ArchSpec {
  return cfg.ensemble?.members?.[k - 2] ?? cfg.teacher;
}

/** A member's logits on the test and validation sets beside its students'-set logits. */
function memberLogits(scope: ExperimentScope, model: tf.LayersModel, students: tf.Tensor2D): MemberLogits {
  const v = scope.data.validation;
  return { students, test: predictLogits(model, scope.data.test.x), validation: v ? predictLogits(model, v.x) : null };
}

/** A member's row of the results (its agreement is null: it is a teacher). */
function memberResult(e: { accuracy: number; loss: number; ece: number }, ms: number, params: number, val: number | null): ModelResult {
  return { accuracy: e.accuracy, loss: e.loss, agreement: null, params, ece: e.ece, trainMs: ms, valAccuracy: val };
}

/** Accuracy of logits against one-hot labels. */
async function logitsAccuracy(logits: tf.Tensor2D, y: tf.Tensor2D): Promise<number> {
  return (await evaluateLogits(logits, y)).accuracy;
}

/** The ensemble's own result (averaged probabilities at T = 1) and its test predictions. */
async function combinedResult(scope: ExperimentScope, members: MemberLogits[], results: ModelResult[]): Promise<{ result: ModelResult; preds: Int32Array }> {
  const { data } = scope;
  const test = ensembleLogits(members.map((m) => m.test), 1, 'kl');
  try {
    const e = await evaluateLogits(test, data.test.y);
    let val: number | null = null;
    if (data.validation) {
      const v = ensembleLogits(members.map((m) => m.validation!), 1, 'kl');
      val = await logitsAccuracy(v, data.validation.y).finally(() => v.dispose());
    }
    const params = results.reduce((a, r) => a + r.params, 0);
    const ms = results.reduce((a, r) => a + r.trainMs, 0);
    return { result: memberResult(e, ms, params, val), preds: e.preds };
  } finally {
    test.dispose();
  }
}
