import type { BoundarySlice } from './boundarySlice';
import type { ConfigSlice } from './configSlice';
import type { HistorySlice } from './history/historySlice';
import type { LessonSlice } from './lessonSlice';
import type { InspectSlice } from './inspectSlice';
import type { RunSlice } from './runSlice';
import type { UploadSlice } from './uploadSlice';
import type { ShareSlice } from './shareSlice';
import type { SurviveSlice } from './surviveSlice';
import type { ModelsSlice } from './modelsSlice';

/** The whole studio store: typed slices combined. */
export type StudioState = ConfigSlice & RunSlice & UploadSlice & SurviveSlice & ModelsSlice & HistorySlice & BoundarySlice & LessonSlice & InspectSlice & ShareSlice;
