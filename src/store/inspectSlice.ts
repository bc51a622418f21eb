import type { StateCreator } from 'zustand';
import type { WorkerEvent } from '../worker/protocol';
import { EMPTY_INSPECT, reduceInspect, resetInspect, type InspectState } from './inspectState';
import type { StudioState } from './types';

/** The classroom views' data feed: inspected test examples and the models' latest logits. */
export interface InspectSlice {
  inspect: InspectState;
  /** Empties the feed for a new run. */
  resetInspectFeed: (runId: number) => void;
  /** Applies a batch of worker events (the same once-per-frame batch as the run state). */
  applyInspectEvents: (events: WorkerEvent[]) => void;
}

/** Creates the inspect slice. */
export const createInspectSlice: StateCreator<StudioState, [], [], InspectSlice> = (set) => ({
  inspect: EMPTY_INSPECT,
  resetInspectFeed: (runId) => set({ inspect: resetInspect(runId) }),
  applyInspectEvents: (events) =>
    set((s) => {
      const next = events.reduce(reduceInspect, s.inspect);
      return next === s.inspect ? s : { inspect: next };
    }),
});
