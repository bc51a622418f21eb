import { planArch, planBlocks, type PlannedLayer } from '../models/plan';
import type { Activation, ArchSpec } from '../models/spec';
import { pyFloat, pyInt } from './pythonLiteral';

/** PyTorch code for one architecture: module expressions, and which module ends each hidden block. */
export interface PyTorchModelCode {
  /** One Python expression per `nn.Module`, each with a trailing shape comment, in forward order. */
  modules: string[];
  /** For each hidden block (hint candidate, as `hiddenLayerOptions`), the index of the module that ends it. */
  taps: number[];
  /** Flattened width of each hidden block's output. */
  tapWidths: number[];
  /** Number of parameters (trainable and batch-norm statistics), as tfjs counts them. */
  params: number;
}

const ACTIVATION_MODULE: Record<Activation, string> = {
  relu: 'nn.ReLU()',
  tanh: 'nn.Tanh()',
  gelu: 'nn.GELU()', // exact (erf) GELU, as tfjs-layers' 'gelu'
};

// tfjs BatchNormalization defaults (epsilon 1e-3, moving-average momentum 0.99 = PyTorch momentum 0.01).
const BATCH_NORM_ARGS = 'eps=1e-3, momentum=0.01';

const shapeNote = (shape: readonly number[]): string => `# -> ${shape.length === 3 ? `HWC ${shape.join('x')}` : shape.join('x')}`;

/** The PyTorch modules of one planned layer. */
function layerModules(l: PlannedLayer): string[] {
  const note = shapeNote(l.outShape);
  switch (l.op) {
    case 'flatten':
      return [`FlattenNHWC(),  ${note}${l.auto ? ' (inserted automatically, as the studio does)' : ''}`];
    case 'dense': {
      const inSize = l.inShape.reduce((a, b) => a * b, 1);
      const linear = `nn.Linear(${pyInt(inSize)}, ${pyInt(l.units)}),  ${note}${l.activation === null ? ' logits' : ''}`;
      return l.activation === null ? [linear] : [linear, `${ACTIVATION_MODULE[l.activation]},`];
    }
    case 'conv': {
      const inChannels = l.inShape[2]!;
      const conv =
        `nn.Conv2d(${pyInt(inChannels)}, ${pyInt(l.filters)}, kernel_size=${pyInt(l.kernel)}, stride=${pyInt(l.stride)}, ` +
        `padding=0, bias=${l.batchNorm ? 'False' : 'True'}),  ${note} ('valid' padding)`;
      const bn = l.batchNorm ? [`nn.BatchNorm2d(${pyInt(l.filters)}, ${BATCH_NORM_ARGS}),`] : [];
      return [conv, ...bn, `${ACTIVATION_MODULE[l.activation]},`];
    }
    case 'maxpool':
      return [`nn.MaxPool2d(kernel_size=${pyInt(l.size)}, stride=${pyInt(l.size)}),  ${note}`];
    case 'dropout':
      return [`nn.Dropout(p=${pyFloat(l.rate, 'Dropout')}),`];
  }
}

/** Translates an architecture (as the studio plans it) to PyTorch modules; throws with the planner's reason if invalid. */
export function pytorchModelCode(spec: ArchSpec, inputShape: readonly number[], numClasses: number): PyTorchModelCode {
  const plan = planArch(spec, inputShape, numClasses);
  if (!plan.ok) throw new Error(plan.error);
  const modules: string[] = [];
  const lastModule: number[] = [];
  for (const layer of plan.layers) {
    modules.push(...layerModules(layer));
    lastModule.push(modules.length - 1);
  }
  const blocks = planBlocks(plan.layers, true);
  return {
    modules,
    taps: blocks.map((b) => lastModule[b.lastLayer]!),
    tapWidths: blocks.map((b) => b.outShape.reduce((a, c) => a * c, 1)),
    params: plan.layers.reduce((n, l) => n + l.params, 0),
  };
}
