import { datasetMeta } from '../engine/data/meta';
import { planArch } from '../engine/models/plan';
import type { ArchSpec } from '../engine/models/spec';
import type { ExperimentConfig, Phase } from '../engine/train/types';
import type { PhaseContext } from '../engine/train/phaseContext';
import { comparePlan } from '../engine/train/comparePlan';
import type { RunState } from './runState';

/** One block of training the progress bar counts: a phase of the main run, of an extra seed, a sweep point or a comparison trial. */
export interface ProgressSegment {
  phase: Phase;
  /** True for the teacher's phase (its steps run over the full training set). */
  teacher: boolean;
  epochs: number;
  /** An ensemble's further teacher or the teaching assistant (absent: the main run, a seed or a sweep point). */
  team?: 'ensemble' | 'assistant';
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

/** The run's clock (ms, the page's clock), kept in the run state: Start, the start of training, pauses and the end. */
export interface RunClock {
  /** When Start was pressed. */
  requestedAt: number;
  /** When training (the first reported steps) started, and the work already done then (a resumed run starts part-way). */
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

/** A clock started at `now`. */
export function startClock(now: number): RunClock {
  return { requestedAt: now, trainingAt: null, unitsAtTraining: 0, pausedBeforeTraining: 0, pausedMs: 0, pausedAt: null, endedAt: null };
}

/** What the progress bar counts in: the bar's status, a run state's statuses folded into the ones it words. */
export type ProgressStatus = 'idle' | 'preparing' | 'training' | 'paused' | 'done' | 'ended';

/** The whole run's progress, derived from the run state (`progressOf`): its plan, where it stands, and its clock. */
export interface RunProgressState {
  runId: number;
  segments: ProgressSegment[];
  /** Steps per epoch of the teacher and of the students: estimated from the config, then as the worker reports them. */
  steps: { teacher: number; student: number };
  /** Relative cost of one step of the teacher and of a student (`stepWeight`). */
  weights: { teacher: number; student: number };
  /** Index of the segment in progress (-1 before training starts; `segments.length` once all are trained). */
  current: number;
  /** Epochs finished in the current segment. */
  epochsDone: number;
  /** Training steps done in the current segment (from the main run's loss points; 0 for extra trials, which send none). */
  stepsDone: number;
  status: ProgressStatus;
  /** What the preparation is doing (dataset load, backend choice), with its fraction when known. */
  preparing: { what: string; fraction: number } | null;
  clock: RunClock;
}

/** The parts of the run state progress is derived from. */
export type ProgressSource = Pick<RunState, 'id' | 'status' | 'config' | 'phase' | 'context' | 'epoch' | 'step' | 'stepsPerEpoch' | 'loading' | 'dataset' | 'clock'>;

/** No run yet. */
export const IDLE_PROGRESS: RunProgressState = {
  runId: 0,
  segments: [],
  steps: { teacher: 1, student: 1 },
  weights: { teacher: 1, student: 1 },
  current: -1,
  epochsDone: 0,
  stepsDone: 0,
  status: 'idle',
  preparing: null,
  clock: startClock(0),
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
  for (let k = 2; k <= (cfg.ensemble?.size ?? 1); k++) out.push({ phase: 'teacher', teacher: true, epochs: e, team: 'ensemble' });
  if (cfg.assistant) out.push({ phase: 'distill', teacher: false, epochs: e, team: 'assistant' });
  out.push({ phase: 'scratch', teacher: false, epochs: e }, { phase: 'distill', teacher: false, epochs: e });
  for (let s = 2; s <= cfg.repeats; s++) out.push({ phase: 'scratch', teacher: false, epochs: e }, { phase: 'distill', teacher: false, epochs: e });
  for (let p = 0; p < sweepCount(cfg); p++) out.push({ phase: 'distill', teacher: false, epochs: e });
  if (cfg.compare) {
    for (const slot of comparePlan(cfg.compare, (cfg.validationFraction ?? 0) > 0)) out.push({ phase: slot.arm === 'scratch' ? 'scratch' : 'distill', teacher: false, epochs: e });
  }
  return out;
}

/** Index of the segment a `phase` event starts (the latency measurement: past the last one). */
export function segmentIndex(segments: readonly ProgressSegment[], phase: Phase, context: PhaseContext | null, repeats: number): number {
  // The main students' first segment: after the teacher, the ensemble's other teachers and the assistant.
  const base = segments.findIndex((s) => !s.teacher && !s.team);
  if (context === null) return phase === 'teacher' ? 0 : base + (phase === 'scratch' ? 0 : 1);
  switch (context.kind) {
    case 'seed':
      return base + 2 + (context.seed - 2) * 2 + (phase === 'distill' ? 1 : 0);
    case 'sweep':
      return base + 2 + (Math.max(1, repeats) - 1) * 2 + (context.point - 1);
    case 'compare':
      // The comparison's trials are the last segments.
      return segments.length - context.trials + context.trial - 1;
    case 'ensemble':
      return context.member - 1;
    case 'assistant':
      return base - 1;
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

/** Steps per epoch of the teacher (all training examples) and of the students (the transfer set). */
function stepsFor(trainCount: number, batch: number, transferSize: number): { teacher: number; student: number } {
  const students = transferSize > 0 ? Math.min(transferSize, trainCount) : trainCount;
  return { teacher: Math.ceil(trainCount / batch), student: Math.ceil(students / batch) };
}

/** A config's plan: its segments and its models' step weights (planning a model is not free, so it is kept per config). */
interface Plan {
  segments: ProgressSegment[];
  weights: { teacher: number; student: number };
}
const plans = new WeakMap<ExperimentConfig, Plan>();

function planOf(cfg: ExperimentConfig): Plan {
  let plan = plans.get(cfg);
  if (!plan) {
    const meta = datasetMeta(cfg);
    plan = {
      segments: planSegments(cfg),
      weights: {
        teacher: stepWeight(cfg.teacher, meta.inputShape, meta.numClasses, cfg.batchSize),
        student: stepWeight(cfg.student, meta.inputShape, meta.numClasses, cfg.batchSize),
      },
    };
    plans.set(cfg, plan);
  }
  return plan;
}

/** Steps per epoch: as the worker reported them in its phase events, else estimated from the loaded dataset (or the config's size). */
export function stepsPerEpochOf(run: ProgressSource): { teacher: number; student: number } {
  const cfg = run.config;
  if (!cfg) return IDLE_PROGRESS.steps;
  const trainCount = run.dataset ? run.dataset.trainCount : Math.max(1, Math.round(cfg.samples * 0.8));
  const guess = stepsFor(trainCount, cfg.batchSize, cfg.transferSize);
  return { teacher: run.stepsPerEpoch.teacher ?? guess.teacher, student: run.stepsPerEpoch.student ?? guess.student };
}

/** The bar's status for a run state's status. */
function progressStatus(status: RunState['status']): ProgressStatus {
  switch (status) {
    case 'idle':
    case 'preparing':
    case 'paused':
    case 'done':
      return status;
    case 'running':
      return 'training';
    case 'halted':
    case 'stopped':
    case 'failed':
      return 'ended';
  }
}

/** The whole run's progress, derived from the run state alone (pure: the run's clock is part of its state). */
export function progressOf(run: ProgressSource): RunProgressState {
  const cfg = run.config;
  if (!cfg || run.status === 'idle') return IDLE_PROGRESS;
  const { segments, weights } = planOf(cfg);
  const current = run.status === 'done' ? segments.length : run.phase === null ? -1 : segmentIndex(segments, run.phase, run.context, cfg.repeats);
  return {
    runId: run.id,
    segments,
    steps: stepsPerEpochOf(run),
    weights,
    current,
    epochsDone: run.epoch,
    stepsDone: run.step,
    status: progressStatus(run.status),
    preparing: run.status === 'preparing' ? run.loading : null,
    clock: run.clock,
  };
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
  const c = p.clock;
  const end = c.endedAt ?? now;
  const paused = c.pausedMs + (c.pausedAt !== null ? end - c.pausedAt : 0);
  const elapsedMs = Math.max(0, end - c.requestedAt - paused);
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  let etaMs: number | null = null;
  if (p.status === 'training' || p.status === 'paused') {
    const trained = done - c.unitsAtTraining;
    if (c.trainingAt !== null && trained > 0) {
      const spent = Math.max(0, end - c.trainingAt - (paused - c.pausedBeforeTraining));
      etaMs = ((total - done) * spent) / trained;
    }
  }
  return { fraction, elapsedMs, etaMs };
}
