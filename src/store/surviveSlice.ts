import type { StateCreator } from 'zustand';
import type { ExperimentConfig } from '../engine/train/types';
import { newRun, type CheckpointSummary, type EpochRow, type LossRow } from './runState';
import type { StudioState } from './types';

/** The curves of a run at its checkpoint, restored when it resumes. */
export interface SavedCurves {
  lossRows: LossRow[];
  epochRows: EpochRow[];
  lossCount: number;
  checkpoint: CheckpointSummary;
}

/** Checkpoints and recovery: the saved run offered after a reload, and run-state transitions of resume and discard. */
export interface SurviveSlice {
  /** A checkpoint of an unfinished run found in the browser after a reload (null: none, or dismissed). */
  resumeOffer: CheckpointSummary | null;
  /** Shows or clears the resume offer. */
  setResumeOffer: (offer: CheckpointSummary | null) => void;
  /** Starts run `id` as the continuation of a checkpointed run: its curves up to the checkpoint (none: from the beginning). */
  restoreRun: (id: number, config: ExperimentConfig, curves: SavedCurves | null) => void;
  /** Gives up a halted run: it counts as stopped. */
  discardHalted: () => void;
}

/** Creates the survive slice. */
export const createSurviveSlice: StateCreator<StudioState, [], [], SurviveSlice> = (set) => ({
  resumeOffer: null,
  setResumeOffer: (resumeOffer) => set({ resumeOffer }),
  restoreRun: (id, config, curves) =>
    set((s) => ({
      resumeOffer: null,
      notice: null,
      run: {
        ...newRun(id, config),
        dataset: s.run.dataset,
        ...(curves
          ? { lossRows: curves.lossRows, epochRows: curves.epochRows, lossCount: curves.lossCount, checkpoint: curves.checkpoint, phase: curves.checkpoint.phase, epoch: curves.checkpoint.epoch, epochs: curves.checkpoint.epochs }
          : {}),
      },
    })),
  discardHalted: () => set((s) => (s.run.status === 'halted' ? { run: { ...s.run, status: 'stopped', halt: null } } : {})),
});
