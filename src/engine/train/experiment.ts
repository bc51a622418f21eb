import type { Dataset } from '../data/types';
import { checkCompare, runCompareTrials } from './compareTrials';
import type { RunController } from './controller';
import { prepareData } from './experimentData';
import type { ExperimentHooks, ExperimentOptions, ExperimentOutcome, ExperimentScope } from './experimentHooks';
import { experimentResults } from './experimentResults';
import { trainMainStudents, type MainStudents } from './mainStudents';
import { obtainTeacher, type MainTeacher, type TeacherSource } from './obtainTeacher';
import { precomputedTeacherProblem } from './precomputedTeacher';
import { resumePlan } from './resumePlan';
import { runSeedTrials } from './seedTrials';
import { resolveHint } from './studentLoss';
import { runSweepTrials } from './sweepTrials';
import { teamTeacher, withTeamResults } from './teamTeacher';
import type { ExperimentConfig } from './types';

/** The experiment's hooks, options, outcome and live-change report (defined with the phases that use them). */
export type { ExperimentHooks, ExperimentOptions, ExperimentOutcome, HyperApplied } from './experimentHooks';

/** The run's teacher source from the options, checked against the settings (throws when they cannot go together). */
function teacherSource(cfg: ExperimentConfig, data: Dataset, options: ExperimentOptions): TeacherSource {
  if (options.teacher) {
    if (cfg.hint) throw new Error('A hint term needs a teacher built by the studio, not a loaded one.');
    return { kind: 'given', model: options.teacher };
  }
  if (options.precomputed) {
    const problem = precomputedTeacherProblem(cfg, data.inputShape.length === 3);
    if (problem) throw new Error(problem);
    return { kind: 'precomputed', logits: options.precomputed };
  }
  return { kind: 'train' };
}

/**
 * Trains the teacher on hard labels, then the student from scratch, then distils the same student
 * architecture from the same initial weights and data order. With `repeats` > 1 the two students are
 * retrained with further seeds; with a sweep grid the student is distilled again at each point, always
 * re-using the trained teacher; with a comparison, each chosen method distils over seeds. Pure engine code: progress leaves through hooks.
 *
 * Phases, each a function of the values before it: prepare the data → obtain the teacher → its ensemble and
 * teaching assistant, when asked for → the main run's students → further seeds → the sweep → the method comparison →
 * the results. A checkpoint (`options.resume`) is split up front into
 * each phase's input.
 */
export async function runExperiment(
  cfg: ExperimentConfig,
  data: Dataset,
  controller: RunController,
  hooks: ExperimentHooks,
  options: ExperimentOptions = {},
): Promise<ExperimentOutcome> {
  const source = teacherSource(cfg, data, options);
  const hint = resolveHint(cfg, data.inputShape);
  checkCompare(cfg, data.inputShape, source.kind !== 'precomputed');
  const plan = resumePlan(options.resume ?? null);
  const scope: ExperimentScope = { cfg, data: prepareData(cfg, data), controller, hooks };
  let teacher: MainTeacher | null = null;
  let main: MainStudents | null = null;
  try {
    // Each step owns the teacher it is given and releases it when it fails.
    const team = await teamTeacher(scope, await obtainTeacher(scope, source, plan));
    teacher = team.teacher;
    main = await trainMainStudents(scope, teacher, hint, plan);
    const seeds = await runSeedTrials(scope, teacher, hint, main, source.kind !== 'given');
    const sweep = await runSweepTrials(scope, teacher, hint, main);
    const compare = await runCompareTrials(scope, teacher, main);
    const results = withTeamResults(await experimentResults(scope, teacher, main, { seeds, sweep, compare }), team);
    const student = main.distilled.model;
    main = null;
    return { results, student, dispose: () => student.dispose() };
  } finally {
    main?.distilled.model.dispose();
    teacher?.dispose();
    scope.data.dispose();
  }
}
