import type { TFunction } from 'i18next';
import type { MethodProblem } from '../../engine/train/methodProblems';

/** A DKD, standardisation, attention-transfer or RKD problem as one sentence in the language of `t`. */
export function methodProblemText(p: MethodProblem, t: TFunction<'app'>): string {
  switch (p.code) {
    case 'weight':
      return t('methods.problem.weight', { name: t(`methods.weightName.${p.name}`), got: String(p.got) });
    case 'standardizeMse':
      return t('methods.problem.standardizeMse');
    case 'atNeedsCnn':
      return t(p.model === 'student' ? 'methods.problem.atNeedsCnnStudent' : 'methods.problem.atNeedsCnnTeacher');
    case 'atPairs':
      return t('methods.problem.atPairs', { teacher: String(p.teacher), student: String(p.student) });
    case 'atLayerMissing':
    case 'atNotConv':
    case 'rkdLayerMissing':
      return t(`methods.problem.${p.code}`, { model: t(`methods.model.${p.model}`), layer: String(p.layer + 1) });
    case 'needsBuiltTeacher':
      return t(p.term === 'attention' ? 'methods.problem.atLoadedTeacher' : 'methods.problem.rkdLoadedTeacher');
    case 'rkdBatch':
      return t('methods.problem.rkdBatch', { max: String(p.max), got: String(p.got) });
  }
}
