import type { StateCreator } from 'zustand';
import type { ExperimentConfig } from '../engine/train/types';
import type { BackendInfo, WorkerEvent } from '../worker/protocol';
import { IDLE_RUN, newRun, reduceRun, type RunState } from './runState';
import type { StudioState } from './types';

/** The current run and the actions the worker bridge writes through. */
export interface RunSlice {
  run: RunState;
  /** Notice shown above the results (e.g. download errors); null when none. */
  notice: string | null;
  /** Resets the run state for a new run. */
  beginRun: (id: number, config: ExperimentConfig) => void;
  /** Applies a batch of worker events in one store update (called at most once per frame). */
  applyEvents: (events: WorkerEvent[]) => void;
  /** Shows or clears a notice. */
  setNotice: (notice: string | null) => void;
  /** The backend the worker has chosen and warmed up for the current settings (before Start). */
  prepared: { info: BackendInfo | null; message: string | null } | null;
  /** Records (or clears, with null) the prepared backend. */
  setPrepared: (prepared: { info: BackendInfo | null; message: string | null } | null) => void;
  /** While a saved run is shown in `run`: its name and the live run put aside (null when `run` is the live run). */
  viewing: { name: string; live: RunState } | null;
  /** Shows a finished saved run in the charts and tables; the live run is kept aside and still receives its events. */
  viewSavedRun: (saved: RunState, name: string) => void;
  /** Goes back to the live (current) run. */
  backToLiveRun: () => void;
}

/** Creates the run slice. */
export const createRunSlice: StateCreator<StudioState, [], [], RunSlice> = (set) => ({
  run: IDLE_RUN,
  notice: null,
  beginRun: (id, config) => set({ run: newRun(id, config), notice: null, viewing: null }),
  applyEvents: (events) =>
    set((s) => (s.viewing ? { viewing: { ...s.viewing, live: events.reduce(reduceRun, s.viewing.live) } } : { run: events.reduce(reduceRun, s.run) })),
  setNotice: (notice) => set({ notice }),
  prepared: null,
  setPrepared: (prepared) => set({ prepared }),
  viewing: null,
  viewSavedRun: (saved, name) => set((s) => ({ run: saved, viewing: { name, live: s.viewing ? s.viewing.live : s.run } })),
  backToLiveRun: () => set((s) => (s.viewing ? { run: s.viewing.live, viewing: null } : {})),
});
