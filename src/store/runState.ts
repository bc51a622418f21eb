import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase, TrialResult } from '../engine/train/types';
import type { DatasetSummary } from '../engine/data/summary';
import type { PhaseContext } from '../engine/train/phaseContext';
import type { RunMessage } from '../worker/runMessage';
import { rewindCurves } from './rewind';
import { progressOf, progressUnits, startClock, stepsPerEpochOf, type RunClock } from './progress';
import { assertNever, type BackendInfo, type BackendName, type FailureKind, type Halt, type SwitchCause, type WorkerEvent } from '../worker/protocol';

/** Where a run is in its life ('halted': paused by a fault, waiting to be resumed from its last checkpoint or discarded). */
export type RunStatus = 'idle' | 'preparing' | 'running' | 'paused' | 'halted' | 'done' | 'stopped' | 'failed';

/** Where the newest checkpoint of the main run stands. */
export interface CheckpointSummary {
  phase: Phase;
  epoch: number;
  epochs: number;
}

/** A mid-run backend switch (device lost or kernel missing), shown in the status area. */
export interface BackendSwitch {
  from: BackendName;
  to: BackendName;
  cause: SwitchCause;
  phase: Phase | null;
  epoch: number;
}

/** One chart row per step: each phase's loss at that step (scratch and distillation share the x axis). */
export interface LossRow {
  step: number;
  teacher?: number;
  /** The teaching assistant's distillation loss (runs with an assistant). */
  assistant?: number;
  scratch?: number;
  distill?: number;
  soft?: number;
  hard?: number;
  hint?: number;
  /** β · attention-transfer loss (absent: not used). */
  at?: number;
  /** Weighted RKD terms (absent: not used). */
  rkd?: number;
}

/** One chart row per epoch: test accuracy of each model and the students' agreement with the teacher. */
export interface EpochRow {
  epoch: number;
  teacher?: number;
  /** The teaching assistant's test accuracy (runs with an assistant). */
  assistant?: number;
  scratch?: number;
  distill?: number;
  scratchAgree?: number;
  distillAgree?: number;
}

/** A live T/α change, marked on the loss chart at `step`, the first step of `phase` whose loss used it. */
export interface HyperMark {
  phase: Phase | null;
  step: number;
  temperature: number;
  alpha: number;
}

/** Everything the UI shows about the current (or last) run. */
export interface RunState {
  id: number;
  status: RunStatus;
  config: ExperimentConfig | null;
  phase: Phase | null;
  /** The extra trial being trained (a seed, a sweep point) or the latency measurement, or null during the main run. */
  context: PhaseContext | null;
  epoch: number;
  epochs: number;
  /** The last training step reported in the current phase (from the main run's loss points; extra trials send none). */
  step: number;
  /** Steps per epoch of the teacher and of the students as the worker reported them (null: not yet, estimated). */
  stepsPerEpoch: { teacher: number | null; student: number | null };
  /** When the run was started, began training, paused and ended: the progress bar's elapsed time and ETA. */
  clock: RunClock;
  loading: { what: string; fraction: number } | null;
  /** The loaded dataset's counts, classes and gallery. */
  dataset: DatasetSummary | null;
  backend: BackendInfo | null;
  lossRows: LossRow[];
  epochRows: EpochRow[];
  /** Loss points received so far (all phases). */
  lossCount: number;
  marks: HyperMark[];
  /** Extra trials finished so far (seeds and sweep points), streamed before the results. */
  trials: TrialResult[];
  results: ExperimentResults | null;
  error: { kind: FailureKind; message: RunMessage } | null;
  /** The newest checkpoint of this run (null before the first epoch ends). */
  checkpoint: CheckpointSummary | null;
  /** Why the run is halted (status 'halted'). */
  halt: Halt | null;
  /** Backends left mid-run, in order. */
  switches: BackendSwitch[];
}

