import type { StateCreator } from 'zustand';
import type { Phase } from '../engine/train/types';
import type { WorkerEvent } from '../worker/protocol';
import type { StudioState } from './types';

/** One decision-boundary grid as the worker sent it (model = phase, after `epoch`). */
export type BoundaryFrame = Extract<WorkerEvent, { type: 'boundary' }>;

/** The latest grid per model of one run. */
export interface BoundaryState {
  /** The run the frames belong to (0: none yet). */
  runId: number;
  frames: Partial<Record<Phase, BoundaryFrame>>;
}

/** No grids yet. */
export const NO_BOUNDARIES: BoundaryState = { runId: 0, frames: {} };

/** Keeps the newest grid per model; a grid of another run starts afresh. Pure, so it is unit-tested. */
export function reduceBoundaries(state: BoundaryState, event: WorkerEvent): BoundaryState {
  if (event.type !== 'boundary') return state;
  const frames = event.runId === state.runId ? state.frames : {};
  return { runId: event.runId, frames: { ...frames, [event.phase]: event } };
}

/** Decision-boundary grids of 2-D runs (the latest per model, reset per run). */
export interface BoundarySlice {
  boundaries: BoundaryState;
  /** Applies the boundary events of a batch of worker events (called with every batch the bridge flushes). */
  applyBoundaryEvents: (events: WorkerEvent[]) => void;
}

/** Creates the boundary slice. */
export const createBoundarySlice: StateCreator<StudioState, [], [], BoundarySlice> = (set) => ({
  boundaries: NO_BOUNDARIES,
  applyBoundaryEvents: (events) => {
    if (!events.some((e) => e.type === 'boundary')) return;
    set((s) => ({ boundaries: events.reduce(reduceBoundaries, s.boundaries) }));
  },
});
