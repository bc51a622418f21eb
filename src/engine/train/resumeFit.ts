import type { ExperimentConfig } from './types';

/** Settings that decide the data, the architectures or the students' set: a checkpoint only fits when they are unchanged. */
const FIXED: readonly (keyof ExperimentConfig)[] = ['dataset', 'samples', 'noise', 'teacher', 'student', 'hint', 'transferSize', 'excludeClasses', 'augment', 'flip', 'seed'];

/**
 * The settings of `next` that differ from the checkpointed run's and make its weights unusable (empty: it can
 * continue). Learning rate, optimizer, epochs, batch size, T, α and the rest may change on resume.
 */
export function resumeConflicts(saved: ExperimentConfig, next: ExperimentConfig): (keyof ExperimentConfig)[] {
  const out = FIXED.filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(next[k]));
  if ((saved.userData?.id ?? null) !== (next.userData?.id ?? null)) out.push('userData');
  return out;
}
