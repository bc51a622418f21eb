import { onnx } from 'onnx-proto';
import { fail, shapeText } from './errors';

/** Largest ONNX teacher the studio loads (bytes): the file, its session and its logits all live in the worker. */
export const ONNX_TEACHER_MAX_BYTES = 200 * 1024 * 1024;
/** Oldest default-domain opset onnxruntime-web runs. */
export const ONNX_OPSET_MIN = 7;
/** Newest default-domain opset onnxruntime-web 1.30 officially runs. */
export const ONNX_OPSET_MAX = 26;
/** Operator domains onnxruntime-web's WASM build has kernels for (the default ONNX domain, ONNX-ML, Microsoft contrib). */
const KNOWN_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'com.microsoft']);

/** How the studio's channels-last examples are fed to the model's input. */
export type OnnxLayout = 'nhwc' | 'nchw' | 'flat';

/** What the studio needs to know to run an ONNX teacher on a dataset. */
export interface OnnxTeacherPlan {
  inputName: string;
  /** The input's layout: as the studio stores it, channels-first (transposed on the fly), or flattened. */
  layout: OnnxLayout;
  /** The input's fixed batch size, or null when it is dynamic. */
  fixedBatch: number | null;
  outputName: string;
  /** Parameters: the elements of every float initializer. */
  params: number;
  /** Default-domain opset. */
  opset: number;
  /** Distinct operator types, in order of first use. */
  ops: string[];
  producer: string;
}

/** What the dataset requires of a teacher. */
export interface OnnxDatasetShape {
  inputShape: readonly number[];
  numClasses: number;
}

const DT = onnx.TensorProto.DataType;

/** The ONNX element type's name (e.g. `int64`). */
function typeName(t: number): string {
  const name = DT[t];
  return name === undefined ? `type ${t}` : name === 'FLOAT' ? 'float32' : name.toLowerCase();
}

type Dim = number | string | null;

function dimsOf(v: onnx.IValueInfoProto): Dim[] | null {
  const shape = v.type?.tensorType?.shape;
  if (!shape) return null;
  return (shape.dim ?? []).map((d) => (d.dimValue != null && Number(d.dimValue) > 0 ? Number(d.dimValue) : d.dimParam ? d.dimParam : null));
}

/** A model shape as text, batch first: `[N, 28, 28, 1]` (other symbolic dimensions as `?`). */
const dimText = (dims: Dim[]) => shapeText(dims.map((d) => (typeof d === 'number' ? d : null))).replace(/^\[\?/, '[N');

/** The shapes the studio accepts for a dataset's examples, as text (e.g. `[N, 28, 28, 1] or [N, 1, 28, 28]`). */
export function expectedInputText(inputShape: readonly number[]): string {
  if (inputShape.length === 3) {
    const [h, w, c] = inputShape as [number, number, number];
    return `[N, ${h}, ${w}, ${c}], [N, ${c}, ${h}, ${w}] or [N, ${h * w * c}]`;
  }
  return `[N, ${inputShape.reduce((a, b) => a * b, 1)}]`;
}

/** Which layout a model input of `dims` (batch first) takes the dataset's examples in, or null when none fits. */
export function matchLayout(dims: Dim[] | null, inputShape: readonly number[]): OnnxLayout | null {
  const fits = (want: number[]) => dims !== null && dims.length === want.length + 1 && want.every((d, i) => typeof dims[i + 1] !== 'number' || dims[i + 1] === d);
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (dims === null) return 'nhwc'; // no recorded shape: feed as stored; the trial run decides
  if (inputShape.length === 3) {
    const [h, w, c] = inputShape as [number, number, number];
    if (fits([h, w, c])) return 'nhwc';
    if (fits([c, h, w])) return 'nchw';
  } else if (fits([...inputShape])) return 'nhwc';
  if (inputShape.length > 1 && fits([size])) return 'flat';
  return null;
}

/** An image size as text: `32×32`. */
function imageSizeText(inputShape: readonly number[]): string {
  return `${inputShape[0]}×${inputShape[1]}`;
}

/**
 * The size of the images a 4-D model input takes (`224×224`) when it has the dataset's channels, channels-last or
 * channels-first, but another height or width; null otherwise (then the general shape message applies).
 */
export function otherImageSize(dims: Dim[] | null, inputShape: readonly number[]): string | null {
  if (dims === null || dims.length !== 4 || inputShape.length !== 3) return null;
  const [, a, b, c] = dims;
  const channels = inputShape[2]!;
  const sized = (h: Dim, w: Dim) => (typeof h === 'number' && typeof w === 'number' && (h !== inputShape[0] || w !== inputShape[1]) ? `${h}×${w}` : null);
  if (c === channels) return sized(a!, b!);
  if (a === channels) return sized(b!, c!);
  return null;
}

/** Decodes ONNX bytes as a ModelProto, or fails with "not an ONNX model". */
function decode(bytes: Uint8Array): onnx.ModelProto {
  if (bytes.byteLength === 0) fail('onnx-not-model', 'onnxEmpty');
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    fail('onnx-not-model', 'onnxNotModel', { detail: e instanceof Error ? e.message : String(e) });
  }
  const looksLikeModel = Number(model.irVersion) > 0 || model.opsetImport.length > 0 || model.graph;
  if (!looksLikeModel) fail('onnx-not-model', 'onnxNotModel', { detail: 'no ONNX version, opset or graph in it' });
  if (!model.graph) fail('onnx-not-model', 'onnxNoGraph');
  return model;
}

