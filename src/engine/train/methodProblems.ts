import { hiddenLayerOptions } from '../models/spec';
import { RKD_MAX_BATCH } from '../losses/rkd';
import type { ExperimentConfig } from './types';

/** Which model a problem is about. */
export type MethodModel = 'teacher' | 'student';

/** Why the DKD, logit-standardisation, attention-transfer or RKD settings cannot run, as a code with parameters (the UI words it). */
export type MethodProblem =
  | { code: 'weight'; name: 'dkdAlpha' | 'dkdBeta' | 'dkdWarmup' | 'atBeta' | 'rkdDistance' | 'rkdAngle'; got: number }
  | { code: 'standardizeMse' }
  | { code: 'atNeedsCnn'; model: MethodModel }
  | { code: 'atPairs'; teacher: number; student: number }
  | { code: 'atLayerMissing'; model: MethodModel; layer: number }
  | { code: 'atNotConv'; model: MethodModel; layer: number }
  | { code: 'rkdLayerMissing'; model: MethodModel; layer: number }
  | { code: 'rkdBatch'; max: number; got: number }
  | { code: 'needsBuiltTeacher'; term: 'attention' | 'rkdHidden' };

/** The settings the method checks read. */
type MethodConfig = Pick<ExperimentConfig, 'teacher' | 'student' | 'softTerm' | 'dkd' | 'logitStandardize' | 'attention' | 'rkd' | 'batchSize' | 'pretrainedTeacher'>;

const weightProblem = (name: Extract<MethodProblem, { code: 'weight' }>['name'], got: number): MethodProblem | null =>
  got >= 0 && Number.isFinite(got) ? null : { code: 'weight', name, got };

/** The first problem of the run's DKD, standardisation, AT and RKD settings for these architectures, or null. */
export function methodProblem(c: MethodConfig, inputShape: number[]): MethodProblem | null {
  if (c.softTerm === 'dkd' && c.dkd) {
    const bad = weightProblem('dkdAlpha', c.dkd.alpha) ?? weightProblem('dkdBeta', c.dkd.beta) ?? weightProblem('dkdWarmup', c.dkd.warmup);
    if (bad) return bad;
  }
  if (c.logitStandardize && c.softTerm === 'mse') return { code: 'standardizeMse' };
  // A loaded teacher (tfjs or ONNX) is known by its logits and its own layers, not by the teacher architecture the
  // settings describe: the terms that read the teacher's hidden features need a teacher the studio builds.
  if (c.pretrainedTeacher && c.attention) return { code: 'needsBuiltTeacher', term: 'attention' };
  if (c.pretrainedTeacher && c.rkd?.source === 'hidden') return { code: 'needsBuiltTeacher', term: 'rkdHidden' };
  const layers = { teacher: hiddenLayerOptions(c.teacher, inputShape), student: hiddenLayerOptions(c.student, inputShape) };
  if (c.attention) {
    const a = c.attention;
    const bad = weightProblem('atBeta', a.beta);
    if (bad) return bad;
    // Attention maps are spatial: an MLP has no height and width to attend over.
    if (c.student.kind !== 'cnn') return { code: 'atNeedsCnn', model: 'student' };
    if (c.teacher.kind !== 'cnn') return { code: 'atNeedsCnn', model: 'teacher' };
    if (a.teacherLayers.length === 0 || a.teacherLayers.length !== a.studentLayers.length) return { code: 'atPairs', teacher: a.teacherLayers.length, student: a.studentLayers.length };
    for (const model of ['teacher', 'student'] as const) {
      for (const layer of model === 'teacher' ? a.teacherLayers : a.studentLayers) {
        const option = layers[model][layer];
        if (!option) return { code: 'atLayerMissing', model, layer };
        if (option.shape.length !== 3) return { code: 'atNotConv', model, layer };
      }
    }
  }
  if (c.rkd) {
    const r = c.rkd;
    const bad = weightProblem('rkdDistance', r.distanceWeight) ?? weightProblem('rkdAngle', r.angleWeight);
    if (bad) return bad;
    if (r.source === 'hidden') {
      if (!layers.teacher[r.teacherLayer]) return { code: 'rkdLayerMissing', model: 'teacher', layer: r.teacherLayer };
      if (!layers.student[r.studentLayer]) return { code: 'rkdLayerMissing', model: 'student', layer: r.studentLayer };
    }
    if (r.angleWeight > 0 && c.batchSize > RKD_MAX_BATCH) return { code: 'rkdBatch', max: RKD_MAX_BATCH, got: c.batchSize };
  }
  return null;
}

const WEIGHT_NAMES = { dkdAlpha: 'DKD weight α', dkdBeta: 'DKD weight β', dkdWarmup: 'DKD warm-up', atBeta: 'attention weight β', rkdDistance: 'RKD distance weight', rkdAngle: 'RKD angle weight' };

/** The English sentence of a method problem (the worker's run error; the UI words the code itself). */
export function englishMethodProblem(p: MethodProblem): string {
  switch (p.code) {
    case 'weight':
      return `The ${WEIGHT_NAMES[p.name]} must be a number ≥ 0 (got ${p.got}).`;
    case 'standardizeMse':
      return 'Logit standardisation applies to the KL and DKD soft terms, not to MSE on logits.';
    case 'atNeedsCnn':
      return `Attention transfer needs convolutional teacher and student: the ${p.model} is an MLP, whose layers have no spatial attention map. Pick a CNN ${p.model}, or use the hint term or RKD instead.`;
    case 'atPairs':
      return `Attention transfer pairs teacher and student conv layers one to one: ${p.teacher} teacher and ${p.student} student layers given.`;
    case 'atLayerMissing':
      return `Attention transfer: the ${p.model} has no hidden block ${p.layer + 1}.`;
    case 'atNotConv':
      return `Attention transfer: the ${p.model}'s hidden block ${p.layer + 1} is a dense layer; pick a conv layer.`;
    case 'rkdLayerMissing':
      return `RKD: the ${p.model} has no hidden block ${p.layer + 1}.`;
    case 'needsBuiltTeacher':
      return p.term === 'attention'
        ? 'Attention transfer reads the teacher’s conv layers, and a loaded teacher gives only its logits: turn attention transfer off or remove the loaded teacher.'
        : 'RKD on a hidden layer reads the teacher’s hidden features, and a loaded teacher gives only its logits: use RKD on the logits, or remove the loaded teacher.';
    case 'rkdBatch':
      return `RKD's angle term compares every triple of a batch: use at most ${p.max} examples per batch (got ${p.got}), or set the angle weight to 0.`;
  }
}