/** The state before any run. */
export const IDLE_RUN: RunState = {
  id: 0,
  status: 'idle',
  config: null,
  phase: null,
  context: null,
  epoch: 0,
  epochs: 0,
  step: 0,
  stepsPerEpoch: { teacher: null, student: null },
  clock: startClock(0),
  loading: null,
  dataset: null,
  backend: null,
  lossRows: [],
  epochRows: [],
  lossCount: 0,
  marks: [],
  trials: [],
  results: null,
  error: null,
  checkpoint: null,
  halt: null,
  switches: [],
};

/** A fresh run that is being prepared, started at `now` (the page's clock, ms). */
export function newRun(id: number, config: ExperimentConfig, now = 0): RunState {
  return { ...IDLE_RUN, id, config, status: 'preparing', clock: startClock(now) };
}

/** Merges loss deltas into the per-step rows (copy-on-write: one new array per batch). */
export function mergeLosses(rows: LossRow[], points: LossPoint[]): LossRow[] {
  if (points.length === 0) return rows;
  const next = rows.slice();
  for (const p of points) {
    const i = p.step - 1;
    const row: LossRow = { ...(next[i] ?? { step: p.step }) };
    if (p.phase === 'distill') {
      row.distill = p.total;
      row.soft = p.soft;
      row.hard = p.hard;
      if (p.hint !== 0) row.hint = p.hint;
      if (p.at !== undefined && p.at !== 0) row.at = p.at;
      if (p.rkd !== undefined && p.rkd !== 0) row.rkd = p.rkd;
    } else row[p.phase] = p.total;
    next[i] = row;
  }
  return next;
}

/** Merges epoch deltas into the per-epoch rows. */
export function mergeEpochs(rows: EpochRow[], points: EpochPoint[]): EpochRow[] {
  if (points.length === 0) return rows;
  const next = rows.slice();
  for (const p of points) {
    const i = p.epoch - 1;
    const row: EpochRow = { ...(next[i] ?? { epoch: p.epoch }) };
    row[p.phase] = p.testAccuracy;
    if (p.agreement !== null) {
      if (p.phase === 'scratch') row.scratchAgree = p.agreement;
      if (p.phase === 'distill') row.distillAgree = p.agreement;
    }
    next[i] = row;
  }
  return next;
}

/** True when the run no longer trains. */
export function isFinished(status: RunStatus): boolean {
  return status === 'idle' || status === 'done' || status === 'stopped' || status === 'failed' || status === 'halted';
}

/** The run after a phase starts: its epoch and step (a resumed phase starts part-way), and the steps per epoch it reports. */
function startPhase(run: RunState, event: Extract<WorkerEvent, { type: 'phase' }>): RunState {
  const teacher = event.phase === 'teacher';
  const stepsPerEpoch = event.stepsPerEpoch > 0 ? (teacher ? { ...run.stepsPerEpoch, teacher: event.stepsPerEpoch } : { ...run.stepsPerEpoch, student: event.stepsPerEpoch }) : run.stepsPerEpoch;
  const fromEpoch = event.fromEpoch ?? 0;
  const next = { ...run, stepsPerEpoch, phase: event.phase, context: event.context, epoch: fromEpoch, epochs: event.epochs };
  const perEpoch = stepsPerEpochOf(next)[teacher ? 'teacher' : 'student'];
  return { ...next, status: run.status === 'paused' ? 'paused' : 'running', step: fromEpoch * perEpoch };
}

/**
 * The run after a metrics delta: curves, epoch and step of the current phase. The clock behind the ETA starts at the
 * first reported steps: the first step's one-time warm-up (kernel compilation, first allocations) is not extrapolated.
 */
