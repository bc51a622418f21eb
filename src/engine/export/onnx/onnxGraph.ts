import type * as tf from '@tensorflow/tfjs';
import { float32ToFloat16Bits } from '../float16';

/** Weight precision of an ONNX file: float32 initializers, or float16 ones cast back to float32 inside the graph. */
export type OnnxPrecision = 'float32' | 'float16';

/** One ONNX node as plain data (attributes: ints, int lists, floats or strings). */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: Record<string, number | number[] | string | { float: number }>;
}

/** One stored weight tensor (float32 values; written as float16 when asked). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  values: Float32Array;
}

/** A lowered model: nodes in topological order, weights, and the input/output tensor names and shapes. */
export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** Shape of one example (channels-last, as the studio feeds it). */
  inputShape: number[];
  numClasses: number;
  /** Layer class names that were lowered (input layers excluded). */
  layerTypes: string[];
}

/** Name of the graph's input tensor. */
export const ONNX_INPUT = 'input';
/** Names of the graph's two outputs. */
export const ONNX_OUTPUTS = { logits: 'logits', probabilities: 'probabilities' } as const;

/** A layer that cannot be written as ONNX, with the reason. */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
}

type Layout = 'nhwc' | 'nchw';

/** Builds the graph step by step, tracking the current tensor and its layout (tfjs is NHWC, ONNX convolutions NCHW). */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  current = ONNX_INPUT;
  layout: Layout = 'nhwc';
  rank: number;
  private count = 0;

  constructor(inputRank: number) {
    this.rank = inputRank;
  }

  /** Adds a node with one fresh output and makes it current. */
  op(opType: string, inputs: string[], base: string, attributes?: OnnxNode['attributes']): string {
    const out = `${base}_${++this.count}`;
    this.nodes.push({ opType, inputs, outputs: [out], name: `${opType}_${this.count}`, ...(attributes ? { attributes } : {}) });
    this.current = out;
    return out;
  }

  /** Adds a weight and returns its name. */
  weight(name: string, dims: number[], values: Float32Array): string {
    this.initializers.push({ name, dims, values });
    return name;
  }

  /** Converts the current 4-D tensor to the wanted layout (no-op for other ranks or when it already is). */
  toLayout(want: Layout, base: string): void {
    if (this.rank !== 4 || this.layout === want) return;
    this.op('Transpose', [this.current], `${base}_${want}`, { perm: want === 'nchw' ? [0, 3, 1, 2] : [0, 2, 3, 1] });
    this.layout = want;
  }
}

/** A layer's named weights as float32 arrays with their shapes. */
async function layerWeights(layer: tf.layers.Layer): Promise<Map<string, { shape: number[]; values: Float32Array }>> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const w of layer.weights) {
    const short = w.originalName.split('/').pop()!;
    out.set(short, { shape: w.shape.map(Number), values: (await w.read().data()) as Float32Array });
  }
  return out;
}

function need<T>(map: Map<string, T>, key: string, layer: string): T {
  const v = map.get(key);
  if (!v) throw new OnnxExportError(`Layer ${layer} has no ${key} weight.`);
  return v;
}

/** Appends an activation by tfjs name (exact erf-based GELU, as tfjs-layers computes it). */
function activation(g: GraphBuilder, name: string, base: string): void {
  switch (name) {
    case 'linear':
      return;
    case 'relu':
      g.op('Relu', [g.current], base);
      return;
    case 'tanh':
      g.op('Tanh', [g.current], base);
      return;
    case 'sigmoid':
      g.op('Sigmoid', [g.current], base);
      return;
    case 'softmax':
      g.toLayout('nhwc', base);
      g.op('Softmax', [g.current], base, { axis: -1 });
      return;
    case 'gelu': {
      // gelu(x) = x · 0.5 · (1 + erf(x / √2)); Gelu itself is only in opset 20.
      const x = g.current;
      const sqrt2 = g.weight(`${base}_sqrt2`, [], Float32Array.of(Math.SQRT2));
      const one = g.weight(`${base}_one`, [], Float32Array.of(1));
      const half = g.weight(`${base}_half`, [], Float32Array.of(0.5));
      const scaled = g.op('Div', [x, sqrt2], `${base}_scaled`);
      const erf = g.op('Erf', [scaled], `${base}_erf`);
      const plus = g.op('Add', [erf, one], `${base}_plus1`);
      const cdf = g.op('Mul', [plus, half], `${base}_cdf`);
      g.op('Mul', [x, cdf], base);
      return;
    }
    default:
      throw new OnnxExportError(`The activation "${name}" cannot be written as ONNX (the studio writes linear, relu, tanh, sigmoid, softmax and gelu).`);
  }
}

