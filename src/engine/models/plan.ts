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

/** A planned architecture, or the reason it cannot be built. */
export type ArchPlan = { ok: true; layers: PlannedLayer[] } | { ok: false; error: string };

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
function logicalLayers(spec: ArchSpec): CnnLayer[] | string {
  if (spec.kind === 'mlp') {
    if (!Array.isArray(spec.hidden)) return 'An MLP needs a list of hidden widths.';
    if (spec.hidden.length > MAX_MLP_HIDDEN) return `At most ${MAX_MLP_HIDDEN} hidden layers (got ${spec.hidden.length}).`;
    const rate = spec.dropout ?? 0;
    const out: CnnLayer[] = [];
    for (const units of spec.hidden) {
      out.push({ type: 'dense', units, activation: spec.activation });
      if (rate !== 0) out.push({ type: 'dropout', rate });
    }
    return out;
  }
  if (spec.kind === 'cnn') {
    if (!Array.isArray(spec.layers)) return 'A CNN needs a list of layers.';
    if (spec.layers.length > MAX_CNN_LAYERS) return `At most ${MAX_CNN_LAYERS} layers (got ${spec.layers.length}).`;
    return spec.layers;
  }
  return `Unknown architecture kind "${String((spec as { kind: unknown }).kind)}".`;
}

/** Checks one activation name read from untrusted settings. */
function badActivation(a: unknown, where: string): string | null {
  return ACTIVATIONS.includes(a as Activation) ? null : `${where}: unknown activation "${String(a)}" (use relu, tanh or gelu).`;
}

/**
 * Resolves a spec into logical layers with output shapes, parameter counts and FLOPs, checking every rule
 * (see `validateArch`). `numClasses` null plans the hidden layers only. Never throws.
 */
