import type { BoundarySlice } from './boundarySlice';
import type { ConfigSlice } from './configSlice';
import type { LessonSlice } from './lessonSlice';
import type { RunSlice } from './runSlice';
import type { UploadSlice } from './uploadSlice';

/** The whole studio store: typed slices combined. */
export type StudioState = ConfigSlice & RunSlice & UploadSlice & BoundarySlice & LessonSlice;
