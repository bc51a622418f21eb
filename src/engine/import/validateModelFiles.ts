import * as tf from '@tensorflow/tfjs';
import { isPlainObject, tryParseJson } from '../json';
import { decodeFloatWeights } from '../export/quantize';
import { ImportFailure, fail, firstSentence, importError, shapeText, type ImportError } from './errors';
import { checkManifest } from './manifest';
import { checkParamCount } from './teacherLimits';
import { checkInputShape, checkOutputClasses, readTopology } from './topologyInfo';
import { loadCleanly } from './loadCleanly';
import { matchWeightFiles, type ModelFile } from './weightFiles';

/** Re-exported so callers need only this module. */
export type { ModelFile } from './weightFiles';
/** Re-exported so callers need only this module. */
export type { ImportError, ImportErrorCode, ImportMessage, ImportMessageKey } from './errors';

/** What the dataset requires of an imported model. */
export interface DatasetShape {
  /** Shape of one example, e.g. `[28, 28, 1]`. */
  inputShape: readonly number[];
  numClasses: number;
}

/** A short description of an accepted model. */
export interface ModelSummary {
  /** The model's name from its topology, if any. */
  name: string | null;
  /** `Sequential`, `Model` or `Functional`. */
  className: string;
  /** Class names of its layers (input layers excluded), in order. */
  layerTypes: string[];
  /** Parameters as tfjs counts them. */
  params: number;
  inputShape: number[];
  numClasses: number;
  /** Bytes of weight data. */
  weightBytes: number;
  /** Quantisation dtypes used by the weights (empty for plain float32). */
  quantization: string[];
  /** Things worth telling the user that did not stop the import (e.g. ignored files). */
  warnings: string[];
}

/** The outcome of `validateModelFiles`. */
export type ModelValidation =
  | { ok: true; artifacts: tf.io.ModelArtifacts; summary: ModelSummary }
  | { ok: false; error: ImportError; warnings: string[] };

/** Options of `validateModelFiles`. */
export interface ValidateOptions {
  /** Name of the model.json file, so that selecting it along with the weights is not reported as an extra file. */
  modelJsonName?: string;
}

function parseModelJson(text: string): Record<string, unknown> {
  if (text.trim() === '') fail('empty-file', 'emptyFile');
  if (text.startsWith('\u0089HDF') || text.startsWith('\ufffdHDF')) {
    fail('keras-h5', 'kerasH5');
  }
  const parsed = tryParseJson(text);
  if (!parsed) {
    let detail = '';
    try {
      JSON.parse(text);
    } catch (e) {
      detail = firstSentence(e);
    }
    fail('bad-json', detail === '' ? 'badJsonPlain' : 'badJson', { detail });
  }
  if (!isPlainObject(parsed.value)) {
    if (Array.isArray(parsed.value)) fail('not-object', 'notObjectList');
    if (parsed.value === null) fail('not-object', 'notObjectNull');
    fail('not-object', 'notObjectValue', { type: typeof parsed.value });
  }
  return parsed.value;
}

function checkFormat(json: Record<string, unknown>): Record<string, unknown> {
  const format = json.format;
  const topology = json.modelTopology;
  const looksLikeGraph = isPlainObject(topology) && (Array.isArray(topology.node) || isPlainObject(topology.versions));
  if (format === 'graph-model' || (format === undefined && looksLikeGraph)) {
    fail('graph-model', 'graphModel');
  }
  if (format !== undefined && format !== 'layers-model') {
    fail('wrong-format', 'wrongFormat', { format: String(JSON.stringify(format)) });
  }
  if (topology === undefined || topology === null) fail('missing-topology', 'missingTopology');
  if (!isPlainObject(topology)) fail('malformed-topology', 'topologyNotObject');
  return topology;
}

/** Wording keys of the kinds of object tfjs reports as unknown when building a topology. */
const UNKNOWN_KEYS: Readonly<Record<string, 'unknownLayer' | 'unknownActivation' | 'unknownInitializer' | 'unknownRegularizer' | 'unknownConstraint'>> = {
  layer: 'unknownLayer',
  activation: 'unknownActivation',
  initializer: 'unknownInitializer',
  regularizer: 'unknownRegularizer',
  constraint: 'unknownConstraint',
};

/** Finds the first weight holding NaN or ±Infinity (after dequantisation). */
function checkFinite(artifacts: tf.io.ModelArtifacts): void {
  for (const [name, values] of decodeFloatWeights(artifacts)) {
    let bad = 0;
    let example = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) {
        if (bad === 0) example = v;
        bad++;
      }
    }
    if (bad > 0) {
      fail('non-finite-weights', 'nonFinite', { name, value: String(example), bad, total: values.length });
    }
  }
}