export function planArch(spec: ArchSpec, inputShape: readonly number[], numClasses: number | null): ArchPlan {
  const fail = (error: string): ArchPlan => ({ ok: false, error });
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => isWhole(d) && d >= 1)) {
    return fail(`The input shape must be whole numbers ≥ 1 (got [${String(inputShape)}]).`);
  }
  if (numClasses !== null && (!isWhole(numClasses) || numClasses < 2)) return fail(`The number of classes must be a whole number ≥ 2 (got ${numClasses}).`);
  if (spec.kind === 'mlp') {
    const act = badActivation(spec.activation, 'MLP');
    if (act) return fail(act);
    const rate = spec.dropout ?? 0;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) return fail(`Dropout must be at least 0 and below 1 (got ${rate}).`);
  }
  const source = logicalLayers(spec);
  if (typeof source === 'string') return fail(source);

  const layers: PlannedLayer[] = [];
  let shape = [...inputShape];
  let params = 0;
  let flops = 0;
  const push = (layer: PlannedLayer): string | null => {
    layers.push(layer);
    params += layer.params;
    flops += layer.flops;
    shape = layer.outShape;
    if (product(shape) > MAX_ACTIVATIONS) return `Layer ${layers.length} outputs ${shapeText(shape)} = ${product(shape).toLocaleString('en-US')} values per example; at most ${MAX_ACTIVATIONS.toLocaleString('en-US')}.`;
    return null;
  };
  const flatten = (auto: boolean): string | null =>
    push({ op: 'flatten', auto, inShape: shape, outShape: [product(shape)], params: 0, flops: 0 });
  const dense = (units: number, activation: Activation | null): string | null => {
    const inSize = product(shape);
    return push({ op: 'dense', units, activation, inShape: shape, outShape: [units], params: inSize * units + units, flops: 2 * inSize * units });
  };

  if (spec.kind === 'mlp' && shape.length > 1) {
    const err = flatten(true);
    if (err) return fail(err);
  }
  for (let i = 0; i < source.length; i++) {
    const layer = source[i]!;
    const where = spec.kind === 'mlp' ? `Hidden layer ${Math.floor(i / (spec.dropout ? 2 : 1)) + 1}` : `Layer ${i + 1} (${String((layer as { type: unknown }).type)})`;
    let err: string | null = null;
    switch (layer.type) {
      case 'dense': {
        if (!isWhole(layer.units) || layer.units < 1) return fail(`${where}: width must be a whole number ≥ 1 (got ${layer.units}).`);
        if (layer.units > MAX_UNITS) return fail(`${where}: width must be ≤ ${MAX_UNITS} (got ${layer.units}).`);
        const act = badActivation(layer.activation, where);
        if (act) return fail(act);
        if (shape.length > 1) err = flatten(true);
        err ??= dense(layer.units, layer.activation);
        break;
      }
      case 'conv': {
        if (shape.length !== 3) {
          return fail(
            layers.length === 0
              ? `${where}: convolutions need an image input (height × width × channels); this dataset's input is [${inputShape.join(', ')}].`
              : `${where}: a convolution must come before any flatten or dense layer.`,
          );
        }
        const [h, w, c] = shape as [number, number, number];
        if (!isWhole(layer.filters) || layer.filters < 1) return fail(`${where}: filters must be a whole number ≥ 1 (got ${layer.filters}).`);
        if (layer.filters > MAX_FILTERS) return fail(`${where}: filters must be ≤ ${MAX_FILTERS} (got ${layer.filters}).`);
        if (!isWhole(layer.kernel) || layer.kernel < 1) return fail(`${where}: kernel size must be a whole number ≥ 1 (got ${layer.kernel}).`);
        if (layer.kernel > Math.min(h, w)) return fail(`${where}: a ${layer.kernel}×${layer.kernel} kernel does not fit the ${h}×${w} input it gets.`);
        if (!isWhole(layer.stride) || layer.stride < 1) return fail(`${where}: stride must be a whole number ≥ 1 (got ${layer.stride}).`);
        const act = badActivation(layer.activation, where);
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
        if (shape.length !== 3) return fail(`${where}: pooling needs an image-shaped input and must come before any flatten or dense layer.`);
        const [h, w, c] = shape as [number, number, number];
        if (!isWhole(layer.size) || layer.size < 1) return fail(`${where}: pool size must be a whole number ≥ 1 (got ${layer.size}).`);
        if (layer.size > Math.min(h, w)) return fail(`${where}: a ${layer.size}×${layer.size} pool does not fit the ${h}×${w} input it gets.`);
        err = push({ op: 'maxpool', size: layer.size, inShape: shape, outShape: [Math.floor(h / layer.size), Math.floor(w / layer.size), c], params: 0, flops: 0 });
        break;
      }
      case 'flatten':
        err = flatten(false);
        break;
      case 'dropout': {
        if (typeof layer.rate !== 'number' || !(layer.rate >= 0 && layer.rate < 1)) return fail(`${where}: dropout must be at least 0 and below 1 (got ${layer.rate}).`);
        err = push({ op: 'dropout', rate: layer.rate, inShape: shape, outShape: shape, params: 0, flops: 0 });
        break;
      }
      default:
        return fail(`${where}: unknown layer type.`);
    }
    if (err) return fail(err);
    if (shape.some((d) => d < 1)) return fail(`${where}: the output would be empty (${shapeText(shape)}).`);
  }
  if (numClasses !== null) {
    if (shape.length > 1) {
      const err = flatten(true);
      if (err) return fail(err);
    }
    const err = dense(numClasses, null);
    if (err) return fail(err);
  }
  if (params > MAX_PARAMS) return fail(`${params.toLocaleString('en-US')} parameters is too many for a browser tab; at most ${MAX_PARAMS.toLocaleString('en-US')}.`);
  if (flops > MAX_FLOPS) return fail(`${(flops / 1e9).toFixed(1)} GFLOPs per example is too slow for a browser tab; at most ${MAX_FLOPS / 1e9}.`);
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
