import { datasetMeta } from '../engine/data/meta';
import { planArch } from '../engine/models/plan';
import type { ArchSpec } from '../engine/models/spec';
import type { ExperimentConfig, Phase } from '../engine/train/types';
import type { PhaseContext } from '../engine/train/phaseContext';
import type { WorkerEvent } from '../worker/protocol';

/** One block of training the progress bar counts: a phase of the main run, of an extra seed, or a sweep point. */
export interface ProgressSegment {
  phase: Phase;
  /** True for the teacher's phase (its steps run over the full training set). */
  teacher: boolean;
  epochs: number;
}

/**
 * Cost of evaluating one epoch (test metrics, classroom logits, boundary grids), in units of a tiny model's
 * training step: counted so that a run with few steps per epoch does not look faster than it is.
 */
export const EVAL_STEPS_PER_EPOCH = 1;

/**
 * Training FLOPs per batch that cost as much as one step's fixed overhead (the ~100 small ops of a step).
 * Measured on the development machine: a 64·64 teacher's step on the spiral costs about 5 steps of an 8-unit student.
 */
export const FLOPS_PER_STEP_OVERHEAD = 30_000;

/** Relative cost of one training step of a model: the fixed per-step overhead plus its arithmetic. */
export function stepWeight(spec: ArchSpec, inputShape: readonly number[], numClasses: number, batchSize: number): number {
  const plan = planArch(spec, inputShape, numClasses);
  const flops = plan.ok ? plan.layers.reduce((a, l) => a + l.flops, 0) : 0;
  return 1 + (flops * batchSize) / FLOPS_PER_STEP_OVERHEAD;
}

/** The whole run's progress: its plan, where it stands, and the clock behind elapsed time and the ETA. */
export interface RunProgressState {
  runId: number;
  segments: ProgressSegment[];
  /** Steps per epoch of the teacher and of the students: estimated from the config, then as the worker reports them. */
  steps: { teacher: number; student: number };
  /** Relative cost of one step of the teacher and of a student (`stepWeight`). */
  weights: { teacher: number; student: number };
  /** Batch size and training-set size, to estimate steps before the worker reports them. */
  batchSize: number;
  transferSize: number;
  /** Index of the segment in progress (-1 before training starts; `segments.length` once all are trained). */
  current: number;
  /** Epochs finished in the current segment. */
  epochsDone: number;
  /** Training steps done in the current segment (from the main run's loss points; 0 for extra trials, which send none). */
  stepsDone: number;
  status: 'idle' | 'preparing' | 'training' | 'paused' | 'done' | 'ended';
  /** What the preparation is doing (dataset load, backend choice), with its fraction when known. */
  preparing: { what: string; fraction: number } | null;
  /** When Start was pressed (ms, the caller's clock). */
  requestedAt: number;
  /** When training (the first counted phase) started, and the work already done then (a resumed run starts part-way). */
  trainingAt: number | null;
  unitsAtTraining: number;
  /** Time spent paused before training started (not part of the ETA's measured time). */
  pausedBeforeTraining: number;
  /** Time spent paused, and when the current pause began. */
  pausedMs: number;
  pausedAt: number | null;
  /** When the run ended (done, stopped, failed or halted), for the final elapsed time. */
  endedAt: number | null;
}

/** No run yet. */
export const IDLE_PROGRESS: RunProgressState = {
  runId: 0,
  segments: [],
  steps: { teacher: 1, student: 1 },
  weights: { teacher: 1, student: 1 },
  batchSize: 1,
  transferSize: 0,
  current: -1,
  epochsDone: 0,
  stepsDone: 0,
  status: 'idle',
  preparing: null,
  requestedAt: 0,
  trainingAt: null,
  unitsAtTraining: 0,
  pausedBeforeTraining: 0,
  pausedMs: 0,
  pausedAt: null,
  endedAt: null,
};

