import { englishArchProblem, type ArchPlace, type ArchProblem } from './archProblems';
import type { Activation, ArchSpec, CnnLayer } from './spec';

/** Hidden layers of an MLP at most. */
export const MAX_MLP_HIDDEN = 8;
/** Layers of a CNN spec at most (not counting auto-inserted ones). */
export const MAX_CNN_LAYERS = 24;
/** Units of a dense layer at most. */
export const MAX_UNITS = 8192;
/** Filters of a conv layer at most. */
export const MAX_FILTERS = 1024;
/** Parameters of a whole model at most (about 200 MB of float32 weights, before optimiser state). */
export const MAX_PARAMS = 50_000_000;
/** Forward FLOPs per example at most (2 × multiply-adds). */
export const MAX_FLOPS = 2_000_000_000;
/** Values in any one layer's output per example at most (activation memory). */
export const MAX_ACTIVATIONS = 2_000_000;

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'gelu'];

/** One logical layer of a planned architecture with its shapes and costs (per example, batch dimension omitted). */
export type PlannedLayer = { inShape: number[]; outShape: number[]; params: number; flops: number } & (
  | { op: 'flatten'; auto: boolean }
  | { op: 'dense'; units: number; activation: Activation | null }
  | { op: 'conv'; filters: number; kernel: number; stride: number; activation: Activation; batchNorm: boolean }
  | { op: 'maxpool'; size: number }
  | { op: 'dropout'; rate: number }
);

/** A planned architecture, or the reason it cannot be built (English sentence and code + parameters). */
export type ArchPlan = { ok: true; layers: PlannedLayer[] } | { ok: false; error: string; problem: ArchProblem };

/** A hidden block (conv/dense with its batch norm and activation, plus directly following max-pools). */
export interface PlannedBlock {
  /** Index of the block's last logical layer in the plan. */
  lastLayer: number;
  /** The conv or dense layer that starts the block. */
  head: PlannedLayer;
  /** Output shape of the block (per example). */
  outShape: number[];
}

const product = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const shapeText = (s: readonly number[]): string => s.join('×');

/** The layers of a spec as one list of CNN-style layers (an MLP is dense [+ dropout] per hidden width). */
function logicalLayers(spec: ArchSpec): CnnLayer[] | ArchProblem {
  if (spec.kind === 'mlp') {
    if (!Array.isArray(spec.hidden)) return { code: 'mlpHiddenList' };
    if (spec.hidden.length > MAX_MLP_HIDDEN) return { code: 'mlpTooManyHidden', max: MAX_MLP_HIDDEN, got: spec.hidden.length };
    const rate = spec.dropout ?? 0;
    const out: CnnLayer[] = [];
    for (const units of spec.hidden) {
      out.push({ type: 'dense', units, activation: spec.activation });
      if (rate !== 0) out.push({ type: 'dropout', rate });
    }
    return out;
  }
  if (spec.kind === 'cnn') {
    if (!Array.isArray(spec.layers)) return { code: 'cnnLayersList' };
    if (spec.layers.length > MAX_CNN_LAYERS) return { code: 'cnnTooManyLayers', max: MAX_CNN_LAYERS, got: spec.layers.length };
    return spec.layers;
  }
  return { code: 'unknownKind', kind: String((spec as { kind: unknown }).kind) };
}

/** Checks one activation name read from untrusted settings. */
function badActivation(a: unknown, place: ArchPlace): ArchProblem | null {
  return ACTIVATIONS.includes(a as Activation) ? null : { code: 'activation', place, got: String(a) };
}

/**
 * Resolves a spec into logical layers with output shapes, parameter counts and FLOPs, checking every rule
 * (see `validateArch`). `numClasses` null plans the hidden layers only. Never throws.
 */
