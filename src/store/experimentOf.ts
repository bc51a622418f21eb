import type { ExperimentConfig } from '../engine/train/types';
import type { StudioConfig } from './configFields';
import { toExperimentConfig } from './configSlice';
import { withPretrainedTeacher, type ModelsState } from './modelsSlice';
import { selectUserData, type UploadState } from './uploadSlice';

/** The parts of the studio's state an experiment is built from. */
export interface ExperimentSources {
  upload: UploadState;
  models: ModelsState;
}

/**
 * The one experiment builder: settings (`config`, the UI's or a saved run's), the uploaded data in use and the loaded
 * teacher. Prepare, Start, continuing a halted run and resuming after a reload all build their config here.
 */
export function buildExperiment(config: StudioConfig, sources: ExperimentSources): ExperimentConfig {
  return withPretrainedTeacher(toExperimentConfig(config, selectUserData(sources)), sources);
}

/** The experiment of the studio's current settings, data and loaded teacher. */
export function experimentOf(state: ExperimentSources & { config: StudioConfig }): ExperimentConfig {
  return buildExperiment(state.config, state);
}