/**
 * Reads an ONNX file and checks it against a dataset before any runtime sees it: size, format, opset and operator
 * domains, exactly one float32 input whose shape fits the examples (channels-last, channels-first or flat), and a
 * float32 output of one score per class. Throws `ImportFailure` with the first problem.
 */
export function inspectOnnxTeacher(bytes: Uint8Array, dataset: OnnxDatasetShape, maxBytes = ONNX_TEACHER_MAX_BYTES): OnnxTeacherPlan {
  if (bytes.byteLength > maxBytes) fail('onnx-too-large', 'onnxTooLarge', {}, { size: bytes.byteLength, limit: maxBytes });
  const model = decode(bytes);
  const graph = model.graph as onnx.GraphProto; // decoded: repeated fields are arrays, strings default to ""
  const opset = model.opsetImport.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  const version = opset ? Number(opset.version) : 1;
  if (version < ONNX_OPSET_MIN || version > ONNX_OPSET_MAX) fail('onnx-unsupported', 'onnxOpset', { opset: version, min: ONNX_OPSET_MIN, max: ONNX_OPSET_MAX });
  const ops: string[] = [];
  for (const node of graph.node) {
    const domain = node.domain ?? '';
    if (!KNOWN_DOMAINS.has(domain)) fail('onnx-unsupported', 'onnxDomain', { domain });
    const op = node.opType ?? '';
    if (!ops.includes(op)) ops.push(op);
  }
  const initNames = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((i) => !initNames.has(i.name));
  if (inputs.length === 0) fail('multiple-inputs', 'onnxNoInput');
  if (inputs.length > 1) fail('multiple-inputs', 'onnxInputs', { n: inputs.length, names: inputs.map((i) => i.name ?? '').join(', ') });
  const input = inputs[0]!;
  const inName = input.name ?? '';
  const inType = input.type?.tensorType?.elemType ?? DT.FLOAT;
  if (inType !== DT.FLOAT) fail('input-shape-mismatch', 'onnxInputType', { name: inName, type: typeName(inType) });
  const inDims = dimsOf(input);
  const layout = matchLayout(inDims, dataset.inputShape);
  const size = layout ? null : otherImageSize(inDims, dataset.inputShape);
  if (size) fail('input-shape-mismatch', 'onnxInputSize', { name: inName, shape: dimText(inDims ?? []), modelSize: size, dataSize: imageSizeText(dataset.inputShape) });
  if (!layout) fail('input-shape-mismatch', 'onnxInputShape', { name: inName, shape: dimText(inDims ?? []), expected: expectedInputText(dataset.inputShape) });
  const output = graph.output.find((o) => o.name === 'logits') ?? graph.output[0];
  if (!output) fail('output-classes-mismatch', 'onnxOutputRank', { name: '?', shape: '[]', classes: dataset.numClasses });
  const outName = output.name ?? '';
  const outType = output.type?.tensorType?.elemType ?? DT.FLOAT;
  if (outType !== DT.FLOAT) fail('onnx-output-type', 'onnxOutputType', { name: outName, type: typeName(outType) });
  const outDims = dimsOf(output);
  if (outDims !== null) {
    if (outDims.length !== 2) fail('output-classes-mismatch', 'onnxOutputRank', { name: outName, shape: dimText(outDims), classes: dataset.numClasses });
    const width = outDims[1];
    if (typeof width === 'number' && width !== dataset.numClasses) {
      fail('output-classes-mismatch', 'onnxOutputClasses', { name: outName, outputs: width, classes: dataset.numClasses });
    }
  }
  const batch = inDims?.[0];
  let params = 0;
  for (const t of graph.initializer) {
    if (t.dataType === DT.FLOAT || t.dataType === DT.FLOAT16 || t.dataType === DT.DOUBLE) params += (t.dims ?? []).reduce((a: number, d) => a * Number(d), 1);
  }
  return {
    inputName: inName,
    layout,
    fixedBatch: typeof batch === 'number' ? batch : null,
    outputName: outName,
    params,
    opset: version,
    ops,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
  };
}