export function planArch(spec: ArchSpec, inputShape: readonly number[], numClasses: number | null): ArchPlan {
  const fail = (problem: ArchProblem): ArchPlan => ({ ok: false, error: englishArchProblem(problem), problem });
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => isWhole(d) && d >= 1)) {
    return fail({ code: 'inputShape', shape: String(inputShape) });
  }
  if (numClasses !== null && (!isWhole(numClasses) || numClasses < 2)) return fail({ code: 'classes', got: String(numClasses) });
  if (spec.kind === 'mlp') {
    const act = badActivation(spec.activation, { kind: 'mlp' });
    if (act) return fail(act);
    const rate = spec.dropout ?? 0;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) return fail({ code: 'mlpDropout', got: String(rate) });
  }
  const source = logicalLayers(spec);
  if (!Array.isArray(source)) return fail(source);

  const layers: PlannedLayer[] = [];
  let shape = [...inputShape];
  let params = 0;
  let flops = 0;
  const push = (layer: PlannedLayer): ArchProblem | null => {
    layers.push(layer);
    params += layer.params;
    flops += layer.flops;
    shape = layer.outShape;
    if (product(shape) > MAX_ACTIVATIONS) return { code: 'tooManyValues', layer: layers.length, shape: shapeText(shape), values: product(shape), max: MAX_ACTIVATIONS };
    return null;
  };
  const flatten = (auto: boolean): ArchProblem | null =>
    push({ op: 'flatten', auto, inShape: shape, outShape: [product(shape)], params: 0, flops: 0 });
  const dense = (units: number, activation: Activation | null): ArchProblem | null => {
    const inSize = product(shape);
    return push({ op: 'dense', units, activation, inShape: shape, outShape: [units], params: inSize * units + units, flops: 2 * inSize * units });
  };

  if (spec.kind === 'mlp' && shape.length > 1) {
    const err = flatten(true);
    if (err) return fail(err);
  }
  for (let i = 0; i < source.length; i++) {
    const layer = source[i]!;
    const place: ArchPlace =
      spec.kind === 'mlp'
        ? { kind: 'hidden', n: Math.floor(i / (spec.dropout ? 2 : 1)) + 1 }
        : { kind: 'layer', n: i + 1, type: String((layer as { type: unknown }).type) };
    let err: ArchProblem | null = null;
    switch (layer.type) {
      case 'dense': {
        if (!isWhole(layer.units) || layer.units < 1) return fail({ code: 'widthWhole', place, got: String(layer.units) });
        if (layer.units > MAX_UNITS) return fail({ code: 'widthMax', place, max: MAX_UNITS, got: layer.units });
        const act = badActivation(layer.activation, place);
        if (act) return fail(act);
        if (shape.length > 1) err = flatten(true);
        err ??= dense(layer.units, layer.activation);
        break;
      }
      case 'conv': {
        if (shape.length !== 3) {
          return fail(layers.length === 0 ? { code: 'convNeedsImage', place, input: inputShape.join(', ') } : { code: 'convAfterFlatten', place });
        }
        const [h, w, c] = shape as [number, number, number];
        if (!isWhole(layer.filters) || layer.filters < 1) return fail({ code: 'filtersWhole', place, got: String(layer.filters) });
        if (layer.filters > MAX_FILTERS) return fail({ code: 'filtersMax', place, max: MAX_FILTERS, got: layer.filters });
        if (!isWhole(layer.kernel) || layer.kernel < 1) return fail({ code: 'kernelWhole', place, got: String(layer.kernel) });
        if (layer.kernel > Math.min(h, w)) return fail({ code: 'kernelFit', place, kernel: layer.kernel, h, w });
        if (!isWhole(layer.stride) || layer.stride < 1) return fail({ code: 'strideWhole', place, got: String(layer.stride) });
        const act = badActivation(layer.activation, place);
        if (act) return fail(act);
        const batchNorm = layer.batchNorm === true;
        const oh = Math.floor((h - layer.kernel) / layer.stride) + 1;
        const ow = Math.floor((w - layer.kernel) / layer.stride) + 1;
        const k2c = layer.kernel * layer.kernel * c;
        err = push({
          op: 'conv',
          filters: layer.filters,
          kernel: layer.kernel,
          stride: layer.stride,
          activation: layer.activation,
          batchNorm,
          inShape: shape,
          outShape: [oh, ow, layer.filters],
          // With batch norm the conv has no bias (beta replaces it); batch norm holds gamma, beta, moving mean and variance.
          params: k2c * layer.filters + (batchNorm ? 4 * layer.filters : layer.filters),
          flops: 2 * oh * ow * layer.filters * k2c,
        });
        break;
      }
      case 'maxpool': {
        if (shape.length !== 3) return fail({ code: 'poolNeedsImage', place });
        const [h, w, c] = shape as [number, number, number];
        if (!isWhole(layer.size) || layer.size < 1) return fail({ code: 'poolWhole', place, got: String(layer.size) });
        if (layer.size > Math.min(h, w)) return fail({ code: 'poolFit', place, size: layer.size, h, w });
        err = push({ op: 'maxpool', size: layer.size, inShape: shape, outShape: [Math.floor(h / layer.size), Math.floor(w / layer.size), c], params: 0, flops: 0 });
        break;
      }
      case 'flatten':
        err = flatten(false);
        break;
      case 'dropout': {
        if (typeof layer.rate !== 'number' || !(layer.rate >= 0 && layer.rate < 1)) return fail({ code: 'dropoutRange', place, got: String(layer.rate) });
        err = push({ op: 'dropout', rate: layer.rate, inShape: shape, outShape: shape, params: 0, flops: 0 });
        break;
      }
      default:
        return fail({ code: 'unknownLayer', place });
    }
    if (err) return fail(err);
    if (shape.some((d) => d < 1)) return fail({ code: 'emptyOutput', place, shape: shapeText(shape) });
  }
  if (numClasses !== null) {
    if (shape.length > 1) {
      const err = flatten(true);
      if (err) return fail(err);
    }
    const err = dense(numClasses, null);
    if (err) return fail(err);
  }
  if (params > MAX_PARAMS) return fail({ code: 'tooManyParams', params, max: MAX_PARAMS });
  if (flops > MAX_FLOPS) return fail({ code: 'tooManyFlops', gflops: (flops / 1e9).toFixed(1), max: MAX_FLOPS / 1e9 });
  return { ok: true, layers };
}

/** Hidden blocks of a plan: each conv or non-output dense layer, extended over directly following max-pools. */
export function planBlocks(layers: readonly PlannedLayer[], hasOutput: boolean): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  const end = hasOutput ? layers.length - 1 : layers.length;
  for (let i = 0; i < end; i++) {
    const head = layers[i]!;
    if (head.op !== 'conv' && head.op !== 'dense') continue;
    let last = i;
    while (last + 1 < end && layers[last + 1]!.op === 'maxpool') last++;
    blocks.push({ lastLayer: last, head, outShape: layers[last]!.outShape });
    i = last;
  }
  return blocks;
}
