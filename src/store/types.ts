import type { ConfigSlice } from './configSlice';
import type { InspectSlice } from './inspectSlice';
import type { RunSlice } from './runSlice';
import type { UploadSlice } from './uploadSlice';

/** The whole studio store: typed slices combined. */
export type StudioState = ConfigSlice & RunSlice & UploadSlice & InspectSlice;
