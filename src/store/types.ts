import type { ConfigSlice } from './configSlice';
import type { RunSlice } from './runSlice';

/** The whole studio store: typed slices combined. */
export type StudioState = ConfigSlice & RunSlice;
