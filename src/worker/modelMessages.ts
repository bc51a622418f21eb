import type { QuantizationDtype } from '../engine/export/quantize';
import type { ImportErrorCode, ImportMessage } from '../engine/import/errors';
import type { PretrainedTeacherRef } from '../engine/train/types';

/** Weight precision of a student download: plain float32, or a tfjs-converter quantisation scheme. */
export type QuantizationChoice = 'none' | QuantizationDtype;

/** Every precision choice, in menu order. */
export const QUANTIZATION_CHOICES: readonly QuantizationChoice[] = ['none', 'float16', 'uint8'];

/** What the dataset needs of a teacher: one example's shape and the number of classes. */
export interface TeacherDatasetShape {
  inputShape: number[];
  numClasses: number;
}

/** A file the user picked for a pretrained teacher (bytes transferred to the worker). */
export interface PickedModelFile {
  name: string;
  bytes: ArrayBuffer;
}

/** What the UI shows about a loaded teacher. */
export interface PretrainedTeacherInfo {
  ref: PretrainedTeacherRef;
  params: number;
  /** Layer class names (input layers excluded). */
  layerTypes: string[];
  inputShape: number[];
  numClasses: number;
  /** Quantisation schemes of its weights (empty for float32). */
  quantization: string[];
  /** True when its softmax output was turned into logits (distillation needs logits). */
  softmaxRemoved: boolean;
  /** Non-fatal remarks of the validator (e.g. ignored files). */
  warnings: string[];
  /** The file format: a TensorFlow.js layers model (absent, for older answers) or an ONNX file run by onnxruntime-web. */
  format?: 'tfjs' | 'onnx';
  /** ONNX only: opset, producer, how examples are fed, and onnxruntime-web's thread count. */
  onnx?: { opset: number; producer: string; layout: 'nhwc' | 'nchw' | 'flat'; fixedBatch: number | null; threads: number };
}

/** Model requests from the UI to the worker (members of `WorkerRequest`). */
export type ModelRequest =
  /** Zips the finished run's distilled student (model.json, weights.bin, report.json), quantised as asked. */
  | { type: 'buildStudentZip'; requestId: number; runId: number; quantization: QuantizationChoice }
  /** Quantises the finished student and measures its weights' size and its test accuracy after dequantisation. */
  | { type: 'previewQuantized'; requestId: number; runId: number; quantization: QuantizationChoice }
  /** Writes the finished run's distilled student, or its studio-built teacher, as an ONNX file. */
  | { type: 'buildOnnx'; requestId: number; runId: number; which: 'student' | 'teacher'; quantization: QuantizationChoice }
  /** Writes the finished run's prepared dataset (its exact examples, labels and rows) as one file, for the script's --data. */
  | { type: 'buildPreparedDataset'; requestId: number; runId: number }
  /** Checks a pretrained teacher (model.json text + weight files) against the dataset and keeps it. */
  | { type: 'loadTeacher'; requestId: number; modelJsonName: string; modelJson: string; files: PickedModelFile[]; dataset: TeacherDatasetShape }
  /** Checks an ONNX teacher file against the dataset with onnxruntime-web (loaded on first use) and keeps it. */
  | { type: 'loadOnnxTeacher'; requestId: number; name: string; bytes: ArrayBuffer; dataset: TeacherDatasetShape }
  /** Forgets a loaded teacher (disposes it). */
  | { type: 'removeTeacher'; id: string };

/** Answers to model requests (members of `WorkerEvent`). */
export type ModelEvent =
  | { type: 'studentZip'; requestId: number; runId: number; quantization: QuantizationChoice; bytes: ArrayBuffer; weightBytes: number }
  | { type: 'quantizedPreview'; requestId: number; runId: number; quantization: QuantizationChoice; weightBytes: number; accuracy: number; onnxBytes: number }
  | { type: 'onnxFile'; requestId: number; runId: number; which: 'student' | 'teacher'; quantization: QuantizationChoice; bytes: ArrayBuffer; sha256: string }
  | { type: 'preparedDataset'; requestId: number; runId: number; bytes: ArrayBuffer }
  | { type: 'modelExportFailed'; requestId: number; message: string }
  | { type: 'teacherLoaded'; requestId: number; info: PretrainedTeacherInfo }
  | { type: 'teacherRejected'; requestId: number; code: ImportErrorCode; value: ImportMessage; message: string };

/** Type names of `ModelEvent`, to route them in the UI. */
const MODEL_EVENT_TYPES: ReadonlySet<string> = new Set<ModelEvent['type']>(['studentZip', 'quantizedPreview', 'onnxFile', 'preparedDataset', 'modelExportFailed', 'teacherLoaded', 'teacherRejected']);

/** True for the model events among worker events. */
export function isModelEvent(event: { type: string }): event is ModelEvent {
  return MODEL_EVENT_TYPES.has(event.type);
}

/** Why a run or the UI cannot use a loaded teacher any more: the worker that held it has gone (e.g. after a crash). */
export const TEACHER_GONE = 'The pretrained teacher is no longer loaded — please load its files again.';
