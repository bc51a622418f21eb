import type { ArchSpec } from '../models/spec';
import type { DatasetId } from '../data/registry';

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
  /** Epochs of every phase. */
  epochs: number;
  batchSize: number;
  /** Adam, or plain SGD. */
  optimizer: OptimizerName;
  learningRate: number;
  seed: number;
}

/** One training step's loss, with the distillation parts (soft + hard = total; soft is 0 outside distillation). */
export interface LossPoint {
  phase: Phase;
  /** 1-based step within the phase. */
  step: number;
  total: number;
  soft: number;
  hard: number;
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
  /** Wall time of the phase that trained it, in ms. */
  trainMs: number;
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
}
