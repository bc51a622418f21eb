import type { ExperimentConfig, ExperimentResults, TrialResult } from '../../engine/train/types';
import type { BackendInfo } from '../../worker/protocol';
import type { EpochRow, HyperMark, LossRow } from '../runState';

/** The distilled student as tfjs layers artifacts: JSON topology, weight specs and the raw weight bytes. */
export interface StoredStudent {
  /** `modelTopology` of the artifacts (the Keras-style JSON object). */
  topology: object;
  weightSpecs: StoredWeightSpec[];
  /** All weights, concatenated in `weightSpecs` order. */
  weightData: ArrayBuffer;
  generatedBy?: string;
}

/** One weight tensor's entry of the manifest (float32 from the studio; other dtypes kept as given). */
export interface StoredWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** One finished run as kept in the history. */
export interface HistoryRecord {
  /** Unique id (random), stable across export and import. */
  id: string;
  /** Derived from the settings when saved; shown in the list and in button names. */
  name: string;
  /** When the run finished (ms since the epoch). */
  createdAt: number;
  config: ExperimentConfig;
  results: ExperimentResults;
  lossRows: LossRow[];
  epochRows: EpochRow[];
  marks: HyperMark[];
  trials: TrialResult[];
  backend: BackendInfo | null;
  /** Null when the worker could not hand the student over. */
  student: StoredStudent | null;
}

/** Why the history is not (fully) being saved: a code the UI translates, plus the browser's own words. */
export interface HistoryWarning {
  /** `unavailable`: IndexedDB could not be opened; `quota`: storage full; `write`: another write error. */
  code: 'unavailable' | 'quota' | 'write';
  detail: string;
}
