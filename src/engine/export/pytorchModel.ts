import { planArch, planBlocks, type PlannedLayer } from '../models/plan';
import type { ArchSpec } from '../models/spec';

/** One layer of the exported script's model description, named as the studio's tfjs layer. */
export type PyLayer =
  | { op: 'flatten'; name: string }
  | { op: 'dense'; name: string; in: number; units: number; activation: string | null }
  | { op: 'conv'; name: string; bnName: string; actName: string; inChannels: number; filters: number; kernel: number; stride: number; activation: string; batchNorm: boolean }
  | { op: 'maxpool'; name: string; size: number }
  | { op: 'dropout'; name: string; rate: number };

/** An architecture as the exported script builds it: its layers, the hint taps, their widths and the parameter count. */
export interface PyArch {
  /** The planned layers in forward order (the script's `Net` builds PyTorch modules from them). */
  layers: PyLayer[];
  /** For each hidden block (hint candidate, as `hiddenLayerOptions`), the index of the layer that ends it. */
  taps: number[];
  /** Flattened width of each hidden block's output. */
  tapWidths: number[];
  /** Parameters (trainable and batch-norm statistics), as tfjs counts them. */
  params: number;
}

/** The script's description of one planned layer (names follow `buildModel`: `dense_n`, `conv_n`, `bn_n`, `logits`, …). */
function pyLayer(l: PlannedLayer, index: number): PyLayer {
  const n = index + 1;
  switch (l.op) {
    case 'flatten':
      return { op: 'flatten', name: `flatten_${n}` };
    case 'dense':
      return { op: 'dense', name: l.activation === null ? 'logits' : `dense_${n}`, in: l.inShape.reduce((a, b) => a * b, 1), units: l.units, activation: l.activation };
    case 'conv':
      return {
        op: 'conv',
        name: `conv_${n}`,
        bnName: `bn_${n}`,
        actName: `act_${n}`,
        inChannels: l.inShape[2]!,
        filters: l.filters,
        kernel: l.kernel,
        stride: l.stride,
        activation: l.activation,
        batchNorm: l.batchNorm,
      };
    case 'maxpool':
      return { op: 'maxpool', name: `pool_${n}`, size: l.size };
    case 'dropout':
      return { op: 'dropout', name: `dropout_${n}`, rate: l.rate };
  }
}

/** Plans an architecture for the script; throws with the planner's reason if it cannot be built. */
export function pytorchArch(spec: ArchSpec, inputShape: readonly number[], numClasses: number): PyArch {
  const plan = planArch(spec, inputShape, numClasses);
  if (!plan.ok) throw new Error(plan.error);
  const blocks = planBlocks(plan.layers, true);
  return {
    layers: plan.layers.map(pyLayer),
    taps: blocks.map((b) => b.lastLayer),
    tapWidths: blocks.map((b) => b.outShape.reduce((a, c) => a * c, 1)),
    params: plan.layers.reduce((n, l) => n + l.params, 0),
  };
}
