import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { weightBuffer } from '../engine/export/artifacts';
import { quantizeArtifacts } from '../engine/export/quantize';
import { evaluateQuantized, type QuantizedEvaluation } from '../engine/export/quantizedAccuracy';
import { studentCheck } from '../engine/export/studentCheck';
import { buildStudentZip, STUDENT_ZIP_FILES, type StudentReport } from '../engine/export/studentZip';
import { imageInputMetadata } from '../engine/export/inputMetadata';
import type { ExperimentConfig, ExperimentResults } from '../engine/train/types';
import { serializeModel } from './exportModel';
import type { QuantizationChoice } from './modelMessages';
import { STUDIO_VERSION } from './studioVersion';

/** A finished run's distilled student and everything its report records (the model is borrowed, not owned). */
export interface FinishedStudent {
  runId: number;
  model: tf.LayersModel;
  config: ExperimentConfig;
  results: ExperimentResults;
  data: Dataset;
  backend: string;
  /** ISO time the run finished. */
  finishedAt: string;
  /** The studio-built teacher's trained weights (null for a loaded teacher), for its ONNX export. */
  teacherWeights: Float32Array[] | null;
}

/** The report.json of a finished student (check examples computed from the full-precision model). */
export async function studentReport(s: FinishedStudent, quantization: QuantizationChoice): Promise<StudentReport> {
  return {
    config: s.config,
    metrics: { teacher: s.results.teacher, scratch: s.results.scratch, distilled: s.results.distilled },
    backend: s.backend,
    seed: s.config.seed,
    createdAt: s.finishedAt,
    studioVersion: STUDIO_VERSION,
    quantization,
    check: await studentCheck(s.model, s.data),
    ...(s.data.featureScaling ? { featureScaling: s.data.featureScaling } : {}),
    ...(s.data.missingValues ? { missingValues: s.data.missingValues } : {}),
    ...inputOf(s),
  };
}

/** The report's `input` field of an image run (absent for feature vectors). */
function inputOf(s: FinishedStudent): Pick<StudentReport, 'input'> {
  const input = imageInputMetadata(s.data, s.config.userData?.imageFolder, s.config.pretrainedTeacher?.preprocessing);
  return input ? { input } : {};
}

/** The student zip (model.json, weights.bin, report.json) at the chosen precision, and its weights' size. */
export async function studentZip(s: FinishedStudent, quantization: QuantizationChoice): Promise<{ bytes: Uint8Array; weightBytes: number }> {
  const artifacts = await serializeModel(s.model);
  const stored = quantization === 'none' ? artifacts : quantizeArtifacts(artifacts, quantization).artifacts;
  const { onnxPrecisionOf, sha256Hex, studentOnnx } = await import('./onnxExport'); // onnx-proto loads on first export
  const onnx = await studentOnnx(s.model, s.config, s.data, onnxPrecisionOf(quantization));
  const report: StudentReport = {
    ...(await studentReport(s, quantization)),
    onnx: { file: STUDENT_ZIP_FILES.onnx, sha256: await sha256Hex(onnx.bytes), bytes: onnx.bytes.byteLength, opset: onnx.opset, precision: onnx.precision },
  };
  const bytes = buildStudentZip(stored, report, onnx.bytes);
  return { bytes, weightBytes: weightBuffer(stored).byteLength };
}

/** Weights size and test accuracy of the student stored at `q` (quantised ones dequantised as tf.loadLayersModel does), and its ONNX file's size. */
export async function quantizedPreview(s: FinishedStudent, q: QuantizationChoice): Promise<QuantizedEvaluation & { onnxBytes: number }> {
  const artifacts = await serializeModel(s.model);
  const { onnxPrecisionOf, studentOnnx } = await import('./onnxExport');
  const onnxBytes = (await studentOnnx(s.model, s.config, s.data, onnxPrecisionOf(q))).bytes.byteLength;
  if (q === 'none') return { weightBytes: weightBuffer(artifacts).byteLength, accuracy: s.results.distilled.accuracy, onnxBytes };
  return { ...(await evaluateQuantized(artifacts, q, s.data)), onnxBytes };
}
