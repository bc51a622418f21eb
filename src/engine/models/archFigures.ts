import { planArch, planBlocks, type PlannedLayer } from './plan';
import type { ArchProblem } from './archProblems';
import type { ArchSpec, CnnLayer } from './spec';

/** One logical layer's output shape (per example, batch dimension omitted). */
export interface LayerShape {
  /** Short label, e.g. `conv32·3×3`, `pool2`, `flatten`, `dense128`, `output10`. */
  label: string;
  /** Output shape, e.g. `[26, 26, 32]`. */
  shape: number[];
}

/** A hidden block whose output can serve as a FitNets hint. */
export interface HiddenLayerOption {
  /** Position in `forwardWithHidden(...).hidden`. */
  index: number;
  /** Human-readable label, e.g. `conv64·3×3 → pool2 (5×5×64)`. */
  label: string;
  /** Flattened width of the block's output. */
  width: number;
  /** The block's output shape per example, e.g. `[5, 5, 64]` or `[128]`. */
  shape: number[];
}

const sum = (layers: readonly PlannedLayer[], key: 'params' | 'flops'): number => layers.reduce((a, l) => a + l[key], 0);
const product = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Label of a convolution, planned or as specified: `conv32·3×3`, with `/2` for a stride and `·bn` for batch norm. */
function convLabel(l: { filters: number; kernel: number; stride: number; batchNorm?: boolean }): string {
  return `conv${l.filters}·${l.kernel}×${l.kernel}${l.stride !== 1 ? `/${l.stride}` : ''}${l.batchNorm ? '·bn' : ''}`;
}

/** Short label of a planned layer. */
function layerLabel(l: PlannedLayer): string {
  switch (l.op) {
    case 'conv':
      return convLabel(l);
    case 'maxpool':
      return `pool${l.size}`;
    case 'flatten':
      return 'flatten';
    case 'dense':
      return l.activation === null ? `output${l.units}` : `dense${l.units}`;
    case 'dropout':
      return `drop${l.rate}`;
  }
}

/**
 * Number of parameters (trainable + non-trainable, as tfjs `countParams()`: batch norm's moving mean and
 * variance are included). NaN when `validateArch` rejects the spec.
 */
export function paramCount(spec: ArchSpec, inputShape: readonly number[], numClasses: number): number {
  const plan = planArch(spec, inputShape, numClasses);
  return plan.ok ? sum(plan.layers, 'params') : Number.NaN;
}

/**
 * Forward FLOPs for one example, counted as 2 × multiply-adds of the dense and conv layers only
 * (biases, activations, batch norm, pooling and dropout are not counted). NaN for an invalid spec.
 */
export function flopsPerExample(spec: ArchSpec, inputShape: readonly number[], numClasses: number): number {
  const plan = planArch(spec, inputShape, numClasses);
  return plan.ok ? sum(plan.layers, 'flops') : Number.NaN;
}

/** Size of all weights as float32, in KiB (parameters × 4 / 1024). NaN for an invalid spec. */
export function sizeKB(spec: ArchSpec, inputShape: readonly number[], numClasses: number): number {
  return (paramCount(spec, inputShape, numClasses) * 4) / 1024;
}

/**
 * Output shape of every logical layer as built (auto-inserted flattens included; a conv with batch norm is one
 * layer); with `numClasses` the output layer is listed last. Empty for an invalid spec.
 */
export function outputShapes(spec: ArchSpec, inputShape: readonly number[], numClasses?: number): LayerShape[] {
  const plan = planArch(spec, inputShape, numClasses ?? null);
  return plan.ok ? plan.layers.map((l) => ({ label: layerLabel(l), shape: [...l.outShape] })) : [];
}

/** Every hidden block (conv or dense, with its batch norm, activation and following max-pools) usable as a hint. */
export function hiddenLayerOptions(spec: ArchSpec, inputShape: readonly number[]): HiddenLayerOption[] {
  const plan = planArch(spec, inputShape, null);
  if (!plan.ok) return [];
  return planBlocks(plan.layers, false).map((b, index) => {
    const parts = plan.layers.slice(plan.layers.indexOf(b.head), b.lastLayer + 1).map(layerLabel);
    return { index, label: `${parts.join(' → ')} (${b.outShape.join('×')})`, width: product(b.outShape), shape: [...b.outShape] };
  });
}

/** Text of one spec layer for `describeArch` (flatten is implicit and omitted). */
function specLayerText(l: CnnLayer): string | null {
  switch (l.type) {
    case 'conv':
      return convLabel(l);
    case 'maxpool':
      return `pool${l.size}`;
    case 'flatten':
      return null;
    case 'dense':
      return `dense${l.units}`;
    case 'dropout':
      return `drop${l.rate}`;
  }
}

/**
 * Short human-readable description, e.g. `MLP 784→1200→1200→10 (dropout 0.5)` or
 * `CNN conv32·3×3 → pool2 → conv64·3×3 → pool2 → dense128 → drop0.5 → 10`. Accepts an input shape or size.
 */
export function describeArch(spec: ArchSpec, input: number | readonly number[], numClasses: number): string {
  if (spec.kind === 'mlp') {
    const inputSize = typeof input === 'number' ? input : product(input);
    const drop = spec.dropout ? ` (dropout ${spec.dropout})` : '';
    return `MLP ${[inputSize, ...spec.hidden, numClasses].join('→')}${drop}`;
  }
  const parts = spec.layers.map(specLayerText).filter((t): t is string => t !== null);
  return `CNN ${[...parts, String(numClasses)].join(' → ')}`;
}

/** A clear reason the architecture cannot be built for this input shape and class count, or null when it is valid. */
export function validateArch(spec: ArchSpec, inputShape: readonly number[], numClasses: number): string | null {
  const plan = planArch(spec, inputShape, numClasses);
  return plan.ok ? null : plan.error;
}

/** The same reason as `validateArch` as a code + parameters (for the UI to word in the chosen language), or null. */
export function archProblem(spec: ArchSpec, inputShape: readonly number[], numClasses: number): ArchProblem | null {
  const plan = planArch(spec, inputShape, numClasses);
  return plan.ok ? null : plan.problem;
}