/** Sweep points of a config's grid (the config's own value stands in for an empty list). */
function sweepCount(cfg: ExperimentConfig): number {
  if (!cfg.sweep) return 0;
  return Math.max(1, cfg.sweep.temperatures.length) * Math.max(1, cfg.sweep.alphas.length);
}

/** The blocks of training a config asks for, in the order the engine runs them. */
export function planSegments(cfg: ExperimentConfig): ProgressSegment[] {
  const e = cfg.epochs;
  const out: ProgressSegment[] = [];
  if (!cfg.pretrainedTeacher) out.push({ phase: 'teacher', teacher: true, epochs: e });
  out.push({ phase: 'scratch', teacher: false, epochs: e }, { phase: 'distill', teacher: false, epochs: e });
  for (let s = 2; s <= cfg.repeats; s++) out.push({ phase: 'scratch', teacher: false, epochs: e }, { phase: 'distill', teacher: false, epochs: e });
  for (let p = 0; p < sweepCount(cfg); p++) out.push({ phase: 'distill', teacher: false, epochs: e });
  return out;
}

/** Index of the segment a `phase` event starts (the latency measurement: past the last one). */
export function segmentIndex(segments: readonly ProgressSegment[], phase: Phase, context: PhaseContext | null, repeats: number): number {
  const base = segments[0]?.teacher ? 1 : 0;
  if (context === null) return phase === 'teacher' ? 0 : base + (phase === 'scratch' ? 0 : 1);
  switch (context.kind) {
    case 'seed':
      return base + 2 + (context.seed - 2) * 2 + (phase === 'distill' ? 1 : 0);
    case 'sweep':
      return base + 2 + (Math.max(1, repeats) - 1) * 2 + (context.point - 1);
    case 'latency':
      return segments.length;
  }
}

/** Work units of one epoch of a segment (its steps plus the evaluation). */
function epochUnits(p: RunProgressState, s: ProgressSegment): number {
  return s.teacher ? p.steps.teacher * p.weights.teacher + EVAL_STEPS_PER_EPOCH : p.steps.student * p.weights.student + EVAL_STEPS_PER_EPOCH;
}

/** Total and finished work units. */
export function progressUnits(p: RunProgressState): { done: number; total: number } {
  let total = 0;
  let done = 0;
  p.segments.forEach((s, i) => {
    const units = s.epochs * epochUnits(p, s);
    total += units;
    if (i < p.current) done += units;
    else if (i === p.current) {
      const steps = Math.max(p.stepsDone, p.epochsDone * (s.teacher ? p.steps.teacher : p.steps.student));
      done += Math.min(units, steps * (s.teacher ? p.weights.teacher : p.weights.student) + Math.min(p.epochsDone, s.epochs) * EVAL_STEPS_PER_EPOCH);
    }
  });
  if (p.status === 'done') done = total;
  return { done, total };
}

/** A new run's progress: planned from its config, with estimated steps per epoch until the data is loaded. */
export function beginProgress(runId: number, cfg: ExperimentConfig, now: number): RunProgressState {
  const guessTrain = Math.max(1, Math.round(cfg.samples * 0.8));
  const steps = stepsFor(guessTrain, cfg.batchSize, cfg.transferSize);
  const meta = datasetMeta(cfg);
  const weights = {
    teacher: stepWeight(cfg.teacher, meta.inputShape, meta.numClasses, cfg.batchSize),
    student: stepWeight(cfg.student, meta.inputShape, meta.numClasses, cfg.batchSize),
  };
  return { ...IDLE_PROGRESS, runId, segments: planSegments(cfg), steps, weights, batchSize: cfg.batchSize, transferSize: cfg.transferSize, status: 'preparing', requestedAt: now };
}

/** Steps per epoch of the teacher (all training examples) and of the students (the transfer set). */
function stepsFor(trainCount: number, batch: number, transferSize: number): { teacher: number; student: number } {
  const students = transferSize > 0 ? Math.min(transferSize, trainCount) : trainCount;
  return { teacher: Math.ceil(trainCount / batch), student: Math.ceil(students / batch) };
}