/** Explicit ONNX pads [top, left, bottom, right] for tfjs 'valid' or 'same' padding of a 2-D window. */
function pads(padding: string, inHW: number[], kernel: number[], strides: number[]): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') throw new OnnxExportError(`Padding "${padding}" cannot be written as ONNX.`);
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const out = Math.ceil(inHW[i]! / strides[i]!);
    const total = Math.max((out - 1) * strides[i]! + kernel[i]! - inHW[i]!, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return [...begin, ...end];
}

const pair = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : [Number(v), Number(v)]);

/** The spatial size [H, W] of a layer's 4-D input. */
function inputHW(layer: tf.layers.Layer): number[] {
  const shape = (layer.input as tf.SymbolicTensor).shape;
  if (shape.length !== 4 || shape[1] == null || shape[2] == null) throw new OnnxExportError(`Layer ${layer.name} needs a fixed 4-D input shape.`);
  return [shape[1], shape[2]];
}

/** Lowers one tfjs layer onto the graph. */
async function lowerLayer(g: GraphBuilder, layer: tf.layers.Layer): Promise<void> {
  const cls = layer.getClassName();
  const cfg = layer.getConfig() as Record<string, unknown>;
  const base = layer.name.replace(/[^\w]/g, '_');
  switch (cls) {
    case 'InputLayer':
    case 'Dropout': // identity at inference
      return;
    case 'Flatten':
      g.toLayout('nhwc', base); // tfjs flattens channels-last: keep its order so dense kernels line up
      g.op('Flatten', [g.current], base, { axis: 1 });
      g.rank = 2;
      return;
    case 'Dense': {
      g.toLayout('nhwc', base);
      const w = await layerWeights(layer);
      const kernel = need(w, 'kernel', layer.name);
      const k = g.weight(`${base}.kernel`, kernel.shape, kernel.values);
      const mm = g.op('MatMul', [g.current, k], `${base}_matmul`);
      const bias = w.get('bias');
      if (bias) g.op('Add', [mm, g.weight(`${base}.bias`, bias.shape, bias.values)], `${base}_out`);
      activation(g, String(cfg.activation ?? 'linear'), `${base}_act`);
      return;
    }
    case 'Conv2D': {
      if (cfg.dataFormat !== undefined && cfg.dataFormat !== 'channelsLast') throw new OnnxExportError(`Layer ${layer.name} is not channels-last.`);
      const dilation = pair(cfg.dilationRate ?? 1);
      if (dilation.some((d) => d !== 1)) throw new OnnxExportError(`Layer ${layer.name} uses dilation, which the studio does not export.`);
      const hw = inputHW(layer);
      g.toLayout('nchw', base);
      const w = await layerWeights(layer);
      const kernel = need(w, 'kernel', layer.name); // tfjs [kh, kw, in, out] → ONNX [out, in, kh, kw]
      const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
      const oihw = new Float32Array(kernel.values.length);
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          for (let i = 0; i < cin; i++)
            for (let o = 0; o < cout; o++) oihw[((o * cin + i) * kh + y) * kw + x] = kernel.values[((y * kw + x) * cin + i) * cout + o]!;
      const inputs = [g.current, g.weight(`${base}.kernel`, [cout, cin, kh, kw], oihw)];
      const bias = w.get('bias');
      if (bias) inputs.push(g.weight(`${base}.bias`, bias.shape, bias.values));
      const strides = pair(cfg.strides ?? 1);
      g.op('Conv', inputs, base, { kernel_shape: [kh, kw], strides, pads: pads(String(cfg.padding ?? 'valid'), hw, [kh, kw], strides), dilations: [1, 1], group: 1 });
      activation(g, String(cfg.activation ?? 'linear'), `${base}_act`);
      return;
    }
    case 'MaxPooling2D': {
      const hw = inputHW(layer);
      const size = pair(cfg.poolSize ?? 2);
      const strides = pair(cfg.strides ?? size);
      g.toLayout('nchw', base);
      g.op('MaxPool', [g.current], base, { kernel_shape: size, strides, pads: pads(String(cfg.padding ?? 'valid'), hw, size, strides) });
      return;
    }
    case 'BatchNormalization': {
      const axis = Number(cfg.axis ?? -1);
      if (axis !== -1 && axis !== g.rank - 1) throw new OnnxExportError(`Layer ${layer.name} normalises axis ${axis}; the studio exports channels-last batch norm only.`);
      g.toLayout('nchw', base);
      const w = await layerWeights(layer);
      const mean = need(w, 'moving_mean', layer.name);
      const variance = need(w, 'moving_variance', layer.name);
      const c = mean.values.length;
      const gamma = w.get('gamma')?.values ?? new Float32Array(c).fill(1);
      const beta = w.get('beta')?.values ?? new Float32Array(c);
      g.op(
        'BatchNormalization',
        [g.current, g.weight(`${base}.gamma`, [c], gamma), g.weight(`${base}.beta`, [c], beta), g.weight(`${base}.mean`, [c], mean.values), g.weight(`${base}.var`, [c], variance.values)],
        base,
        { epsilon: { float: Number(cfg.epsilon ?? 1e-3) } },
      );
      return;
    }
    case 'Activation':
      activation(g, String(cfg.activation), base);
      return;
    case 'ReLU':
      activation(g, 'relu', base);
      return;
    case 'Softmax':
      activation(g, 'softmax', base);
      return;
    default:
      throw new OnnxExportError(`The layer type ${cls} (${layer.name}) cannot be written as ONNX.`);
  }
}

