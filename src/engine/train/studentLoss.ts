import * as tf from '@tensorflow/tfjs';
import { distillationLoss, hardLossParts, hintLoss, withHint, withTerm, type HintAdapter, type KdLossParts } from '../losses';
import { attentionTransfer, type AttentionSettings } from '../losses/attention';
import { rkdLoss, type RkdSettings } from '../losses/rkd';
import { forwardWithHidden } from '../models/forward';
import { hiddenLayerOptions } from '../models/spec';
import { applyHintAdapter, englishHintAdapterProblem, hintAdapterProblem, planHintAdapter, type HintAdapterPlan } from './hintAdapter';
import type { Batch } from './loop';
import { englishMethodProblem, methodProblem } from './methodProblems';
import { teacherLogits, type Teacher } from './teacher';
import type { WeightsAtStep } from './trialSettings';
import type { ExperimentConfig, HintConfig } from './types';
import { trainingForward } from '../kernels/wasmDenseForward';

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

/** The terms added to the distillation loss besides the hint: attention transfer and RKD (null: not used). */
export interface AddedTerms {
  at: AttentionSettings | null;
  rkd: RkdSettings | null;
}

/** The run's attention-transfer and RKD terms checked against the architectures (throws on bad settings). */
export function resolveAddedTerms(cfg: ExperimentConfig, inputShape: number[]): AddedTerms {
  const problem = methodProblem(cfg, inputShape);
  if (problem) throw new Error(englishMethodProblem(problem));
  return { at: cfg.attention ?? null, rkd: cfg.rkd ?? null };
}

/** How a student learns: from hard labels alone, or distilled from a teacher with T/α per step (and the run's hint, AT and RKD terms, if any). */
export type StudentMethod =
  | { kind: 'scratch' }
  | {
      kind: 'distill';
      teacher: Teacher;
      weights: WeightsAtStep;
      hint: { plan: ResolvedHint; adapter: HintAdapter | null } | null;
      /** Attention transfer and RKD (absent: neither). */
      terms?: AddedTerms;
    };

/** Everything a student's batch loss reads: the student, its batch input (shifted or not) and its method. */
export interface StudentLossInputs {
  model: tf.LayersModel;
  input: (b: Batch) => tf.Tensor;
  method: StudentMethod;
}

/** The loss of one batch of a student, built once from its method (each new distillation method is one more case here). */
export function studentLoss({ model, input, method }: StudentLossInputs): (b: Batch) => KdLossParts {
  const student = (x: tf.Tensor) => trainingForward(model, x);
  if (method.kind === 'scratch') return (b) => hardLossParts(b.yOneHot, student(input(b)));
  const { teacher, weights, hint } = method;
  const at = method.terms?.at ?? null;
  const rkd = method.terms?.rkd ?? null;
  if (!hint && !at && rkd?.source !== 'hidden') {
    return (b) => {
      const x = input(b);
      const w = weights(b.step);
      const zt = teacherLogits(teacher, b, x, w);
      const zs = student(x);
      const parts = distillationLoss(b.yOneHot, zt, zs, w, b.epoch);
      return rkd ? withTerm(parts, 'rkd', rkdLoss(zs, zt, rkd.distanceWeight, rkd.angleWeight)) : parts;
    };
  }
  const teacherModel = teacher.model;
  if (!teacherModel) throw new Error('A hint, attention-transfer or hidden-layer RKD term needs a teacher model, not only its logits.');
  return (b) => {
    // These terms need the teacher's hidden features, so the teacher runs live on this batch.
    const x = input(b);
    const t = forwardWithHidden(teacherModel, x, false);
    const s = forwardWithHidden(model, x, true);
    const zt = teacher.cached ? tf.gather(teacher.cached, b.idx) : t.logits;
    let parts = distillationLoss(b.yOneHot, zt, s.logits, weights(b.step), b.epoch);
    if (hint) parts = withHint(parts, hintLoss(applyHintAdapter(s.hidden[hint.plan.studentLayer]!, hint.adapter), t.hidden[hint.plan.teacherLayer]!, null, hint.plan.beta));
    if (at) {
      const pairs = at.teacherLayers.map((tl, i) => ({ teacher: t.hidden[tl] as tf.Tensor4D, student: s.hidden[at.studentLayers[i]!] as tf.Tensor4D }));
      parts = withTerm(parts, 'at', attentionTransfer(pairs, at.beta));
    }
    if (rkd) {
      const [es, et] = rkd.source === 'hidden' ? [s.hidden[rkd.studentLayer]!, t.hidden[rkd.teacherLayer]!] : [s.logits, zt];
      parts = withTerm(parts, 'rkd', rkdLoss(es, et, rkd.distanceWeight, rkd.angleWeight));
    }
    return parts;
  };
}
