import type * as tf from '@tensorflow/tfjs';
import type { RunController } from './controller';
import type { ExperimentData } from './experimentData';
import type { PhaseContext } from './phaseContext';
import type { PrecomputedTeacher } from './precomputedTeacher';
import type { ResumePoint } from './resumePoint';
import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase, TrialResult } from './types';

/** A live T/α change as it took effect: `step` is the first step (1-based, of `phase`) whose loss used it. */
export interface HyperApplied {
  /** 'distill' in the main run; null in an extra trial (a seed's distillation), where `step` counts that trial's steps. */
  phase: 'distill' | null;
  step: number;
  temperature: number;
  alpha: number;
}

/** Progress callbacks of an experiment (the worker turns them into messages). */
export interface ExperimentHooks {
  /**
   * A phase starts; `context` names the extra trial (e.g. seed 2 of 3) or the latency measurement, or is null for the main run;
   * `fromEpoch` is the number of epochs already trained (non-zero when a resumed phase continues).
   */
  onPhase: (phase: Phase, stepsPerEpoch: number, context: PhaseContext | null, fromEpoch: number) => void;
  /** Step losses of the main run (extra trials are summarised by `onTrial` instead). */
  onLoss: (points: LossPoint[]) => void;
  /** Per-epoch test metrics of the main run. */
  onEpoch: (point: EpochPoint) => void;
  /** An extra trial (seed or sweep point) finished. */
  onTrial?: (trial: TrialResult) => void;
  /**
   * The main run's model of `phase` after `epoch` (1-based) was evaluated. The model is only borrowed:
   * read from it (e.g. test-set logits, decision-boundary grids) and do not keep or dispose it. It is null for a
   * teacher known only by its logits (`ExperimentOptions.precomputed`); `logits` are given then.
   */
  onEvaluated?: (phase: Phase, epoch: number, model: tf.LayersModel | null, logits: Float32Array | null) => Promise<void>;
  /** How many leading test examples' logits `onEvaluated` receives from the epoch's evaluation (0: none). */
  evaluatedLogits?: number;
  /**
   * Whether the evaluation after `epoch` (1-based) of a trained main-run `phase` keeps those logits (a read-back of
   * `evaluatedLogits` rows): asked just before the evaluation. Absent: after every epoch.
   */
  wantsLogits?: (phase: Phase, epoch: number) => boolean;
  /** Everything needed to continue the main run after this epoch (host memory only; the caller may keep it). */
  onCheckpoint?: (point: ResumePoint) => void;
  /**
   * Whether the checkpoint after `epoch` (1-based) of `phase` will be used: a resume point is captured (weights and
   * optimiser state read back) only when this says yes. Absent: after every epoch.
   */
  wantsCheckpoint?: (phase: Phase, epoch: number) => boolean;
  /** A live T/α change (`RunController.hyper`) entered a distillation loss for the first time (called inside the step). */
  onHyperApplied?: (change: HyperApplied) => void;
}

/** Optional ways to run an experiment. */
export interface ExperimentOptions {
  /** Continue the main run from this checkpoint: finished phases are skipped, its phase continues at the next epoch. */
  resume?: ResumePoint | null;
  /** An already-trained teacher (borrowed: never trained nor disposed here); teacher training is skipped. */
  teacher?: tf.LayersModel;
  /** A teacher known only by its logits (e.g. ONNX): teacher training is skipped and distillation reads them. */
  precomputed?: PrecomputedTeacher;
}

/** A finished experiment: its results and the distilled student, owned by the caller until `dispose`. */
export interface ExperimentOutcome {
  results: ExperimentResults;
  student: tf.LayersModel;
  dispose: () => void;
}

/** What every phase of one experiment reads and never changes: the settings, the data, the controller and the hooks. */
export interface ExperimentScope {
  cfg: ExperimentConfig;
  data: ExperimentData;
  controller: RunController;
  hooks: ExperimentHooks;
}
