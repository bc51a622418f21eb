import { useStudio } from '../../store';
import { buildExperiment, experimentOf } from '../../store/experimentOf';
import { resumeConflicts } from '../../engine/train/resumeFit';
import type { ExperimentConfig } from '../../engine/train/types';
import type { BackendChoice, WorkerEvent } from '../../worker/protocol';
import { i18n } from '../i18n';
import { clearActiveRun, loadActiveRun, saveActiveRun, type SavedRun } from './unfinishedRunDb';
import { RateLimiter } from '../../util/rateLimit';

/** Checkpoints are written at most this often (ms): each write clones the curves so far on the page's thread. */
const SAVE_SPACING_MS = 500;

/**
 * The checkpoint database's writer (not state: the run's checkpoints live in the store's survive slice). Writes run one
 * after another, so a later delete never races an earlier save; a checkpoint is written at once when none was written
 * in the last SAVE_SPACING_MS, otherwise only the newest one waiting is written when that time is up (short runs end
 * an epoch every few milliseconds; only their newest checkpoint matters).
 */
class CheckpointWriter {
  private writes: Promise<void> = Promise.resolve();
  private pending: SavedRun | null = null;
  private readonly limiter = new RateLimiter(() => this.writePending(), SAVE_SPACING_MS);

  /** Queues a database write after the earlier ones; a failure shows a notice. */
  queue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((e: unknown) => useStudio.getState().setNotice(i18n.t('survive:saveFailed', { message: String(e) })));
  }

  /** Saves a checkpoint within the spacing. */
  saveSoon(saved: SavedRun): void {
    this.pending = saved;
    this.limiter.request();
  }

  /** Drops a checkpoint still waiting to be written. */
  cancelPending(): void {
    this.limiter.cancel();
    this.pending = null;
  }

  /** Settles once every write queued so far has finished. */
  settled(): Promise<void> {
    return this.writes;
  }

  private writePending(): void {
    const next = this.pending;
    this.pending = null;
    if (next) this.queue(() => saveActiveRun(next));
  }
}

const writer = new CheckpointWriter();

/** Settles once every database write queued so far has finished (tests wait on it before reading the database). */
export function settledWrites(): Promise<void> {
  return writer.settled();
}

/**
 * Side effects of worker events on the saved checkpoint. Called after the event was applied to the store, so a
 * checkpoint is stored with exactly the curves up to it.
 */
export function afterWorkerEvent(event: WorkerEvent): void {
  const state = useStudio.getState();
  if (!('runId' in event) || event.runId !== state.run.id) return;
  if (event.type === 'checkpoint' && state.run.config) {
    const saved: SavedRun = {
      savedAt: Date.now(),
      uiConfig: state.config,
      experiment: state.run.config,
      backend: state.config.backend,
      phase: event.phase,
      epoch: event.epoch,
      epochs: event.epochs,
      data: event.data,
      lossRows: state.run.lossRows,
      epochRows: state.run.epochRows,
      lossCount: state.run.lossCount,
    };
    state.keepCheckpoint(saved);
    writer.saveSoon(saved);
  } else if (event.type === 'done' || event.type === 'stopped') {
    forgetCheckpoint();
  }
}

/** Drops the saved checkpoint (a run finished, was stopped or discarded, or a new one starts). */
export function forgetCheckpoint(): void {
  useStudio.getState().forgetSaved();
  writer.cancelPending();
  writer.queue(clearActiveRun);
}

/** Looks for a checkpoint left by an earlier visit and offers it (once, at start-up). */
export async function offerSavedRun(): Promise<void> {
  const saved = await loadActiveRun().catch(() => null);
  if (!saved || useStudio.getState().run.status !== 'idle') return;
  useStudio.getState().offerSaved(saved);
}

/** What the bridge needs to continue a run. */
export interface Continuation {
  experiment: ExperimentConfig;
  backend: BackendChoice;
  saved: SavedRun | null;
}

/** The offered run's settings as the one builder makes them now (the data and the teacher loaded in this page). */
function offeredExperiment(saved: SavedRun): ExperimentConfig {
  return buildExperiment(saved.uiConfig, useStudio.getState());
}

/** Settings of the run offered after a reload that this page cannot continue it with (e.g. its teacher is not loaded again). */
export function offerConflicts(): (keyof ExperimentConfig)[] {
  const offered = useStudio.getState().offeredSaved;
  return offered ? resumeConflicts(offered.experiment, offeredExperiment(offered)) : [];
}

/** The loaded teacher the saved or halted run distilled from (null: it trained its own). */
export function resumedTeacherName(): string | null {
  const { offeredSaved, latestSaved } = useStudio.getState();
  return (offeredSaved ?? latestSaved)?.experiment.pretrainedTeacher?.name ?? null;
}

/** Continuing the offered run after a reload: its own settings, restored into the UI, with the teacher loaded again. */
export function takeOffer(): Continuation | null {
  const saved = useStudio.getState().takeOfferedSaved();
  if (!saved) return null;
  useStudio.getState().setConfig(saved.uiConfig);
  return { experiment: offeredExperiment(saved), backend: saved.backend, saved };
}

/** Settings changed since the halted run that its checkpoint cannot continue with (empty: resumable). */
export function haltedConflicts(): (keyof ExperimentConfig)[] {
  const state = useStudio.getState();
  if (!state.latestSaved || !state.run.config) return [];
  return resumeConflicts(state.latestSaved.experiment, experimentOf(state));
}

/** Continuing the halted run with the current settings and loaded teacher (from its last checkpoint, or from the beginning when none). */
export function continueHalted(): Continuation {
  const state = useStudio.getState();
  return { experiment: experimentOf(state), backend: state.config.backend, saved: state.latestSaved };
}

/** Drops the resume offer without resuming. */
export function discardOffer(): void {
  useStudio.getState().setResumeOffer(null);
  forgetCheckpoint();
}
