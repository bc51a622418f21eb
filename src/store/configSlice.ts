import type { StateCreator } from 'zustand';
import { DATASETS, type DatasetId } from '../engine/data/registry';
import { findPreset, presetsFor, type ArchPreset, type PresetFamily } from '../engine/models/presets';
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

/** The preset family of a dataset: 2-D toy points or 28×28 images. */
export function familyOf(dataset: DatasetId): PresetFamily {
  return DATASETS[dataset].toy ? 'toy' : 'image';
}

/** The teacher preset in effect (the family's first when the stored id belongs to another family). */
export function teacherPreset(c: StudioConfig): ArchPreset {
  return findPreset(presetsFor(familyOf(c.dataset)).teachers, c.teacherId);
}

/** The student preset in effect (the family's first when the stored id belongs to another family). */
export function studentPreset(c: StudioConfig): ArchPreset {
  return findPreset(presetsFor(familyOf(c.dataset)).students, c.studentId);
}

/** Turns UI settings into the engine's experiment config (presets resolved to architectures). */
export function toExperimentConfig(c: StudioConfig): ExperimentConfig {
  return {
    dataset: c.dataset,
    samples: c.samples,
    noise: c.noise,
    teacher: teacherPreset(c).spec,
    student: studentPreset(c).spec,
    temperature: c.temperature,
    alpha: c.alpha,
    scaleByT2: c.scaleByT2,
    softTerm: c.softTerm,
    hint: c.hintEnabled ? { teacherLayer: c.hintTeacherLayer, studentLayer: c.hintStudentLayer, beta: c.hintBeta } : null,
    teacherLive: c.teacherLive,
    repeats: c.repeats,
    sweep:
      c.sweep === 'off'
        ? null
        : {
            temperatures: c.sweep === 'alpha' ? [] : c.sweepTemperatures,
            alphas: c.sweep === 'temperature' ? [] : c.sweepAlphas,
          },
    epochs: c.epochs,
    batchSize: c.batchSize,
    optimizer: c.optimizer,
    learningRate: c.learningRate,
    seed: c.seed,
  };
}