function addMetrics(run: RunState, event: Extract<WorkerEvent, { type: 'metrics' }>, now: number): RunState {
  const lastEpoch = event.epochs.filter((e) => e.phase === run.phase).pop();
  const lastLoss = event.losses.filter((l) => l.phase === run.phase).pop();
  const next: RunState = {
    ...run,
    lossRows: mergeLosses(run.lossRows, event.losses),
    epochRows: mergeEpochs(run.epochRows, event.epochs),
    lossCount: run.lossCount + event.losses.length,
    epoch: lastEpoch ? lastEpoch.epoch : run.epoch,
    step: lastLoss ? lastLoss.step : run.step,
  };
  const c = run.clock;
  if (c.trainingAt !== null || (!lastEpoch && !lastLoss)) return next;
  const pausedSoFar = c.pausedMs + (c.pausedAt !== null ? now - c.pausedAt : 0);
  return { ...next, clock: { ...c, trainingAt: now, unitsAtTraining: progressUnits(progressOf(next)).done, pausedBeforeTraining: pausedSoFar } };
}

/** The clock at the end of the run. */
function ended(run: RunState, now: number): RunClock {
  return { ...run.clock, endedAt: now };
}

/**
 * Applies one worker event, arrived by `now` (the page's clock, ms; it times the progress bar), to the run state
 * (events of other runs are ignored). The one reduction of run events; pure, so it is unit-tested.
 */
export function reduceRun(run: RunState, event: WorkerEvent, now = 0): RunState {
  if ('runId' in event && event.runId !== run.id) return run;
  switch (event.type) {
    case 'loading':
      return { ...run, loading: { what: event.what, fraction: event.fraction } };
    case 'dataset':
      return { ...run, dataset: event.summary };
    case 'backend':
      return { ...run, backend: event.info, loading: null };
    case 'phase':
      return startPhase(run, event);
    case 'trial':
      // Extra trials send no metrics: a finished trial finishes its last phase's epochs.
      return { ...run, trials: [...run.trials, event.trial], epoch: run.epochs };
    case 'metrics':
      return addMetrics(run, event, now);
    case 'paused':
      return isFinished(run.status) || run.status === 'paused' ? run : { ...run, status: 'paused', clock: { ...run.clock, pausedAt: now } };
    case 'resumed': {
      if (isFinished(run.status)) return run;
      const c = run.clock;
      const clock = c.pausedAt === null ? c : { ...c, pausedMs: c.pausedMs + (now - c.pausedAt), pausedAt: null };
      return { ...run, status: run.phase ? 'running' : 'preparing', clock };
    }
    case 'hyperApplied':
      return { ...run, marks: [...run.marks, { phase: event.phase, step: event.step, temperature: event.temperature, alpha: event.alpha }] };
    case 'done':
      return { ...run, status: 'done', results: event.results, loading: null, clock: ended(run, now) };
    case 'stopped':
      return { ...run, status: 'stopped', loading: null, clock: ended(run, now) };
    case 'failed':
      return { ...run, status: 'failed', loading: null, error: { kind: event.kind, message: event.message }, clock: ended(run, now) };
    case 'checkpoint':
      return { ...run, checkpoint: { phase: event.phase, epoch: event.epoch, epochs: event.epochs } };
    case 'halted':
      return { ...run, status: 'halted', loading: null, halt: event.halt, clock: ended(run, now) };
    case 'backendSwitched':
      return {
        ...run,
        // The run continues from its checkpoint: points trained after it are trained again, so drop them.
        ...rewindCurves(run, event.phase, event.epoch, event.step),
        backend: event.info,
        switches: [...run.switches, { from: event.from, to: event.info.name, cause: event.cause, phase: event.phase, epoch: event.epoch }],
      };
    case 'alive':
    case 'debugTrace':
    case 'boundary':
    case 'prepared':
    case 'backendMeasured':
    case 'exported':
    case 'exportFailed':
    case 'csvPreview':
    case 'uploadReady':
    case 'uploadFailed':
    case 'imagesProgress':
    case 'studentZip':
    case 'quantizedPreview':
    case 'onnxFile':
    case 'preparedDataset':
    case 'modelExportFailed':
    case 'teacherLoaded':
    case 'teacherRejected':
    case 'inspectExamples':
    case 'inspectLogits':
    case 'predicted':
    case 'toyPoints':
      return run;
    default:
      return assertNever(event);
  }
}
