import { validateArch } from '../models/spec';
import type { ExperimentConfig } from './types';

/** Smallest and largest teacher ensemble. */
export const ENSEMBLE_SIZES = { min: 2, max: 5 } as const;

/** Why the teacher-ensemble or teaching-assistant settings cannot run, as a code with parameters (the UI words it). */
export type TeamProblem =
  | { code: 'ensembleSize'; got: number }
  | { code: 'ensembleLoaded' }
  | { code: 'ensembleLive' }
  | { code: 'ensembleFeatures' }
  | { code: 'ensembleStandardize' }
  | { code: 'ensemblePerSeed' }
  | { code: 'ensembleMembers'; size: number; got: number }
  | { code: 'ensembleMemberArch'; member: number; reason: string }
  | { code: 'assistantArch'; reason: string }
  | { code: 'assistantFeatures' }
  | { code: 'assistantPerSeed' };

/** The settings the checks read. */
type TeamConfig = Pick<
  ExperimentConfig,
  'ensemble' | 'assistant' | 'pretrainedTeacher' | 'teacherLive' | 'augment' | 'hint' | 'attention' | 'rkd' | 'logitStandardize' | 'teacherPerSeed'
>;

/** True when a term of the run needs one teacher model's hidden layers (hint, attention transfer, hidden-layer RKD). */
const needsHidden = (c: TeamConfig) => c.hint !== null || !!c.attention || c.rkd?.source === 'hidden';

/** The first problem of the ensemble and assistant settings, or null (both off: always null). */
export function teamProblem(c: TeamConfig, inputShape: number[], numClasses: number): TeamProblem | null {
  const e = c.ensemble;
  if (e) {
    if (!Number.isInteger(e.size) || e.size < ENSEMBLE_SIZES.min || e.size > ENSEMBLE_SIZES.max) return { code: 'ensembleSize', got: e.size };
    if (c.pretrainedTeacher) return { code: 'ensembleLoaded' };
    // The ensemble's soft targets are combined from cached logits: the teachers cannot run live on shifted inputs.
    if (c.teacherLive || (c.augment === 'all' && inputShape.length === 3)) return { code: 'ensembleLive' };
    if (needsHidden(c)) return { code: 'ensembleFeatures' };
    if (c.logitStandardize) return { code: 'ensembleStandardize' };
    if (c.teacherPerSeed) return { code: 'ensemblePerSeed' };
    if (e.members) {
      if (e.members.length !== e.size - 1) return { code: 'ensembleMembers', size: e.size, got: e.members.length };
      for (const [i, arch] of e.members.entries()) {
        const reason = validateArch(arch, inputShape, numClasses);
        if (reason) return { code: 'ensembleMemberArch', member: i + 2, reason };
      }
    }
  }
  if (c.assistant) {
    const reason = validateArch(c.assistant, inputShape, numClasses);
    if (reason) return { code: 'assistantArch', reason };
    if (needsHidden(c)) return { code: 'assistantFeatures' };
    // A seed's own teacher would teach its students directly, past the assistant.
    if (c.teacherPerSeed) return { code: 'assistantPerSeed' };
  }
  return null;
}

/** The English sentence of a team problem (the worker's run error; the UI words the code itself). */
export function englishTeamProblem(p: TeamProblem): string {
  switch (p.code) {
    case 'ensembleSize':
      return `A teacher ensemble has ${ENSEMBLE_SIZES.min} to ${ENSEMBLE_SIZES.max} teachers (got ${p.got}).`;
    case 'ensembleLoaded':
      return 'A teacher ensemble trains its teachers here: remove the loaded teacher, or turn the ensemble off.';
    case 'ensembleLive':
      return 'A teacher ensemble combines its teachers’ cached logits: turn "Run the teacher live" and student augmentation off.';
    case 'ensembleFeatures':
      return 'The hint, attention transfer and hidden-layer RKD read one teacher’s hidden layers, which an ensemble does not have: turn them off or the ensemble off.';
    case 'ensembleStandardize':
      return 'Logit standardisation is not defined for an ensemble’s averaged soft targets: turn one of them off.';
    case 'ensemblePerSeed':
      return 'A teacher per seed and a teacher ensemble cannot be combined: turn one of them off.';
    case 'ensembleMembers':
      return `An ensemble of ${p.size} teachers lists the architectures of teachers 2 to ${p.size}: ${p.size - 1} expected, ${p.got} given.`;
    case 'ensembleMemberArch':
      return `Teacher ${p.member} of the ensemble: ${p.reason}`;
    case 'assistantArch':
      return `Teaching assistant: ${p.reason}`;
    case 'assistantPerSeed':
      return 'A teacher per seed and a teaching assistant cannot be combined: turn one of them off.';
    case 'assistantFeatures':
      return 'With a teaching assistant the student learns from the assistant, whose hidden layers the hint, attention transfer and hidden-layer RKD were not set for: turn them off or the assistant off.';
  }
}
