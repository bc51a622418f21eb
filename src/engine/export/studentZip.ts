import type * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { MissingValues } from '../data/missing';
import type { FeatureScaling } from '../data/types';
import type { ModelResult } from '../train/types';
import type { StudentCheck } from './studentCheck';
import type { ImageInputMetadata } from './inputMetadata';
import { checkManifest, type ManifestGroup } from '../import/manifest';
import { toArrayBuffer, toModelJson, weightBuffer } from './artifacts';
import { isPlainObject, tryParseJson } from '../json';

/** File names inside the student zip. */
export const STUDENT_ZIP_FILES = { model: 'model.json', weights: 'weights.bin', report: 'report.json', onnx: 'model.onnx' } as const;

/** What report.json records about the zip's ONNX copy of the student. */
export interface OnnxRecord {
  file: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
  opset: number;
  /** Weight precision inside the ONNX file (inputs and outputs are float32 either way). */
  precision: 'float32' | 'float16';
}

/** Final metrics of the three models of an experiment. */
export interface ReportMetrics {
  teacher: ModelResult;
  scratch: ModelResult;
  distilled: ModelResult;
}

/** What `report.json` records: how the student was made and how well all three models did. */
export interface StudentReport {
  /** The full experiment config, stored as-is (opaque to this module). */
  config: object;
  metrics: ReportMetrics;
  /** The tfjs backend the run used, e.g. `wasm`. */
  backend: string;
  seed: number;
  /** ISO 8601 time the run finished. */
  createdAt: string;
  /** Version of Distill Studio that produced the zip. */
  studioVersion: string;
  /** Weight precision of weights.bin: `none` (float32) or the tfjs quantisation scheme. */
  quantization?: 'none' | 'float16' | 'uint8';
  /** Stored test inputs with the studio's full-precision outputs, for checking the download elsewhere. */
  check?: StudentCheck;
  /** Standardisation the studio applied to the features (user tables), to apply to new inputs. */
  featureScaling?: FeatureScaling;
  /** How the CSV's missing cells were handled (rows dropped, cells filled and their fill values), before the scaling. */
  missingValues?: MissingValues;
  /** The zip's `model.onnx` (same student), when written. */
  onnx?: OnnxRecord;
  /** For image runs: the input's size, layout (NHWC), channels, preprocessing and class names (also in model.json's metadata). */
  input?: ImageInputMetadata;
}

/** The decoded contents of a student zip. */
export interface StudentZipContents {
  modelJson: tf.io.ModelJSON;
  weights: Uint8Array;
  report: StudentReport;
}

/** A student zip that cannot be read, with a user-facing reason. */
export class StudentZipError extends Error {
  override readonly name = 'StudentZipError';
}

/** Zips `model.json` (tfjs layers format), `weights.bin`, `report.json` and, when given, `model.onnx` into one download. */
export function buildStudentZip(artifacts: tf.io.ModelArtifacts, report: StudentReport, onnxBytes?: Uint8Array): Uint8Array {
  const json = toModelJson(artifacts, STUDENT_ZIP_FILES.weights);
  // Raw-feature inputs: the standardisation (and the missing-value rule) also ride in model.json (tf
  // model.getUserDefinedMetadata()), as the PyTorch script writes them; image inputs: their size, layout and scaling.
  const metadata = {
    ...(report.featureScaling ? { featureScaling: report.featureScaling } : {}),
    ...(report.missingValues ? { missingValues: report.missingValues } : {}),
    ...(report.input ? { input: report.input } : {}),
  };
  const modelJson: tf.io.ModelJSON = Object.keys(metadata).length > 0 ? { ...json, userDefinedMetadata: metadata } : json;
  const weights = new Uint8Array(weightBuffer(artifacts));
  const time = Date.parse(report.createdAt);
  // Zip timestamps start in 1980; a fixed time keeps the archive byte-for-byte reproducible.
  const mtime = Number.isFinite(time) && time >= Date.UTC(1980, 1, 1) ? time : Date.UTC(1980, 1, 1);
  return zipSync(
    {
      [STUDENT_ZIP_FILES.model]: strToU8(JSON.stringify(modelJson)),
      [STUDENT_ZIP_FILES.weights]: [weights, { level: 0 }],
      [STUDENT_ZIP_FILES.report]: strToU8(JSON.stringify(report, null, 2)),
      ...(onnxBytes ? { [STUDENT_ZIP_FILES.onnx]: [onnxBytes, { level: 0 }] as [Uint8Array, { level: 0 }] } : {}),
    },
    { mtime, level: 6 },
  );
}

