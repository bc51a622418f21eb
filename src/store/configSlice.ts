import type { StateCreator } from 'zustand';
import { datasetMeta, type DatasetMeta, type UserDataMeta } from '../engine/data/meta';
import { DATASETS, type DatasetId } from '../engine/data/registry';
import { familyOfShape, findPreset, presetsFor, type ArchPreset, type PresetFamily } from '../engine/models/presets';
import type { EnsembleConfig, ExperimentConfig } from '../engine/train/types';
import { METHOD_IDS, needsCnn } from '../engine/train/compareMethods';
import { DEFAULT_CONFIG, type SettledConfig, type StudioConfig } from './configFields';
import type { StudioState } from './types';
import { uploadFamily, userDataInUse } from './uploadSlice';

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
  setConfig: (patch) => set((s) => ({ config: withFamilyDefaults(s.config, patch) })),
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

/** The preset family of a dataset: 2-D toy points, 28×28 grey images or colour images; an upload's own shape decides when one is given. */
export function familyOf(dataset: DatasetId, userData: DatasetMeta | null = null): PresetFamily {
  if (userData) return uploadFamily(userData);
  const entry = DATASETS[dataset];
  return entry.toy ? 'toy' : familyOfShape(entry.inputShape);
}

/** The metadata of the dataset the current settings use: the upload in use (by default the store's), else the built-in one. */
export function currentMeta(c: Pick<StudioConfig, 'dataset'>, userData: UserDataMeta | null = userDataInUse()): DatasetMeta {
  return datasetMeta({ dataset: c.dataset, userData });
}

/** Adam's step size for the image presets: the toy default (0.02) leaves the MNIST CNN teacher at chance. */
export const IMAGE_LEARNING_RATE = 0.001;

/**
 * Applies a settings patch. Two toy-set defaults do not suit images: the default 60-point transfer set (a teacher on
 * every point, students on 5 %) and the learning rate 0.02. When only the dataset changes between the families, a
 * transfer size still at its default is cleared for images (MNIST students train on every digit unless the user, a
 * lesson, a recipe or a link says otherwise), and a learning rate still at the family's default follows the family.
 */
export function withFamilyDefaults(config: StudioConfig, patch: Partial<StudioConfig>): StudioConfig {
  const next = { ...config, ...patch };
  if (patch.dataset === undefined) return next;
  // Grey and colour images share these defaults; only the preset menus differ between them.
  const fromToy = familyOf(config.dataset) === 'toy';
  const toToy = familyOf(next.dataset) === 'toy';
  if (fromToy === toToy) return next;
  if (patch.transferSize === undefined && !toToy && next.transferSize === DEFAULT_CONFIG.transferSize) next.transferSize = 0;
  if (patch.learningRate === undefined) {
    if (!toToy && next.learningRate === DEFAULT_CONFIG.learningRate) next.learningRate = IMAGE_LEARNING_RATE;
    else if (toToy && next.learningRate === IMAGE_LEARNING_RATE) next.learningRate = DEFAULT_CONFIG.learningRate;
  }
  return next;
}

/** Menu id of an architecture edited in the layer editor (never a preset id). */
export const CUSTOM_ARCH_ID = 'custom';

/** The preset picked in the Teacher or Student menu, ignoring edited layers (the family's first when the stored id belongs to another family). */
export function menuPreset(c: SettledConfig, role: 'teacher' | 'student'): ArchPreset {
  const { teachers, students } = presetsFor(familyOf(c.dataset));
  return role === 'teacher' ? findPreset(teachers, c.teacherId) : findPreset(students, c.studentId);
}

/** The teacher in effect: its edited layers when set (id `custom`), else its preset. */
export function teacherPreset(c: SettledConfig): ArchPreset {
  return c.teacherCustom ? { id: CUSTOM_ARCH_ID, label: 'Custom', spec: c.teacherCustom } : menuPreset(c, 'teacher');
}

/** The student in effect: its edited layers when set (id `custom`), else its preset. */
export function studentPreset(c: SettledConfig): ArchPreset {
  return c.studentCustom ? { id: CUSTOM_ARCH_ID, label: 'Custom', spec: c.studentCustom } : menuPreset(c, 'student');
}

