import type { ArchSpec } from '../models/spec';
import type { DatasetId } from '../data/registry';
import type { UserDataMeta } from '../data/meta';
import type { SoftTerm } from '../losses';
import type { AttentionSettings } from '../losses/attention';
import type { DkdSettings } from '../losses/dkd';
import type { RkdSettings } from '../losses/rkd';
import type { Spread } from '../stats';
import type { LatencyFigure } from './latency';
import type { OnnxPreprocessing } from '../import/onnxPreprocess';
import type { CompareConfig } from './compareMethods';
import type { CompareArm } from './comparePlan';
import type { CompareSummary } from './compareSummary';

/** The three training phases of an experiment, in order. */
export type Phase = 'teacher' | 'scratch' | 'distill';

/** A phase a run reports steps and epochs of: the three, and the teaching assistant's (after the teacher's) when there is one. */
export type RunPhase = Phase | 'assistant';

/** Every phase, in run order. */
export const PHASES: readonly Phase[] = ['teacher', 'scratch', 'distill'];

/** Where random ±2 px image shifts apply. */
export type AugmentMode = 'off' | 'teacher' | 'all';

/** Optimisers the studio offers. */
export type OptimizerName = 'adam' | 'sgd';

/** Everything that defines an experiment; the same config, seed and backend give the same curves. */
export interface ExperimentConfig {
  dataset: DatasetId;
  /** The user's own data (CSV or idx) instead of `dataset`; null for built-in data. */
  userData: UserDataMeta | null;
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
  /** Soft term: KL on softened probabilities (Hinton), MSE on logits (Ba & Caruana) or decoupled KD (Zhao et al. 2022). */
  softTerm: SoftTerm;
  /** DKD's α_DKD, β_DKD and warm-up epochs when `softTerm` is 'dkd' (absent or null: the paper's defaults). */
  dkd?: DkdSettings | null;
  /** Z-score both models' logits per example before the softmax at T (Sun et al. 2024; KL and DKD; absent: false). */
  logitStandardize?: boolean;
  /** Attention transfer added to the loss (Zagoruyko & Komodakis 2017; CNN pairs only; absent or null: none). */
  attention?: AttentionSettings | null;
  /** Relational KD added to the loss (Park et al. 2019; absent or null: none). */
  rkd?: RkdSettings | null;
  /** Run the teacher's forward pass every distillation step instead of caching its logits once. */
  teacherLive: boolean;
  /** Train the scratch and distilled students this many times (seeds 1…N) and report mean ± std (1–10). */
  repeats: number;
  /** After the main run, distil again at each grid point, re-using the teacher (null: no sweep). */
  sweep: SweepGrid | null;
  /** FitNets hint term added to distillation (null: none). */
  hint: HintConfig | null;
  /** Students train on a seeded, stratified subset of this many training examples (0: all of them). */
  transferSize: number;
  /** Classes left out of the students' training (transfer) set, e.g. [3] for Hinton's omitted digit. */
  excludeClasses: number[];
  /** Random ±2 px shifts of image inputs: off, for teacher training only, or for every phase. */
  augment: AugmentMode;
  /**
   * Random horizontal flips of colour images (seeded, per example and step): in the teacher's training, and in the
   * students' too when `augment` is `all`. Absent: false (and never for grey images such as digits).
   */
  flip?: boolean;
  /** Epochs of every phase. */
  epochs: number;
  batchSize: number;
  /** Adam, or plain SGD. */
  optimizer: OptimizerName;
  learningRate: number;
  seed: number;
  /** A loaded, already-trained teacher held by the worker (teacher training is skipped); absent or null: train one. */
  pretrainedTeacher?: PretrainedTeacherRef | null;
  /**
   * Fraction of the training set held out as a validation set (seeded, stratified; no model trains on it). Sweeps and
   * the bias correction are read on it; the test set stays the final figure. Absent or 0: no validation set.
   */
  validationFraction?: number;
  /** Retrain the teacher for every extra seed, so the seeds' spread includes the teacher's variance (absent: false). */
  teacherPerSeed?: boolean;
  /** Standardise table features (a user's CSV) with the training split's mean and deviation (absent: true). */
  standardize?: boolean;
  /** After the main run, compare distillation methods over seeds, settings chosen on validation (absent or null: none). */
  compare?: CompareConfig | null;
  /** Distil from K teachers of the same architecture and different seeds (Hinton et al. 2015; absent or null: one teacher). */
  ensemble?: EnsembleConfig | null;
  /** A teaching assistant between teacher and student (Mirzadeh et al. 2020): its architecture (absent or null: none). */
  assistant?: ArchSpec | null;
}

/** A teacher ensemble: `size` teachers (2–5), teacher 1 the run's usual teacher, the others from their own seeds. */
export interface EnsembleConfig {
  size: number;
  /** The architectures of teachers 2…K, in order (absent or null: each has the run's teacher architecture). */
  members?: ArchSpec[] | null;
}