/** Unpacks and checks a student zip (throws `StudentZipError` with the reason when it is not one). */
export function readStudentZip(bytes: Uint8Array): StudentZipContents {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new StudentZipError(`This is not a readable zip file (${e instanceof Error ? e.message : String(e)}).`);
  }
  const need = (name: string): Uint8Array => {
    const file = files[name];
    if (!file) throw new StudentZipError(`The zip has no ${name}.`);
    return file;
  };
  const modelJson = parseJsonFile(need(STUDENT_ZIP_FILES.model), STUDENT_ZIP_FILES.model);
  const weights = need(STUDENT_ZIP_FILES.weights);
  const report = parseJsonFile(need(STUDENT_ZIP_FILES.report), STUDENT_ZIP_FILES.report);
  if (!isPlainObject(modelJson.modelTopology)) throw new StudentZipError('model.json is not a TensorFlow.js layers model (it has no modelTopology).');
  let groups: ManifestGroup[];
  try {
    groups = checkManifest(modelJson.weightsManifest);
  } catch (e) {
    throw new StudentZipError(`model.json: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expected = groups.reduce((n, g) => n + g.byteLength, 0);
  if (expected !== weights.byteLength) {
    throw new StudentZipError(`weights.bin has ${weights.byteLength} bytes but model.json describes ${expected}.`);
  }
  const json: tf.io.ModelJSON = {
    modelTopology: modelJson.modelTopology,
    weightsManifest: groups.map((g) => ({ paths: g.paths, weights: g.weights })),
    format: typeof modelJson.format === 'string' ? modelJson.format : 'layers-model',
    generatedBy: typeof modelJson.generatedBy === 'string' ? modelJson.generatedBy : 'unknown',
    convertedBy: typeof modelJson.convertedBy === 'string' ? modelJson.convertedBy : null,
    ...(isPlainObject(modelJson.userDefinedMetadata) ? { userDefinedMetadata: modelJson.userDefinedMetadata as Record<string, object> } : {}),
  };
  if (!isStudentReport(report)) throw new StudentZipError('report.json is missing fields (config, metrics, backend, seed, createdAt, studioVersion).');
  return { modelJson: json, weights, report };
}

/** Model artifacts of a read student zip, ready for `tf.loadLayersModel(tf.io.fromMemory(...))`. */
export function studentZipArtifacts(contents: StudentZipContents): tf.io.ModelArtifacts {
  const { modelJson, weights } = contents;
  return {
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy ?? null,
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: toArrayBuffer(weights),
    // tf.loadLayersModel hands these to model.getUserDefinedMetadata() (the input's shape, layout and scaling).
    ...(modelJson.userDefinedMetadata ? { userDefinedMetadata: modelJson.userDefinedMetadata } : {}),
  };
}

function parseJsonFile(bytes: Uint8Array, name: string): Record<string, unknown> {
  const parsed = tryParseJson(strFromU8(bytes));
  if (!parsed || !isPlainObject(parsed.value)) throw new StudentZipError(`${name} in the zip is not a JSON object.`);
  return parsed.value;
}

function isStudentReport(v: Record<string, unknown>): v is Record<string, unknown> & StudentReport {
  const m = v.metrics;
  return (
    isPlainObject(v.config) &&
    isPlainObject(m) &&
    ['teacher', 'scratch', 'distilled'].every((k) => isPlainObject(m[k])) &&
    typeof v.backend === 'string' &&
    typeof v.seed === 'number' &&
    typeof v.createdAt === 'string' &&
    typeof v.studioVersion === 'string'
  );
}
