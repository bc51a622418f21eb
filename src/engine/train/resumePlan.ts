import type { PhaseRecord, ResumePoint } from './resumePoint';
import type { Phase } from './types';

/** What each phase of the main run takes from a checkpoint: the point to continue from, or the results of a finished phase. */
export interface ResumePlan {
  /** The teacher: continue its training, or load it finished (its weights and its record). */
  teacher: { continueFrom: ResumePoint | null; finished: { weights: Float32Array[]; record: PhaseRecord } | null };
  /** The scratch student: continue its training, or take its finished record. */
  scratch: { continueFrom: ResumePoint | null; finished: PhaseRecord | null };
  /** The distilled student: continue its training. */
  distill: { continueFrom: ResumePoint | null };
  /** The finished phases' results as the checkpoint holds them (the next checkpoints carry them on). */
  finished: ResumePoint['finished'];
}

/** What a checkpoint of the main run carries besides its own phase: the trained teacher and the finished phases' results. */
export interface CheckpointCarry {
  /** The trained teacher's weights (null while the teacher trains, or when no checkpoints are taken). */
  teacherWeights: Float32Array[] | null;
  finished: ResumePoint['finished'];
}

/** The plan of a run from the beginning. */
export const FRESH_START: ResumePlan = {
  teacher: { continueFrom: null, finished: null },
  scratch: { continueFrom: null, finished: null },
  distill: { continueFrom: null },
  finished: {},
};

/** Splits a checkpoint into each phase's input (throws when it lacks a finished phase its own phase needs). */
export function resumePlan(point: ResumePoint | null): ResumePlan {
  if (!point) return FRESH_START;
  const at = (phase: Phase) => (point.phase === phase ? point : null);
  let teacher: ResumePlan['teacher']['finished'] = null;
  if (point.phase !== 'teacher') {
    if (!point.teacherWeights || !point.finished.teacher) throw new Error('The checkpoint has no trained teacher.');
    teacher = { weights: point.teacherWeights, record: point.finished.teacher };
  }
  let scratch: PhaseRecord | null = null;
  if (point.phase === 'distill') {
    if (!point.finished.scratch) throw new Error('The checkpoint has no scratch student results.');
    scratch = point.finished.scratch;
  }
  return {
    teacher: { continueFrom: at('teacher'), finished: teacher },
    scratch: { continueFrom: at('scratch'), finished: scratch },
    distill: { continueFrom: at('distill') },
    finished: { ...point.finished },
  };
}