/**
 * Lowers a sequential tfjs layers model (the layers the studio builds: dense, conv, batch norm, max-pool, flatten,
 * dropout, relu/tanh/gelu) to ONNX nodes: input `input` in the studio's layout (NHWC for images), outputs `logits`
 * and `probabilities` (softmax over classes).
 */
export async function lowerToOnnx(model: tf.LayersModel): Promise<OnnxGraph> {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new OnnxExportError('Only models with one input and one output can be written as ONNX.');
  const inShape = model.inputs[0]!.shape.slice(1);
  if (inShape.some((d) => d === null)) throw new OnnxExportError('The model input has an unknown dimension.');
  const outShape = model.outputs[0]!.shape;
  if (outShape.length !== 2 || outShape[1] == null) throw new OnnxExportError('The model output is not one score per class.');
  const g = new GraphBuilder(inShape.length + 1);
  const layerTypes: string[] = [];
  for (const layer of model.layers) {
    const inbound = (layer as unknown as { inboundNodes: { inboundLayers: unknown[] }[] }).inboundNodes;
    if (inbound.length > 1 || (inbound[0] && inbound[0].inboundLayers.length > 1)) throw new OnnxExportError('Only sequential models can be written as ONNX.');
    await lowerLayer(g, layer);
    if (layer.getClassName() !== 'InputLayer') layerTypes.push(layer.getClassName());
  }
  g.toLayout('nhwc', 'output');
  g.nodes.push({ opType: 'Identity', inputs: [g.current], outputs: [ONNX_OUTPUTS.logits], name: 'logits' });
  g.nodes.push({ opType: 'Softmax', inputs: [ONNX_OUTPUTS.logits], outputs: [ONNX_OUTPUTS.probabilities], name: 'probabilities', attributes: { axis: 1 } });
  return { nodes: g.nodes, initializers: g.initializers, inputShape: inShape as number[], numClasses: outShape[1], layerTypes };
}

/** Float16 bytes (little-endian) of float32 values. */
export function toFloat16Bytes(values: Float32Array): Uint8Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return new Uint8Array(out.buffer);
}
