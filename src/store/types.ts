import type { ConfigSlice } from './configSlice';
import type { HistorySlice } from './history/historySlice';
import type { RunSlice } from './runSlice';
import type { UploadSlice } from './uploadSlice';

/** The whole studio store: typed slices combined. */
export type StudioState = ConfigSlice & RunSlice & UploadSlice & HistorySlice;
