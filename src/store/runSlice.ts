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
  /** Resets the run state for a new run, started at `now` (the page's clock, ms). */
  beginRun: (id: number, config: ExperimentConfig, now?: number) => void;
  /** Applies a batch of worker events, arrived by `now`, in one store update (called at most once per frame). */
  applyEvents: (events: WorkerEvent[], now?: number) => void;
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

/** The live run: the one the worker is training, even while a saved run is shown (progress bar, tab title). */
export function liveRun(s: Pick<RunSlice, 'run' | 'viewing'>): RunState {
  return s.viewing ? s.viewing.live : s.run;
}

/** Creates the run slice. */
export const createRunSlice: StateCreator<StudioState, [], [], RunSlice> = (set) => ({
  run: IDLE_RUN,
  notice: null,
  beginRun: (id, config, now = 0) => set({ run: newRun(id, config, now), notice: null, viewing: null }),
  applyEvents: (events, now = 0) =>
    set((s) => {
      const reduce = (run: RunState) => events.reduce((r, e) => reduceRun(r, e, now), run);
      return s.viewing ? { viewing: { ...s.viewing, live: reduce(s.viewing.live) } } : { run: reduce(s.run) };
    }),
  setNotice: (notice) => set({ notice }),
  prepared: null,
  setPrepared: (prepared) => set({ prepared }),
  viewing: null,
  viewSavedRun: (saved, name) => set((s) => ({ run: saved, viewing: { name, live: s.viewing ? s.viewing.live : s.run } })),
  backToLiveRun: () => set((s) => (s.viewing ? { run: s.viewing.live, viewing: null } : {})),
});
