/** Activation functions offered for hidden layers (`gelu` is tfjs-layers' exact, erf-based GELU). */
export type Activation = 'relu' | 'tanh' | 'gelu';

/** A multilayer perceptron: hidden widths and one activation; the output layer is added to match the dataset. */
export interface MlpSpec {
  kind: 'mlp';
  /** Widths of the hidden layers, input to output. */
  hidden: number[];
  /** Activation after each hidden layer. */
  activation: Activation;
  /** Dropout after each hidden layer (0/absent: none). */
  dropout?: number;
}

/** One layer of a convolutional network, in order; the output dense layer is appended automatically. */
export type CnnLayer =
  | { type: 'conv'; filters: number; kernel: number; stride: number; activation: Activation; batchNorm?: boolean }
  | { type: 'maxpool'; size: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; activation: Activation }
  | { type: 'dropout'; rate: number };

/** A convolutional network as a list of layers (a flatten is inserted before the first dense layer if missing). */
export interface CnnSpec {
  kind: 'cnn';
  /** Layers, input to output (without the output layer). */
  layers: CnnLayer[];
}

/** Any architecture the studio can build. */
export type ArchSpec = MlpSpec | CnnSpec;

export {
  archProblem,
  describeArch,
  flopsPerExample,
  hiddenLayerOptions,
  outputShapes,
  paramCount,
  sizeKB,
  validateArch,
  type HiddenLayerOption,
  type LayerShape,
} from './archFigures';
