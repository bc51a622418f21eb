import * as tf from '@tensorflow/tfjs';
import { distillationLoss, hardLossParts, hintLoss, withHint, type HintAdapter, type KdLossParts } from '../losses';
import { forwardWithHidden } from '../models/forward';
import { hiddenLayerOptions } from '../models/spec';
import { applyHintAdapter, englishHintAdapterProblem, hintAdapterProblem, planHintAdapter, type HintAdapterPlan } from './hintAdapter';
import type { Batch } from './loop';
import { teacherLogits, type Teacher } from './teacher';
import type { WeightsAtStep } from './trialSettings';
import type { ExperimentConfig, HintConfig } from './types';

/** The FitNets hint of a run: its layers and weight β, and the adapter planned between the two hidden blocks. */
export type ResolvedHint = HintConfig & { adapter: HintAdapterPlan };

/** The run's hint checked against the architectures and the adapter's parameter cap (null: no hint; throws on a bad one). */
export function resolveHint(cfg: ExperimentConfig, inputShape: number[]): ResolvedHint | null {
  const h = cfg.hint;
  if (!h) return null;
  const t = hiddenLayerOptions(cfg.teacher, inputShape)[h.teacherLayer];
  const s = hiddenLayerOptions(cfg.student, inputShape)[h.studentLayer];
  if (!t) throw new Error(`The teacher has no hidden block ${h.teacherLayer + 1} for the hint.`);
  if (!s) throw new Error(`The student has no hidden block ${h.studentLayer + 1} for the hint.`);
  // FitNets' regressor: a 1×1 convolution between conv feature maps of one size, else dense; bounded in size.
  const adapter = planHintAdapter(s.shape, t.shape);
  const problem = hintAdapterProblem(adapter);
  if (problem) throw new Error(englishHintAdapterProblem(problem));
  return { ...h, adapter };
}

/** How a student learns: from hard labels alone, or distilled from a teacher with T/α per step (and the run's hint, if any). */
export type StudentMethod =
  | { kind: 'scratch' }
  | { kind: 'distill'; teacher: Teacher; weights: WeightsAtStep; hint: { plan: ResolvedHint; adapter: HintAdapter | null } | null };

/** Everything a student's batch loss reads: the student, its batch input (shifted or not) and its method. */
export interface StudentLossInputs {
  model: tf.LayersModel;
  input: (b: Batch) => tf.Tensor;
  method: StudentMethod;
}

/** The loss of one batch of a student, built once from its method (each new distillation method is one more case here). */
export function studentLoss({ model, input, method }: StudentLossInputs): (b: Batch) => KdLossParts {
  const student = (x: tf.Tensor) => model.apply(x, { training: true }) as tf.Tensor2D;
  if (method.kind === 'scratch') return (b) => hardLossParts(b.yOneHot, student(input(b)));
  const { teacher, weights, hint } = method;
  if (!hint) {
    return (b) => {
      const x = input(b);
      return distillationLoss(b.yOneHot, teacherLogits(teacher, b, x), student(x), weights(b.step));
    };
  }
  const teacherModel = teacher.model;
  if (!teacherModel) throw new Error('A hint term needs a teacher model, not only its logits.');
  const { plan, adapter } = hint;
  return (b) => {
    // The hint needs the teacher's hidden features, so the teacher runs live on this batch.
    const x = input(b);
    const t = forwardWithHidden(teacherModel, x, false);
    const s = forwardWithHidden(model, x, true);
    const parts = distillationLoss(b.yOneHot, teacher.cached ? tf.gather(teacher.cached, b.idx) : t.logits, s.logits, weights(b.step));
    return withHint(parts, hintLoss(applyHintAdapter(s.hidden[plan.studentLayer]!, adapter), t.hidden[plan.teacherLayer]!, null, plan.beta));
  };
}
