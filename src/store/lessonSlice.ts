import type { StateCreator } from 'zustand';
import { isFinished } from './runState';
import { lessonById, lessonConfig, type LessonFocus, type LessonId } from './lessons';
import type { StudioState } from './types';

/** The open lesson and the panel it asks the studio to show. */
export interface LessonSlice {
  /** The lesson whose card is open, or null. */
  lessonId: LessonId | null;
  /** The panel the open lesson is about ('explorer', 'bias', 'boundaries'), or null. */
  lessonFocus: LessonFocus | null;
  /** The part of the open lesson applied last (0-based), or null; it goes into shared links. */
  lessonPart: number | null;
  /** Marks a part as applied without changing the settings (a link that carries the part's settings itself). */
  markLessonPart: (index: number | null) => void;
  /** Opens a lesson's card (settings stay as they are until a part is applied). */
  openLesson: (id: LessonId) => void;
  /** Closes the lesson card. */
  closeLesson: () => void;
  /**
   * Applies part `index` of the open lesson: its full settings (keeping the backend), the built-in dataset
   * instead of an upload, and no stale field errors. Does nothing while a run trains. Returns whether it applied.
   */
  applyLessonPart: (index: number) => boolean;
}

/** Creates the lesson slice. */
export const createLessonSlice: StateCreator<StudioState, [], [], LessonSlice> = (set, get) => ({
  lessonId: null,
  lessonFocus: null,
  lessonPart: null,
  markLessonPart: (index) => set({ lessonPart: index }),
  openLesson: (id) => set({ lessonId: id, lessonFocus: lessonById(id).focus, lessonPart: null }),
  closeLesson: () => set({ lessonId: null, lessonFocus: null, lessonPart: null }),
  applyLessonPart: (index) => {
    const s = get();
    const part = s.lessonId ? lessonById(s.lessonId).parts[index] : undefined;
    if (!part || !isFinished(s.run.status)) return false;
    const { config, rejected } = lessonConfig(part, s.config);
    if (rejected.length > 0) return false;
    s.chooseBuiltIn(config.dataset);
    set({ config, fieldErrors: {}, lessonPart: index });
    return true;
  },
});