/** Builds the topology alone (no weights) and compares its weights with the manifest, by name and shape. */
async function checkBuild(topology: Record<string, unknown>, specs: readonly tf.io.WeightsManifestEntry[], dataset: DatasetShape): Promise<number> {
  let model: tf.LayersModel;
  try {
    model = await loadCleanly({ modelTopology: topology });
  } catch (e) {
    const msg = firstSentence(e);
    const unknown = /Unknown (layer|activation|initializer|regularizer|constraint)[^:]*: ?([\w.]*\w)/i.exec(msg);
    const key = unknown ? UNKNOWN_KEYS[unknown[1]!.toLowerCase()] : undefined;
    if (key) fail('bad-topology', key, { name: unknown![2]! });
    fail('bad-topology', 'cannotBuild', { detail: msg });
  }
  try {
    if (model.inputs.length !== 1) fail('multiple-inputs', 'multipleInputs', { n: model.inputs.length });
    if (model.outputs.length !== 1) fail('multiple-outputs', 'multipleOutputs', { n: model.outputs.length });
    checkInputShape(model.inputs[0]!.shape.slice(1), dataset.inputShape);
    const out = model.outputs[0]!.shape;
    if (out.length !== 2) {
      fail('output-classes-mismatch', 'outputRank', { shape: shapeText(out.slice(1)), classes: dataset.numClasses });
    }
    checkOutputClasses(out[1] ?? -1, dataset.numClasses);
    const inFile = new Map(specs.map((s) => [s.name, s]));
    const needed = model.weights.map((w) => ({ name: w.originalName, shape: w.shape }));
    for (const w of needed) {
      const spec = inFile.get(w.name);
      if (!spec) fail('weights-mismatch', 'weightMissing', { name: w.name, shape: shapeText(w.shape) });
      if (spec.shape.length !== w.shape.length || spec.shape.some((d, i) => d !== w.shape[i])) {
        fail('weights-mismatch', 'weightShape', { name: w.name, fileShape: shapeText(spec.shape), modelShape: shapeText(w.shape) });
      }
    }
    const extra = specs.filter((s) => !needed.some((w) => w.name === s.name) && s.group !== 'optimizer');
    if (extra.length > 0) fail('weights-mismatch', 'weightsExtra', { n: extra.length, name: extra[0]!.name });
    return model.countParams();
  } finally {
    model.dispose();
  }
}

/** Loads the complete model exactly as a user would, runs one prediction on zeros, and disposes it. */
async function checkLoad(artifacts: tf.io.ModelArtifacts, inputShape: readonly number[]): Promise<void> {
  let model: tf.LayersModel;
  try {
    model = await loadCleanly(artifacts);
  } catch (e) {
    fail('load-failed', 'loadFailed', { detail: firstSentence(e) });
  }
  try {
    tf.tidy(() => {
      model.predict(tf.zeros([1, ...inputShape]));
    });
  } catch (e) {
    fail('predict-failed', 'predictFailed', { detail: firstSentence(e) });
  } finally {
    model.dispose();
  }
}

/**
 * Checks a user-selected TensorFlow.js layers model (model.json text plus weight files) against a dataset and
 * returns loadable artifacts, or the first problem found with a clear message. Never throws; leaks no tensors.
 */
export async function validateModelFiles(
  modelJson: string,
  files: readonly ModelFile[],
  dataset: DatasetShape,
  options: ValidateOptions = {},
): Promise<ModelValidation> {
  let warnings: string[] = [];
  try {
    const json = parseModelJson(modelJson);
    const topology = checkFormat(json);
    const info = readTopology(topology);
    if (info.inputShape) checkInputShape(info.inputShape, dataset.inputShape);
    else if (info.className === 'Sequential') {
      fail('no-input-shape', 'noInputShape', { layer: info.layers[0]!.className });
    }
    if (info.outputUnits !== null) checkOutputClasses(info.outputUnits, dataset.numClasses);
    const groups = checkManifest(json.weightsManifest);
    checkParamCount(groups);
    const ignore = [options.modelJsonName ?? 'model.json'];
    const matched = matchWeightFiles(groups, files, ignore);
    warnings = matched.warnings;
    const specs = groups.flatMap((g) => g.weights);
    const artifacts: tf.io.ModelArtifacts = {
      modelTopology: topology,
      format: 'layers-model',
      generatedBy: typeof json.generatedBy === 'string' ? json.generatedBy : undefined,
      convertedBy: typeof json.convertedBy === 'string' ? json.convertedBy : null,
      weightSpecs: specs,
      weightData: matched.data,
    };
    checkFinite(artifacts);
    const params = await checkBuild(topology, specs, dataset);
    await checkLoad(artifacts, dataset.inputShape);
    const quantization = [...new Set(specs.flatMap((s) => (s.quantization ? [s.quantization.dtype] : [])))];
    return {
      ok: true,
      artifacts,
      summary: {
        name: info.name,
        className: info.className,
        layerTypes: info.layers.filter((l) => l.className !== 'InputLayer').map((l) => l.className),
        params,
        inputShape: [...dataset.inputShape],
        numClasses: dataset.numClasses,
        weightBytes: matched.data.byteLength,
        quantization,
        warnings,
      },
    };
  } catch (e) {
    if (e instanceof ImportFailure) return { ok: false, error: e.error, warnings };
    return { ok: false, error: importError('load-failed', 'uncheckable', { detail: firstSentence(e) }), warnings };
  }
}
