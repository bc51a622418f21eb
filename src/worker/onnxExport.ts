import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { assignWeights, buildModel } from '../engine/models/build';
import { modelToOnnx, type OnnxFile, type OnnxMetadata } from '../engine/export/onnx/onnxFile';
import type { OnnxPrecision } from '../engine/export/onnx/onnxGraph';
import type { ExperimentConfig } from '../engine/train/types';
import { imageInputMetadata } from '../engine/export/inputMetadata';
import type { QuantizationChoice } from './modelMessages';
import { STUDIO_VERSION } from './studioVersion';

/** Which model of a finished run to write as ONNX. */
export type OnnxWhich = 'student' | 'teacher';

/** ONNX weight precision for a download precision (uint8 has no plain ONNX form: its ONNX file keeps float32 weights). */
export function onnxPrecisionOf(q: QuantizationChoice): OnnxPrecision {
  return q === 'float16' ? 'float16' : 'float32';
}

/** How the studio scaled the inputs, as the JSON text recorded in the file (pixels ÷ 255, standardised features, or none). */
export function inputScalingOf(data: Dataset): string {
  if (data.featureScaling) return JSON.stringify({ kind: 'standardise', formula: '(x - mean) / std', ...data.featureScaling });
  if (data.inputShape.length === 3) return JSON.stringify({ kind: 'divide', formula: 'pixel / 255', by: 255, layout: 'NHWC' });
  return JSON.stringify({ kind: 'none', formula: 'x' });
}

/** DKD's weights, logit standardisation, attention transfer and RKD of a run, only those it used (none for the classic terms). */
function methodsOf(config: ExperimentConfig): Partial<Pick<ExperimentConfig, 'dkd' | 'logitStandardize' | 'attention' | 'rkd'>> {
  return {
    ...(config.softTerm === 'dkd' && config.dkd ? { dkd: config.dkd } : {}),
    ...(config.logitStandardize ? { logitStandardize: true } : {}),
    ...(config.attention ? { attention: config.attention } : {}),
    ...(config.rkd ? { rkd: config.rkd } : {}),
  };
}

/** The metadata_props of a finished run's model. */
export function onnxMetadataOf(config: ExperimentConfig, data: Dataset, role: string): OnnxMetadata {
  const teacher = config.pretrainedTeacher ? { loaded: config.pretrainedTeacher.name } : config.teacher;
  const input = imageInputMetadata(data, config.userData?.imageFolder, config.pretrainedTeacher?.preprocessing);
  return {
    classNames: [...data.classNames],
    inputScaling: inputScalingOf(data),
    ...(data.missingValues ? { missingValues: JSON.stringify(data.missingValues) } : {}),
    distillation: JSON.stringify({ temperature: config.temperature, alpha: config.alpha, scaleByT2: config.scaleByT2, softTerm: config.softTerm, ...methodsOf(config), teacher }),
    studioVersion: STUDIO_VERSION,
    role,
    ...(input ? { input } : {}),
  };
}

/** The ONNX file of a finished run's distilled student. */
export function studentOnnx(model: tf.LayersModel, config: ExperimentConfig, data: Dataset, precision: OnnxPrecision): Promise<OnnxFile> {
  return modelToOnnx(model, precision, onnxMetadataOf(config, data, 'distilled student'));
}

/** The ONNX file of a run's studio-built teacher, rebuilt from its trained weights (disposed after writing). */
export async function teacherOnnx(teacherWeights: readonly Float32Array[], config: ExperimentConfig, data: Dataset, precision: OnnxPrecision): Promise<OnnxFile> {
  const model = buildModel(config.teacher, data.inputShape, data.numClasses, 'teacher');
  try {
    assignWeights(model, teacherWeights);
    return await modelToOnnx(model, precision, onnxMetadataOf(config, data, 'teacher'));
  } finally {
    model.dispose();
  }
}

/** Lower-case hex SHA-256 of bytes (Web Crypto, in the worker and in Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
