import type { StateCreator } from 'zustand';
import { createBoundarySlice } from './boundarySlice';
import { createConfigSlice } from './configSlice';
import { createInspectSlice } from './inspectSlice';
import { createLessonSlice } from './lessonSlice';
import { createHistorySlice } from './history/historySlice';
import { createModelsSlice } from './modelsSlice';
import { createRunSlice } from './runSlice';
import { createShareSlice } from './shareSlice';
import { createSurviveSlice } from './surviveSlice';
import { createUploadSlice } from './uploadSlice';
import type { StudioState } from './types';

/** Every slice of the studio store, combined (used by the app's store and by tests' fresh stores). */
export const createStudioSlices: StateCreator<StudioState> = (...a) => ({
  ...createConfigSlice(...a),
  ...createRunSlice(...a),
  ...createUploadSlice(...a),
  ...createSurviveSlice(...a),
  ...createModelsSlice(...a),
  ...createHistorySlice(...a),
  ...createBoundarySlice(...a),
  ...createLessonSlice(...a),
  ...createInspectSlice(...a),
  ...createShareSlice(...a),
});
