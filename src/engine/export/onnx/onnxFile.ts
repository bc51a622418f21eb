import type * as tf from '@tensorflow/tfjs';
import { onnx } from 'onnx-proto';
import type { ImageInputMetadata } from '../inputMetadata';
import { lowerToOnnx, ONNX_INPUT, ONNX_OUTPUTS, toFloat16Bytes, type OnnxGraph, type OnnxNode, type OnnxPrecision } from './onnxGraph';

/** The ONNX operator set the studio writes (Erf-based GELU; `Gelu` itself needs opset 20, which fewer runtimes run). */
export const ONNX_OPSET = 13;
/** The ONNX IR version written (IR 7 goes with opset 13). */
export const ONNX_IR_VERSION = 7;
/** `producer_name` of every file the studio writes. */
export const ONNX_PRODUCER = 'Distill Studio';

/** What the studio records in an ONNX file's metadata_props (each value a string; JSON for structured ones). */
export interface OnnxMetadata {
  /** Class names in output order. */
  classNames: string[];
  /** How inputs are scaled before they reach the model (JSON text). */
  inputScaling: string;
  /** How a CSV's missing cells were handled, applied before the scaling (JSON text; absent when it had none). */
  missingValues?: string;
  /** Distillation settings (T, α, soft term, teacher) as JSON text. */
  distillation: string;
  /** Version of the studio, written as `producer_version`. */
  studioVersion: string;
  /** Model role, e.g. `distilled student` or `teacher`. */
  role: string;
  /** For image inputs: shape, channels, preprocessing and preparation (written as `input_*` and `image_preparation`). */
  input?: ImageInputMetadata;
}

/** The metadata_props describing an image input: its shape, layout (stated: NHWC, channels last), channels, preprocessing and preparation. */
function imageInputProps(input: ImageInputMetadata | undefined): Record<string, string> {
  if (!input) return {};
  return {
    input_shape: JSON.stringify(input.shape),
    input_channels: input.channels,
    input_preprocessing: JSON.stringify(input.preprocessing),
    image_preparation: JSON.stringify(input.preparation),
    ...(input.teacherPreprocessing ? { teacher_preprocessing: JSON.stringify(input.teacherPreprocessing) } : {}),
  };
}

/** A written ONNX file and what it holds. */
export interface OnnxFile {
  bytes: Uint8Array;
  opset: number;
  precision: OnnxPrecision;
  layerTypes: string[];
}

function attribute(name: string, v: NonNullable<OnnxNode['attributes']>[string]): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') return { name, type: T.INT, i: v };
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  return { name, type: T.FLOAT, f: v.float };
}

function valueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Encodes a lowered graph as an ONNX ModelProto (float16 weights are cast to float32 where they are used). */
export function encodeOnnx(graph: OnnxGraph, precision: OnnxPrecision, meta: OnnxMetadata, graphName: string): Uint8Array {
  const DT = onnx.TensorProto.DataType;
  const nodes: onnx.INodeProto[] = [];
  const initializer: onnx.ITensorProto[] = [];
  for (const w of graph.initializers) {
    if (precision === 'float16') {
      const stored = `${w.name}_f16`;
      initializer.push({ name: stored, dims: w.dims, dataType: DT.FLOAT16, rawData: toFloat16Bytes(w.values) });
      nodes.push({ opType: 'Cast', input: [stored], output: [w.name], name: `cast_${w.name}`, attribute: [attribute('to', DT.FLOAT)] });
    } else {
      initializer.push({ name: w.name, dims: w.dims, dataType: DT.FLOAT, rawData: new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength) });
    }
  }
  for (const n of graph.nodes) {
    nodes.push({
      opType: n.opType,
      input: n.inputs,
      output: n.outputs,
      name: n.name,
      attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
    });
  }
  const props: Record<string, string> = {
    class_names: JSON.stringify(meta.classNames),
    input_scaling: meta.inputScaling,
    ...(meta.missingValues ? { missing_values: meta.missingValues } : {}),
    input_layout: graph.inputShape.length === 3 ? 'NHWC' : 'NC',
    ...imageInputProps(meta.input),
    distillation: meta.distillation,
    role: meta.role,
    weight_precision: precision,
  };
  const model: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: ONNX_PRODUCER,
    producerVersion: meta.studioVersion,
    docString: `${meta.role} exported by Distill Studio`,
    metadataProps: Object.entries(props).map(([key, value]) => ({ key, value })),
    graph: {
      name: graphName,
      node: nodes,
      initializer,
      input: [valueInfo(ONNX_INPUT, ['batch', ...graph.inputShape])],
      output: [valueInfo(ONNX_OUTPUTS.logits, ['batch', graph.numClasses]), valueInfo(ONNX_OUTPUTS.probabilities, ['batch', graph.numClasses])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Writes a sequential tfjs model as an ONNX file (NHWC input `input`, outputs `logits` and `probabilities`). */
export async function modelToOnnx(model: tf.LayersModel, precision: OnnxPrecision, meta: OnnxMetadata): Promise<OnnxFile> {
  const graph = await lowerToOnnx(model);
  const bytes = encodeOnnx(graph, precision, meta, model.name.replace(/[^\w]/g, '_') || 'model');
  return { bytes, opset: ONNX_OPSET, precision, layerTypes: graph.layerTypes };
}
