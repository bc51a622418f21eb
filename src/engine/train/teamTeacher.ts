import { trainAssistant } from './assistant';
import { trainEnsemble } from './ensembleTeacher';
import type { ExperimentScope } from './experimentHooks';
import type { MainTeacher } from './obtainTeacher';
import type { EnsembleResult, ExperimentResults, ModelResult } from './types';

/** The teacher the students learn from, with the ensemble's and the assistant's results (null: not used). */
export interface TeamTeacher {
  teacher: MainTeacher;
  ensemble: EnsembleResult | null;
  assistant: ModelResult | null;
}

/**
 * The models between the main teacher and the students: the ensemble's other teachers, then the teaching assistant,
 * each when the config asks for it (both off: the main teacher unchanged). Takes ownership of `main`. Neither is in a
 * checkpoint: a resumed run trains them again from their seeds.
 */
export async function teamTeacher(scope: ExperimentScope, main: MainTeacher): Promise<TeamTeacher> {
  const { cfg } = scope;
  let teacher = main;
  let ensemble: EnsembleResult | null = null;
  if (cfg.ensemble) {
    const e = await trainEnsemble(scope, teacher, cfg.ensemble.size);
    teacher = e.teacher;
    ensemble = e.result;
  }
  let assistant: ModelResult | null = null;
  if (cfg.assistant) {
    const a = await trainAssistant(scope, teacher, cfg.assistant);
    teacher = a.teacher;
    assistant = a.result;
  }
  return { teacher, ensemble, assistant };
}

/** The results with the ensemble's and the assistant's rows added (unchanged when neither ran). */
export function withTeamResults(results: ExperimentResults, team: TeamTeacher): ExperimentResults {
  return { ...results, ...(team.ensemble ? { ensemble: team.ensemble } : {}), ...(team.assistant ? { assistant: team.assistant } : {}) };
}
