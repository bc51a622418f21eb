import type { ExperimentConfig, Phase } from '../engine/train/types';
import type { BackendChoice } from '../worker/protocol';
import type { StudioConfig } from './configFields';
import type { EpochRow, LossRow } from './runState';

/** The one saved checkpoint of an unfinished run: the encoded engine state plus what the UI needs to show and resume it. */
export interface SavedRun {
  savedAt: number;
  /** The settings as the UI holds them (restored on resume). */
  uiConfig: StudioConfig;
  /** The engine config the run trained with. */
  experiment: ExperimentConfig;
  backend: BackendChoice;
  phase: Phase;
  epoch: number;
  epochs: number;
  /** The encoded checkpoint (`encodeResumePoint`). */
  data: ArrayBuffer;
  lossRows: LossRow[];
  epochRows: EpochRow[];
  lossCount: number;
}
