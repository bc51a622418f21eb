import { isPlainObject } from '../json';
import { fail, shapeText } from './errors';

/** One layer as written in the topology JSON. */
export interface TopologyLayer {
  className: string;
  name: string | null;
  config: Record<string, unknown>;
}

/** What can be read from a layers-model topology without building it. */
export interface TopologyInfo {
  /** `Sequential`, `Model` or `Functional`. */
  className: string;
  /** The model's name, if recorded. */
  name: string | null;
  /** Every layer, input layers included, in file order. */
  layers: TopologyLayer[];
  /** Input shape per example (batch dimension dropped; null for free dimensions), or null when not recorded. */
  inputShape: (number | null)[] | null;
  /** Units of the output Dense layer, or null when it cannot be told without building the model. */
  outputUnits: number | null;
}

/** Layers whose output has the shape of their input (skipped when looking for the output width). */
const SHAPE_PRESERVING = new Set([
  'Activation',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'AlphaDropout',
  'GaussianDropout',
  'GaussianNoise',
  'Softmax',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'ThresholdedReLU',
  'BatchNormalization',
  'LayerNormalization',
]);

function readLayers(raw: unknown): TopologyLayer[] {
  if (!Array.isArray(raw)) fail('malformed-topology', 'noLayerList');
  return raw.map((l: unknown, i) => {
    if (!isPlainObject(l) || typeof l.class_name !== 'string' || !isPlainObject(l.config)) {
      fail('malformed-topology', 'layerMalformed', { n: i + 1 });
    }
    const name = typeof l.name === 'string' ? l.name : typeof l.config.name === 'string' ? l.config.name : null;
    return { className: l.class_name, name, config: l.config };
  });
}

/** Batch input shape recorded on a layer (tfjs/Keras 2 `batch_input_shape`, Keras 3 `batch_shape`, or `input_shape`). */
function recordedInputShape(config: Record<string, unknown>): (number | null)[] | null {
  const asShape = (v: unknown): (number | null)[] | null =>
    Array.isArray(v) && v.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0)) ? (v as (number | null)[]) : null;
  const batch = asShape(config.batch_input_shape) ?? asShape(config.batch_shape);
  if (batch) return batch.slice(1);
  return asShape(config.input_shape);
}

function denseUnits(layer: TopologyLayer): number | null {
  const units = layer.config.units;
  return layer.className === 'Dense' && typeof units === 'number' ? units : null;
}

/** Reads layer list, input shape and output width from a topology (unwrapping Keras' `model_config`). */
export function readTopology(topology: Record<string, unknown>): TopologyInfo {
  const root = isPlainObject(topology.model_config) ? topology.model_config : topology;
  const className = root.class_name;
  if (typeof className !== 'string') fail('malformed-topology', 'noClassName');
  const config = root.config;
  if (className === 'Sequential') {
    const layers = readLayers(isPlainObject(config) ? config.layers : config);
    const name = isPlainObject(config) && typeof config.name === 'string' ? config.name : null;
    const real = layers.filter((l) => l.className !== 'InputLayer');
    if (real.length === 0) fail('no-layers', 'noLayers');
    const first = layers[0]!;
    let outputUnits: number | null = null;
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i]!;
      if (SHAPE_PRESERVING.has(l.className)) continue;
      outputUnits = denseUnits(l);
      break;
    }
    return { className, name, layers, inputShape: recordedInputShape(first.config), outputUnits };
  }
  if (className === 'Model' || className === 'Functional') {
    if (!isPlainObject(config)) fail('malformed-topology', 'functionalNoConfig');
    const layers = readLayers(config.layers);
    if (layers.every((l) => l.className === 'InputLayer')) fail('no-layers', 'onlyInputLayers');
    const ins = Array.isArray(config.input_layers) ? config.input_layers : [];
    const outs = Array.isArray(config.output_layers) ? config.output_layers : [];
    if (ins.length > 1) fail('multiple-inputs', 'multipleInputs', { n: ins.length });
    if (outs.length > 1) fail('multiple-outputs', 'multipleOutputs', { n: outs.length });
    const byName = (entry: unknown): TopologyLayer | undefined =>
      Array.isArray(entry) && typeof entry[0] === 'string' ? layers.find((l) => l.name === entry[0]) : undefined;
    const input = byName(ins[0]);
    const output = byName(outs[0]);
    return {
      className,
      name: typeof config.name === 'string' ? config.name : null,
      layers,
      inputShape: input ? recordedInputShape(input.config) : null,
      outputUnits: output ? denseUnits(output) : null,
    };
  }
  return fail('unknown-topology', 'unknownTopology', { className });
}

/** Throws `input-shape-mismatch` unless a model input shape accepts examples of the dataset's shape. */
export function checkInputShape(modelShape: readonly (number | null)[], datasetShape: readonly number[]): void {
  const fits = modelShape.length === datasetShape.length && modelShape.every((d, i) => d === null || d === datasetShape[i]);
  if (fits) return;
  const size = (s: readonly (number | null)[]): number | null => (s.every((d) => d !== null) ? (s as number[]).reduce((a, b) => a * b, 1) : null);
  const same = size(modelShape) !== null && size(modelShape) === size(datasetShape);
  fail('input-shape-mismatch', same ? 'inputShapeReshape' : 'inputShape', { model: shapeText(modelShape), data: shapeText(datasetShape) });
}

/** Throws `output-classes-mismatch` unless the model outputs one score per dataset class. */
export function checkOutputClasses(outputUnits: number, numClasses: number): void {
  if (outputUnits === numClasses) return;
  fail('output-classes-mismatch', 'outputClasses', { outputs: outputUnits, classes: numClasses });
}
