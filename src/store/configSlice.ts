import type { StateCreator } from 'zustand';
import { findPreset, STUDENT_PRESETS, TEACHER_PRESETS } from '../engine/models/presets';
import type { ExperimentConfig } from '../engine/train/types';
import { DEFAULT_CONFIG, type StudioConfig } from './configFields';
import type { StudioState } from './types';

/** The experiment settings and their setters. */
export interface ConfigSlice {
  config: StudioConfig;
  /** Merges a (validated) change into the config. */
  setConfig: (patch: Partial<StudioConfig>) => void;
  /** Restores every default. */
  resetConfig: () => void;
  /** Inline validation messages of fields whose typed text is not a valid value. */
  fieldErrors: Partial<Record<keyof StudioConfig, string>>;
  /** Sets or clears a field's validation message. */
  setFieldError: (key: keyof StudioConfig, message: string | null) => void;
}

/** Creates the config slice. */
export const createConfigSlice: StateCreator<StudioState, [], [], ConfigSlice> = (set) => ({
  config: DEFAULT_CONFIG,
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  resetConfig: () => set({ config: DEFAULT_CONFIG, fieldErrors: {} }),
  fieldErrors: {},
  setFieldError: (key, message) =>
    set((s) => {
      const next = { ...s.fieldErrors };
      if (message === null) delete next[key];
      else next[key] = message;
      return { fieldErrors: next };
    }),
});

/** Turns UI settings into the engine's experiment config (presets resolved to architectures). */
export function toExperimentConfig(c: StudioConfig): ExperimentConfig {
  return {
    dataset: c.dataset,
    samples: c.samples,
    noise: c.noise,
    teacher: findPreset(TEACHER_PRESETS, c.teacherId).spec,
    student: findPreset(STUDENT_PRESETS, c.studentId).spec,
    temperature: c.temperature,
    alpha: c.alpha,
    scaleByT2: c.scaleByT2,
    epochs: c.epochs,
    batchSize: c.batchSize,
    optimizer: c.optimizer,
    learningRate: c.learningRate,
    seed: c.seed,
  };
}
