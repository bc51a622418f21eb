import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase, TrialResult } from '../engine/train/types';
import type { DatasetSummary } from '../engine/data/summary';
import type { PhaseContext } from '../engine/train/phaseContext';
import type { RunMessage } from '../worker/runMessage';
import { rewindCurves } from './rewind';
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
  scratch?: number;
  distill?: number;
  soft?: number;
  hard?: number;
  hint?: number;
}

/** One chart row per epoch: test accuracy of each model and the students' agreement with the teacher. */
export interface EpochRow {
  epoch: number;
  teacher?: number;
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

/** A fresh run that is being prepared. */
export function newRun(id: number, config: ExperimentConfig): RunState {
  return { ...IDLE_RUN, id, config, status: 'preparing' };
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

/** Applies one worker event to the run state (events of other runs are ignored). Pure, so it is unit-tested. */
export function reduceRun(run: RunState, event: WorkerEvent): RunState {
  if ('runId' in event && event.runId !== run.id) return run;
  switch (event.type) {
    case 'loading':
      return { ...run, loading: { what: event.what, fraction: event.fraction } };
    case 'dataset':
      return { ...run, dataset: event.summary };
    case 'backend':
      return { ...run, backend: event.info, loading: null };
    case 'phase':
      return {
        ...run,
        status: run.status === 'paused' ? 'paused' : 'running',
        phase: event.phase,
        context: event.context,
        epoch: event.fromEpoch ?? 0,
        epochs: event.epochs,
      };
    case 'trial':
      return { ...run, trials: [...run.trials, event.trial] };
    case 'metrics': {
      const lastEpoch = event.epochs[event.epochs.length - 1];
      return {
        ...run,
        lossRows: mergeLosses(run.lossRows, event.losses),
        epochRows: mergeEpochs(run.epochRows, event.epochs),
        lossCount: run.lossCount + event.losses.length,
        epoch: lastEpoch ? lastEpoch.epoch : run.epoch,
      };
    }
    case 'paused':
      return isFinished(run.status) ? run : { ...run, status: 'paused' };
    case 'resumed':
      return isFinished(run.status) ? run : { ...run, status: run.phase ? 'running' : 'preparing' };
    case 'hyperApplied':
      return { ...run, marks: [...run.marks, { phase: event.phase, step: event.step, temperature: event.temperature, alpha: event.alpha }] };
    case 'done':
      return { ...run, status: 'done', results: event.results, loading: null };
    case 'stopped':
      return { ...run, status: 'stopped', loading: null };
    case 'failed':
      return { ...run, status: 'failed', loading: null, error: { kind: event.kind, message: event.message } };
    case 'checkpoint':
      return { ...run, checkpoint: { phase: event.phase, epoch: event.epoch, epochs: event.epochs } };
    case 'halted':
      return { ...run, status: 'halted', loading: null, halt: event.halt };
    case 'backendSwitched':
      return {
        ...run,
        // The run continues from its checkpoint: points trained after it are trained again, so drop them.
        ...rewindCurves(run, event.phase, event.epoch, event.step),
        backend: event.info,
        switches: [...run.switches, { from: event.from, to: event.info.name, cause: event.cause, phase: event.phase, epoch: event.epoch }],
      };
    case 'alive':
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
      return run;
    default:
      return assertNever(event);
  }
}
