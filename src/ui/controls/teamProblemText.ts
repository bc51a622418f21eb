import type { TFunction } from 'i18next';
import { ENSEMBLE_SIZES, type TeamProblem } from '../../engine/train/teamProblems';

/** A teacher-ensemble or teaching-assistant problem as one sentence in the language of `t`. */
export function teamProblemText(p: TeamProblem, t: TFunction<'app'>): string {
  switch (p.code) {
    case 'ensembleSize':
      return t('team.problem.ensembleSize', { min: String(ENSEMBLE_SIZES.min), max: String(ENSEMBLE_SIZES.max), got: String(p.got) });
    case 'ensembleMembers':
      return t('team.problem.ensembleMembers', { size: String(p.size), expected: String(p.size - 1), got: String(p.got) });
    case 'ensembleMemberArch':
      return t('team.problem.ensembleMemberArch', { member: String(p.member), reason: p.reason });
    case 'assistantArch':
      return t('team.problem.assistantArch', { reason: p.reason });
    case 'ensembleLoaded':
    case 'ensembleLive':
    case 'ensembleFeatures':
    case 'ensembleStandardize':
    case 'ensemblePerSeed':
    case 'assistantFeatures':
    case 'assistantPerSeed':
      return t(`team.problem.${p.code}`);
  }
}
