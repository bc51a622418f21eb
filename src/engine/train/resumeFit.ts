import type { ExperimentConfig } from './types';

/** Settings that decide the data, the architectures or the students' set: a checkpoint only fits when they are unchanged. */
const FIXED: readonly (keyof ExperimentConfig)[] = ['dataset', 'samples', 'noise', 'teacher', 'student', 'hint', 'transferSize', 'excludeClasses', 'augment', 'flip', 'seed', 'ensemble', 'assistant'];

/**
 * The settings of `next` that differ from the checkpointed run's and make its weights unusable (empty: it can
 * continue). Learning rate, optimizer, epochs, batch size, T, α and the rest may change on resume.
 */
export function resumeConflicts(saved: ExperimentConfig, next: ExperimentConfig): (keyof ExperimentConfig)[] {
  // Absent and null are the same setting (an ensemble or assistant that is off).
  const out = FIXED.filter((k) => JSON.stringify(saved[k] ?? null) !== JSON.stringify(next[k] ?? null));
  if ((saved.userData?.id ?? null) !== (next.userData?.id ?? null)) out.push('userData');
  if (teacherIdentity(saved) !== teacherIdentity(next)) out.push('pretrainedTeacher');
  return out;
}

/**
 * What makes a loaded teacher the same one: its files' fingerprint (ids are the worker's handles, so the same files
 * loaded again after a reload or a crash get a new id); null when the run trains its own teacher.
 */
function teacherIdentity(config: ExperimentConfig): string | null {
  const ref = config.pretrainedTeacher;
  if (!ref) return null;
  return ref.fingerprint ? `sha256:${ref.fingerprint}` : `id:${ref.id}`;
}