/** The distillation settings one trial actually trained with. */
export interface TrialSettings {
  temperature: number;
  alpha: number;
  /** True when T or α was moved during the trial (then `temperature` and `alpha` are the last values used). */
  changed: boolean;
}

/** Reference to a pretrained teacher the worker holds under `id` (the model itself never leaves the worker). */
export interface PretrainedTeacherRef {
  id: string;
  /** The file name the user picked, for display. */
  name: string;
  /** SHA-256 (hex) of the picked files' bytes: the same teacher loaded again (another worker, another id) has the same one. */
  fingerprint?: string;
  /**
   * An ONNX teacher's preprocessing, as the user stated it: pixel scale and per-channel mean and std (absent: pixels
   * as the studio stores them, in [0, 1]). Recorded with the run, so the history and exports say what the teacher saw.
   */
  preprocessing?: OnnxPreprocessing;
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
  phase: RunPhase;
  /** 1-based step within the phase. */
  step: number;
  total: number;
  soft: number;
  hard: number;
  /** β · hint MSE (0 without a hint term). */
  hint: number;
  /** β · attention-transfer loss (absent: not used or 0). */
  at?: number;
  /** Weighted RKD distance + angle terms (absent: not used or 0). */
  rkd?: number;
}

/** Test metrics of one model after one epoch. */
export interface EpochPoint {
  phase: RunPhase;
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
  /** Accuracy on the validation set (null or absent: the run had none). */
  valAccuracy?: number | null;
}

/** In-browser inference latency of teacher and student on the active backend. */
export interface LatencyResults {
  teacher: LatencyFigure[];
  student: LatencyFigure[];
}

/** A finished extra trial: one seed of the repeated comparison, or one sweep point. */
export type TrialResult =
  | {
      kind: 'seed';
      index: number;
      total: number;
      seed: number;
      scratch: number;
      distilled: number;
      /** The T and α this trial's distillation used (absent in runs saved before they were recorded). */
      settings?: TrialSettings;
      /** The teacher's test accuracy when it was retrained for this seed (absent: the main run's teacher). */
      teacher?: number;
    }
  | {
      kind: 'sweep';
      index: number;
      total: number;
      temperature: number;
      alpha: number;
      /** Test accuracy (reported, never used to choose). */
      accuracy: number;
      agreement: number;
      /** Validation accuracy, which the sweep is read on (null or absent: no validation set). */
      valAccuracy?: number | null;
      /** The scratch student's validation accuracy, the baseline this point is read against. */
      baselineVal?: number | null;
    }
  | {
      /** One student of a method comparison (see `comparePlan`). */
      kind: 'compare';
      index: number;
      total: number;
      arm: CompareArm;
      seed: number;
      /** `grid`: seed 1 at one grid value, read on validation; `seed`: a further seed at the chosen value. */
      purpose: 'grid' | 'seed';
      /** The method's T or β this student used (null: scratch, or a method without a setting). */
      value: number | null;
      /** Test accuracy (reported, never used to choose). */
      accuracy: number;
      /** Validation accuracy, which the grid is read on (null: no validation set). */
      valAccuracy: number | null;
    };

/** Mean ± std over seeds of the two students' accuracy and of the gain (in points). */
export interface SeedSummary {
  scratch: Spread;
  distilled: Spread;
  /** Distilled − scratch, percentage points, per seed. */
  gains: number[];
  gain: Spread;
  /** The settings each seed's distillation used, seed 1 (the main run) first (absent in older saved runs). */
  settings?: TrialSettings[];
  /** The seeds (1-based) pooled into the means: only trials with identical settings are pooled. */
  pooled?: number[];
  /** What the spread covers: the students' initial weights and data order only, or a retrained teacher too. */
  variance?: 'students' | 'students-and-teacher';
}

/** Distilled accuracy at each sweep point, against the scratch baseline. */
export interface SweepSummary {
  baseline: number;
  /** The scratch student's validation accuracy, the baseline the sweep is read against (null or absent: none). */
  baselineVal?: number | null;
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
  /** Present when a method comparison ran (absent in other runs). */
  compare?: CompareSummary | null;
  /** Latency per batch of 1 and of 256, measured after training (null when not measured). */
  latency: LatencyResults | null;
  /** Examples the students trained on (the transfer set), and the teacher; `validation`: held-out examples (0: none). */
  trainCounts: { teacher: number; students: number; validation?: number };
  /**
   * The distilled student's logits on the validation set (row-major) with its labels, when classes were left out of the
   * transfer set, so the bias correction can be read on validation as well as test (null or absent otherwise).
   */
  validationLogits?: { labels: number[]; logits: number[] } | null;
  /** With a teacher ensemble: every teacher's result (teacher 1 is `teacher`) and the ensemble's (absent or null: none). */
  ensemble?: EnsembleResult | null;
  /** With a teaching assistant: its result, distilled from the teacher (absent or null: none). */
  assistant?: ModelResult | null;
}

/** A teacher ensemble's results: each teacher's, then the averaged ensemble's (its agreement is null). */
export interface EnsembleResult {
  members: ModelResult[];
  combined: ModelResult;
}
