import type { StateCreator } from 'zustand';
import type { ExperimentConfig } from '../engine/train/types';
import { newRun, type CheckpointSummary, type EpochRow, type LossRow } from './runState';
import type { SavedRun } from './savedRun';
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
  /** Starts run `id` at `now` as the continuation of a checkpointed run: its curves up to the checkpoint (none: from the beginning). */
  restoreRun: (id: number, config: ExperimentConfig, curves: SavedCurves | null, now?: number) => void;
  /** Gives up a halted run: it counts as stopped. */
  discardHalted: () => void;
  /** The newest checkpoint of the current run, kept in memory too (resume after a fault needs no database read). */
  latestSaved: SavedRun | null;
  /** A checkpoint of an earlier visit, found after a reload and offered for resume (`resumeOffer` is its summary). */
  offeredSaved: SavedRun | null;
  /** Keeps the current run's newest checkpoint. */
  keepCheckpoint: (saved: SavedRun) => void;
  /** Offers an earlier visit's checkpoint for resume. */
  offerSaved: (saved: SavedRun) => void;
  /** Accepts the offer: the offered checkpoint becomes the current run's (returned; null when none is offered). */
  takeOfferedSaved: () => SavedRun | null;
  /** Forgets both checkpoints (a run finished, was stopped or discarded, or a new one starts); the offer's summary stays until dismissed. */
  forgetSaved: () => void;
}

/** Creates the survive slice. */
export const createSurviveSlice: StateCreator<StudioState, [], [], SurviveSlice> = (set, get) => ({
  resumeOffer: null,
  setResumeOffer: (resumeOffer) => set({ resumeOffer }),
  restoreRun: (id, config, curves, now = 0) =>
    set((s) => ({
      resumeOffer: null,
      notice: null,
      run: {
        ...newRun(id, config, now),
        dataset: s.run.dataset,
        ...(curves
          ? { lossRows: curves.lossRows, epochRows: curves.epochRows, lossCount: curves.lossCount, checkpoint: curves.checkpoint, phase: curves.checkpoint.phase, epoch: curves.checkpoint.epoch, epochs: curves.checkpoint.epochs }
          : {}),
      },
    })),
  discardHalted: () => set((s) => (s.run.status === 'halted' ? { run: { ...s.run, status: 'stopped', halt: null } } : {})),
  latestSaved: null,
  offeredSaved: null,
  keepCheckpoint: (latestSaved) => set({ latestSaved }),
  offerSaved: (saved) => set({ offeredSaved: saved, resumeOffer: { phase: saved.phase, epoch: saved.epoch, epochs: saved.epochs } }),
  takeOfferedSaved: () => {
    const saved = get().offeredSaved;
    if (saved) set({ offeredSaved: null, latestSaved: saved });
    return saved;
  },
  forgetSaved: () => set({ latestSaved: null, offeredSaved: null }),
});