/** The assistant's preset: the id's among the family's students and teachers, else the family's first student. */
export function assistantPreset(c: SettledConfig): ArchPreset {
  const { teachers, students } = presetsFor(familyOf(c.dataset));
  return findPreset([...students, ...teachers], c.assistantId);
}

/** Teacher `k`'s listed preset (k ≥ 2) in an ensemble when it is one of the dataset family's teachers, else null (the teacher's architecture). */
export function ensembleMemberListed(dataset: DatasetId, ids: readonly string[], k: number): ArchPreset | null {
  const id = ids[k - 2];
  return (id === undefined ? undefined : presetsFor(familyOf(dataset)).teachers.find((p) => p.id === id)) ?? null;
}

/** Teacher `k`'s preset (k ≥ 2) in an ensemble: the listed one when it is of the dataset's family, else the teacher's. */
export function ensembleMemberPreset(c: SettledConfig, k: number): ArchPreset {
  return ensembleMemberListed(c.dataset, c.ensembleTeacherIds, k) ?? teacherPreset(c);
}

/** The ensemble of the settings: its size, and its teachers' architectures when any was chosen (else all the teacher's). */
function ensembleOf(c: StudioConfig): EnsembleConfig {
  if (c.ensembleTeacherIds.length === 0) return { size: c.ensembleSize };
  return { size: c.ensembleSize, members: Array.from({ length: c.ensembleSize - 1 }, (_, i) => ensembleMemberPreset(c, i + 2).spec) };
}

/** Turns UI settings (and the upload in use, if any) into the engine's experiment config (presets resolved to architectures). */
export function toExperimentConfig(c: StudioConfig, userData: UserDataMeta | null = null): ExperimentConfig {
  const shape = datasetMeta({ dataset: c.dataset, userData }).inputShape;
  return {
    dataset: c.dataset,
    userData,
    samples: c.samples,
    noise: c.noise,
    teacher: teacherPreset(c).spec,
    student: studentPreset(c).spec,
    temperature: c.temperature,
    alpha: c.alpha,
    scaleByT2: c.scaleByT2,
    softTerm: c.softTerm,
    // The new methods' fields only when used, so the other runs' configs (history, exports) keep their shape.
    ...(c.softTerm === 'dkd' ? { dkd: { alpha: c.dkdAlpha, beta: c.dkdBeta, warmup: c.dkdWarmup } } : {}),
    ...(c.logitStandardize && c.softTerm !== 'mse' ? { logitStandardize: true } : {}),
    ...(c.atEnabled ? { attention: { teacherLayers: c.atTeacherLayers, studentLayers: c.atStudentLayers, beta: c.atBeta } } : {}),
    ...(c.rkdEnabled
      ? { rkd: { distanceWeight: c.rkdDistance, angleWeight: c.rkdAngle, source: c.rkdSource, teacherLayer: c.rkdTeacherLayer, studentLayer: c.rkdStudentLayer } }
      : {}),
    transferSize: c.transferSize,
    excludeClasses: c.excludeClasses,
    augment: c.augment,
    // Mirroring is for colour pictures only: it would turn digits and letters into other symbols.
    flip: c.flip && shape.length === 3 && shape[2] === 3,
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
    validationFraction: c.validationFraction,
    teacherPerSeed: c.teacherPerSeed,
    standardize: c.standardize,
    ...compareOf(c, shape),
    // A teacher ensemble and a teaching assistant only when used (old configs, links and history have neither).
    ...(c.ensembleSize > 1 ? { ensemble: ensembleOf(c) } : {}),
    ...(c.assistantEnabled ? { assistant: assistantPreset(c).spec } : {}),
  };
}

/**
 * The comparison of the settings, only when on (so other runs' configs keep their shape). Attention transfer is
 * offered for CNN pairs only: with an MLP on either side it is left out, and a comparison left empty is none.
 */
export function compareOf(c: SettledConfig, shape: readonly number[]): Pick<ExperimentConfig, 'compare'> {
  if (!c.compare) return {};
  const cnnPair = teacherPreset(c).spec.kind === 'cnn' && studentPreset(c).spec.kind === 'cnn' && shape.length === 3;
  const methods = METHOD_IDS.filter((m) => c.compareMethods.includes(m) && (!needsCnn(m) || cnnPair));
  return methods.length > 0 ? { compare: { methods, seeds: c.compareSeeds } } : {};
}
