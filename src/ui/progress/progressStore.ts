import { create } from 'zustand';
import type { ExperimentConfig } from '../../engine/train/types';
import { beginProgress, IDLE_PROGRESS, reduceProgress, type RunProgressState } from '../../store/progress';
import type { WorkerEvent } from '../../worker/protocol';

/** The live run's whole-run progress (fed by the worker bridge as events arrive, not once per frame, so a background tab keeps counting). */
export interface ProgressStore {
  progress: RunProgressState;
  repeats: number;
  /** A run starts (or continues from a checkpoint) with this config. */
  begin: (runId: number, config: ExperimentConfig) => void;
  /** One worker event. */
  apply: (event: WorkerEvent) => void;
}

/** The progress store. */
export const useProgress = create<ProgressStore>()((set) => ({
  progress: IDLE_PROGRESS,
  repeats: 1,
  begin: (runId, config) => set({ progress: beginProgress(runId, config, performance.now()), repeats: config.repeats }),
  apply: (event) =>
    set((s) => {
      const next = reduceProgress(s.progress, event, performance.now(), s.repeats);
      return next === s.progress ? s : { progress: next };
    }),
}));