/** Applies one worker event at time `now` (events of other runs are ignored). Pure, so it is unit-tested. */
export function reduceProgress(p: RunProgressState, event: WorkerEvent, now: number, repeats: number): RunProgressState {
  if (!('runId' in event) || event.runId !== p.runId || p.status === 'idle') return p;
  switch (event.type) {
    case 'loading':
      return { ...p, preparing: { what: event.what, fraction: event.fraction } };
    case 'dataset':
      return { ...p, steps: stepsFor(event.summary.trainCount, p.batchSize, p.transferSize) };
    case 'phase': {
      const current = segmentIndex(p.segments, event.phase, event.context, repeats);
      const seg = p.segments[current];
      const steps = seg && event.stepsPerEpoch > 0 ? (seg.teacher ? { ...p.steps, teacher: event.stepsPerEpoch } : { ...p.steps, student: event.stepsPerEpoch }) : p.steps;
      const fromEpoch = event.fromEpoch ?? 0;
      const perEpoch = seg?.teacher ? steps.teacher : steps.student;
      return { ...p, steps, current, epochsDone: fromEpoch, stepsDone: fromEpoch * perEpoch, preparing: null, status: p.status === 'paused' ? 'paused' : 'training' };
    }
    case 'metrics': {
      const phase = p.segments[p.current]?.phase;
      const lastEpoch = event.epochs.filter((e) => e.phase === phase).pop();
      const lastLoss = event.losses.filter((l) => l.phase === phase).pop();
      if (!lastEpoch && !lastLoss) return p;
      const next = { ...p, epochsDone: lastEpoch ? lastEpoch.epoch : p.epochsDone, stepsDone: lastLoss ? lastLoss.step : p.stepsDone };
      // The clock behind the ETA starts at the first reported steps: the first step's one-time warm-up (kernel
      // compilation, first allocations) is not extrapolated over the whole run.
      if (p.trainingAt !== null) return next;
      const pausedSoFar = p.pausedMs + (p.pausedAt !== null ? now - p.pausedAt : 0);
      return { ...next, trainingAt: now, unitsAtTraining: progressUnits(next).done, pausedBeforeTraining: pausedSoFar };
    }
    case 'trial':
      return { ...p, epochsDone: p.segments[p.current]?.epochs ?? p.epochsDone };
    case 'paused':
      return p.pausedAt === null && (p.status === 'training' || p.status === 'preparing') ? { ...p, status: 'paused', pausedAt: now } : p;
    case 'resumed':
      return p.pausedAt === null ? p : { ...p, status: p.current >= 0 ? 'training' : 'preparing', pausedMs: p.pausedMs + (now - p.pausedAt), pausedAt: null };
    case 'done':
      return { ...p, status: 'done', current: p.segments.length, endedAt: now, preparing: null };
    case 'stopped':
    case 'failed':
    case 'halted':
      return { ...p, status: 'ended', endedAt: now, preparing: null };
    default:
      return p;
  }
}

/** What the progress bar shows: the fraction done, elapsed time and the estimated time left (null until one epoch is done). */
export interface ProgressView {
  fraction: number;
  elapsedMs: number;
  etaMs: number | null;
}

/** The bar's figures at time `now`: the ETA extrapolates the time per unit of work measured since training started. */
export function progressView(p: RunProgressState, now: number): ProgressView {
  const { done, total } = progressUnits(p);
  const end = p.endedAt ?? now;
  const paused = p.pausedMs + (p.pausedAt !== null ? end - p.pausedAt : 0);
  const elapsedMs = Math.max(0, end - p.requestedAt - paused);
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  let etaMs: number | null = null;
  if (p.status === 'training' || p.status === 'paused') {
    const trained = done - p.unitsAtTraining;
    if (p.trainingAt !== null && trained > 0) {
      const spent = Math.max(0, end - p.trainingAt - (paused - p.pausedBeforeTraining));
      etaMs = ((total - done) * spent) / trained;
    }
  }
  return { fraction, elapsedMs, etaMs };
}
