import type { ArchSpec } from '../models/spec';
import type { DatasetId } from '../data/registry';
import type { SoftTerm } from '../losses';
import type { Spread } from '../stats';

/** The three training phases of an experiment, in order. */
export type Phase = 'teacher' | 'scratch' | 'distill';

/** Every phase, in run order. */
export const PHASES: readonly Phase[] = ['teacher', 'scratch', 'distill'];

/** Optimisers the studio offers. */
export type OptimizerName = 'adam' | 'sgd';

/** Everything that defines an experiment; the same config, seed and backend give the same curves. */
export interface ExperimentConfig {
  dataset: DatasetId;
  /** Number of generated points (toy sets). */
  samples: number;
  /** Noise of generated points (toy sets). */
  noise: number;
  teacher: ArchSpec;
  student: ArchSpec;
  /** Distillation temperature T > 0. */
  temperature: number;
  /** Weight α ∈ [0, 1] of the soft term. */
  alpha: number;
  /** Multiply the soft term by T². */
  scaleByT2: boolean;
  /** Soft term: KL on softened probabilities (Hinton) or MSE on logits (Ba & Caruana). */
  softTerm: SoftTerm;
  /** Run the teacher's forward pass every distillation step instead of caching its logits once. */
  teacherLive: boolean;
  /** Train the scratch and distilled students this many times (seeds 1…N) and report mean ± std (1–10). */
  repeats: number;
  /** After the main run, distil again at each grid point, re-using the teacher (null: no sweep). */
  sweep: SweepGrid | null;
  /** FitNets hint term added to distillation (null: none). */
  hint: HintConfig | null;
  /** Epochs of every phase. */
  epochs: number;
  batchSize: number;
  /** Adam, or plain SGD. */
  optimizer: OptimizerName;
  learningRate: number;
  seed: number;
}

/** Which hidden blocks the hint term matches (indices of `hiddenLayerOptions`), and its weight β. */
export interface HintConfig {
  teacherLayer: number;
  studentLayer: number;
  beta: number;
}

/** Temperatures × alphas to sweep; an empty list means "the config's value". */
export interface SweepGrid {
  temperatures: number[];
  alphas: number[];
}

/** One training step's loss, with the distillation parts (soft + hard = total; soft is 0 outside distillation). */
export interface LossPoint {
  phase: Phase;
  /** 1-based step within the phase. */
  step: number;
  total: number;
  soft: number;
  hard: number;
  /** β · hint MSE (0 without a hint term). */
  hint: number;
}

/** Test metrics of one model after one epoch. */
export interface EpochPoint {
  phase: Phase;
  /** 1-based epoch within the phase. */
  epoch: number;
  testAccuracy: number;
  testLoss: number;
  /** Top-1 agreement with the teacher on the test set (students only). */
  agreement: number | null;
}

/** Final test metrics of one model. */
export interface ModelResult {
  accuracy: number;
  loss: number;
  /** Top-1 agreement with the teacher (null for the teacher itself). */
  agreement: number | null;
  params: number;
  /** Expected calibration error on the test set (15 bins). */
  ece: number;
  /** Wall time of the phase that trained it, in ms. */
  trainMs: number;
}

/** A finished extra trial: one seed of the repeated comparison, or one sweep point. */
export type TrialResult =
  | { kind: 'seed'; index: number; total: number; seed: number; scratch: number; distilled: number }
  | { kind: 'sweep'; index: number; total: number; temperature: number; alpha: number; accuracy: number; agreement: number };

/** Mean ± std over seeds of the two students' accuracy and of the gain (in points). */
export interface SeedSummary {
  scratch: Spread;
  distilled: Spread;
  /** Distilled − scratch, percentage points, per seed. */
  gains: number[];
  gain: Spread;
}

/** Distilled accuracy at each sweep point, against the scratch baseline. */
export interface SweepSummary {
  baseline: number;
  points: Extract<TrialResult, { kind: 'sweep' }>[];
}

/** A test example with the reported predictions, so downloads can be checked against the studio. */
export interface SamplePrediction {
  /** The input features (only for low-dimensional sets). */
  input: number[];
  label: number;
  /** Distilled student's class probabilities. */
  studentProbs: number[];
}

/** The outcome of a finished experiment. */
export interface ExperimentResults {
  teacher: ModelResult;
  scratch: ModelResult;
  distilled: ModelResult;
  /** Distilled minus scratch test accuracy, in percentage points. */
  gainPoints: number;
  samples: SamplePrediction[];
  /** Present when the students were trained with more than one seed. */
  seeds: SeedSummary | null;
  /** Present when a sweep ran. */
  sweep: SweepSummary | null;
}
