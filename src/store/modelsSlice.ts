import type { StateCreator } from 'zustand';
import type { ImportError } from '../engine/import/errors';
import type { OnnxPreprocessing } from '../engine/import/onnxPreprocess';
import type { ExperimentConfig, PretrainedTeacherRef } from '../engine/train/types';
import type { ModelEvent, PretrainedTeacherInfo, QuantizationChoice } from '../worker/modelMessages';
import type { StudioState } from './types';

/** Size and accuracy of the finished student quantised one way (measured in the worker). */
export interface QuantizedFigure {
  runId: number;
  quantization: QuantizationChoice;
  weightBytes: number;
  accuracy: number;
  /** Bytes of the student's ONNX file at this precision. */
  onnxBytes: number;
}

/** Where the pretrained teacher is: none, checking its files in the worker, in use, rejected, or lost with the worker. */
export type TeacherStatus = 'idle' | 'loading' | 'ready' | 'failed' | 'gone';

/** Export panel and pretrained-teacher state (not persisted: the models live in the worker). */
export interface ModelsState {
  quantization: QuantizationChoice;
  /** Measured quantised figures, newest per (run, scheme). */
  figures: QuantizedFigure[];
  /** Request id of the export or preview being built, or null. */
  busy: { requestId: number; what: 'zip' | 'preview' | 'onnx' | 'dataset' } | null;
  /** Why the last export failed (the worker's message), or null. */
  exportError: string | null;
  /** Id of the latest request to the worker; answers to older ones are ignored. */
  requestId: number;
  teacher: {
    status: TeacherStatus;
    /** Names of the picked files. */
    fileNames: string[];
    info: PretrainedTeacherInfo | null;
    error: ImportError | null;
    /** The preprocessing the user stated for an ONNX teacher (null or absent: pixels as stored, in [0, 1]). */
    preprocessing?: OnnxPreprocessing | null;
  };
}

/** Nothing exported, no teacher loaded. */
export const EMPTY_MODELS: ModelsState = {
  quantization: 'none',
  figures: [],
  busy: null,
  exportError: null,
  requestId: 0,
  teacher: { status: 'idle', fileNames: [], info: null, error: null, preprocessing: null },
};

/** Applies a worker answer (answers to superseded requests are ignored). Pure, so it is unit-tested. */
export function reduceModels(m: ModelsState, event: ModelEvent): ModelsState {
  if (event.requestId !== m.requestId) return m;
  switch (event.type) {
    case 'studentZip':
    case 'onnxFile':
    case 'preparedDataset':
      return { ...m, busy: null, exportError: null };
    case 'quantizedPreview': {
      const figure: QuantizedFigure = { runId: event.runId, quantization: event.quantization, weightBytes: event.weightBytes, accuracy: event.accuracy, onnxBytes: event.onnxBytes };
      const others = m.figures.filter((f) => f.runId === event.runId && f.quantization !== event.quantization);
      return { ...m, busy: null, exportError: null, figures: [...others, figure] };
    }
    case 'modelExportFailed':
      return { ...m, busy: null, exportError: event.message };
    case 'teacherLoaded':
      return { ...m, teacher: { ...m.teacher, status: 'ready', info: event.info, error: null } };
    case 'teacherRejected':
      return { ...m, teacher: { ...m.teacher, status: 'failed', info: null, error: { code: event.code, value: event.value, message: event.message } } };
  }
}

/** The pretrained teacher runs should use: the loaded one, else null (train a teacher). */
export function selectPretrainedTeacher(s: { models: ModelsState }): PretrainedTeacherRef | null {
  return s.models.teacher.status === 'ready' && s.models.teacher.info ? s.models.teacher.info.ref : null;
}

/** True when the loaded teacher is an ONNX file: its logits are computed once, so it never runs live. */
export function selectOnnxTeacher(s: { models: ModelsState }): boolean {
  return s.models.teacher.status === 'ready' && s.models.teacher.info?.format === 'onnx';
}

/**
 * The experiment config with the loaded teacher referenced (or none). With an ONNX teacher, settings that need the
 * teacher live (running it live, augmenting the students' inputs) are switched off; the teacher loader says so.
 */
export function withPretrainedTeacher(config: ExperimentConfig, s: { models: ModelsState }): ExperimentConfig {
  const withRef = { ...config, pretrainedTeacher: selectPretrainedTeacher(s) };
  if (!selectOnnxTeacher(s)) return withRef;
  const prep = s.models.teacher.preprocessing;
  // The stated preprocessing travels with the run (its config), so the history and every export record it.
  if (prep && withRef.pretrainedTeacher) withRef.pretrainedTeacher = { ...withRef.pretrainedTeacher, preprocessing: prep };
  return { ...withRef, teacherLive: false, augment: config.augment === 'all' ? 'off' : config.augment };
}

/** The export panel and teacher-loader actions the worker bridge and components use. */
export interface ModelsSlice {
  models: ModelsState;
  /** Picks the weight precision of the next download. */
  setQuantization: (q: QuantizationChoice) => void;
  /** Starts a request to the worker and returns its id. */
  beginModelRequest: (what: 'zip' | 'preview' | 'onnx' | 'dataset' | 'teacher', fileNames?: string[]) => number;
  /** Applies a worker answer. */
  applyModelEvent: (event: ModelEvent) => void;
  /** Rejects the picked teacher files before they reach the worker (e.g. no model.json among them). */
  rejectTeacherFiles: (fileNames: string[], error: ImportError) => void;
  /** Stops using the loaded teacher. */
  removeTeacher: () => void;
  /** States (or clears) the loaded ONNX teacher's preprocessing. */
  setTeacherPreprocessing: (p: OnnxPreprocessing | null) => void;
  /** The worker crashed: a loaded teacher (and any request in flight) is gone. */
  modelsWorkerGone: () => void;
}

/** Creates the models slice. */
export const createModelsSlice: StateCreator<StudioState, [], [], ModelsSlice> = (set, get) => ({
  models: EMPTY_MODELS,
  setQuantization: (quantization) => set((s) => ({ models: { ...s.models, quantization, exportError: null } })),
  beginModelRequest: (what, fileNames = []) => {
    const requestId = get().models.requestId + 1;
    set((s) => ({
      models:
        what === 'teacher'
          ? { ...s.models, requestId, teacher: { status: 'loading', fileNames, info: null, error: null, preprocessing: null } }
          : { ...s.models, requestId, busy: { requestId, what }, exportError: null },
    }));
    return requestId;
  },
  applyModelEvent: (event) => set((s) => ({ models: reduceModels(s.models, event) })),
  rejectTeacherFiles: (fileNames, error) =>
    set((s) => ({ models: { ...s.models, requestId: s.models.requestId + 1, teacher: { status: 'failed', fileNames, info: null, error, preprocessing: null } } })),
  removeTeacher: () => set((s) => ({ models: { ...s.models, teacher: EMPTY_MODELS.teacher } })),
  setTeacherPreprocessing: (preprocessing) => set((s) => ({ models: { ...s.models, teacher: { ...s.models.teacher, preprocessing } } })),
  modelsWorkerGone: () =>
    set((s) => ({
      models: {
        ...s.models,
        busy: null,
        teacher: s.models.teacher.status === 'ready' || s.models.teacher.status === 'loading' ? { ...s.models.teacher, status: 'gone', info: null } : s.models.teacher,
      },
    })),
});
