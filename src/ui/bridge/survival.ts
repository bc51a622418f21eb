import { useStudio } from '../../store';
import { buildExperiment, experimentOf } from '../../store/experimentOf';
import { resumeConflicts } from '../../engine/train/resumeFit';
import type { ExperimentConfig } from '../../engine/train/types';
import type { BackendChoice, WorkerEvent } from '../../worker/protocol';
import { i18n } from '../i18n';
import { clearActiveRun, loadActiveRun, saveActiveRun, type SavedRun } from './unfinishedRunDb';

/** The newest checkpoint of the current run, kept in memory too (resume after a fault needs no database read). */
let latest: SavedRun | null = null;
/** A checkpoint found after a reload, offered for resume. */
let offered: SavedRun | null = null;
/** Database writes run one after another, so a later delete never races an earlier save. */
let writes: Promise<void> = Promise.resolve();

function queue(write: () => Promise<void>): void {
  writes = writes.then(write).catch((e: unknown) => useStudio.getState().setNotice(i18n.t('survive:saveFailed', { message: String(e) })));
}

/** Settles once every database write queued so far has finished (tests wait on it before reading the database). */
export function settledWrites(): Promise<void> {
  return writes;
}

/** Checkpoints are written at most this often (ms): each write clones the curves so far on the page's thread. */
const SAVE_SPACING_MS = 500;
/** The checkpoint waiting to be written (only the newest is kept), and when the last write started. */
let pendingSave: SavedRun | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
let lastSaveAt = 0;

/**
 * Saves a checkpoint: at once when none was written in the last SAVE_SPACING_MS, otherwise the newest one waiting is
 * written when that time is up (short runs end an epoch every few milliseconds; only their newest checkpoint matters).
 */
function saveSoon(saved: SavedRun): void {
  pendingSave = saved;
  if (saveTimer !== null) return;
  const write = () => {
    saveTimer = null;
    const next = pendingSave;
    pendingSave = null;
    if (!next) return;
    lastSaveAt = Date.now();
    queue(() => saveActiveRun(next));
  };
  const wait = lastSaveAt + SAVE_SPACING_MS - Date.now();
  if (wait <= 0) write();
  else saveTimer = setTimeout(write, wait);
}

/** Drops a checkpoint still waiting to be written. */
function cancelPendingSave(): void {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = null;
  pendingSave = null;
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
    latest = saved;
    saveSoon(saved);
  } else if (event.type === 'done' || event.type === 'stopped') {
    forgetCheckpoint();
  }
}

/** Drops the saved checkpoint (a run finished, was stopped or discarded, or a new one starts). */
export function forgetCheckpoint(): void {
  latest = null;
  offered = null;
  cancelPendingSave();
  queue(clearActiveRun);
}

/** Looks for a checkpoint left by an earlier visit and offers it (once, at start-up). */
export async function offerSavedRun(): Promise<void> {
  const saved = await loadActiveRun().catch(() => null);
  if (!saved || useStudio.getState().run.status !== 'idle') return;
  offered = saved;
  useStudio.getState().setResumeOffer({ phase: saved.phase, epoch: saved.epoch, epochs: saved.epochs });
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
  return offered ? resumeConflicts(offered.experiment, offeredExperiment(offered)) : [];
}

/** The loaded teacher the saved or halted run distilled from (null: it trained its own). */
export function resumedTeacherName(): string | null {
  return (offered ?? latest)?.experiment.pretrainedTeacher?.name ?? null;
}

/** Continuing the offered run after a reload: its own settings, restored into the UI, with the teacher loaded again. */
export function takeOffer(): Continuation | null {
  const saved = offered;
  if (!saved) return null;
  offered = null;
  latest = saved;
  useStudio.getState().setConfig(saved.uiConfig);
  return { experiment: offeredExperiment(saved), backend: saved.backend, saved };
}

/** Settings changed since the halted run that its checkpoint cannot continue with (empty: resumable). */
export function haltedConflicts(): (keyof ExperimentConfig)[] {
  const { run } = useStudio.getState();
  if (!latest || !run.config) return [];
  return resumeConflicts(latest.experiment, experimentOf(useStudio.getState()));
}

/** Continuing the halted run with the current settings and loaded teacher (from its last checkpoint, or from the beginning when none). */
export function continueHalted(): Continuation {
  const state = useStudio.getState();
  return { experiment: experimentOf(state), backend: state.config.backend, saved: latest };
}

/** Drops the resume offer without resuming. */
export function discardOffer(): void {
  useStudio.getState().setResumeOffer(null);
  forgetCheckpoint();
}
