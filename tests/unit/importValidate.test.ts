import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { buildStudentZip, readStudentZip } from '../../src/engine/export/studentZip';
import { quantizeArtifacts } from '../../src/engine/export/quantize';
import { validateModelFiles, type ImportErrorCode, type ModelFile } from '../../src/engine/import/validateModelFiles';
import { artifactsOf, modelJsonText, sampleInputs, smallCnn, smallMlp, weightBytes } from '../fixtures/models/makeModels';
import { useCpu } from './tfSetup';
import { i18n } from '../../src/ui/i18n';
import { describeImportError } from '../../src/ui/models/importErrorText';

const en = i18n.getFixedT('en', 'models');
const zh = i18n.getFixedT('zh-CN', 'models');

const POINTS = { inputShape: [2], numClasses: 3 };
/** Weight bytes of the 2→16→3 MLP: 99 float32 values. */
const MLP_BYTES = 396;

let mlp: tf.io.ModelArtifacts;
let mlpJson: Record<string, unknown>;
let mlpBin: Uint8Array;

beforeAll(async () => {
  await useCpu();
  const model = smallMlp(3, 'mlp');
  mlp = await artifactsOf(model);
  model.dispose();
  mlpJson = JSON.parse(modelJsonText(mlp)) as Record<string, unknown>;
  mlpBin = weightBytes(mlp);
});

/** model.json text of the MLP with some top-level fields replaced (undefined removes a field). */
const variant = (changes: Record<string, unknown>): string => JSON.stringify({ ...mlpJson, ...changes });
/** The MLP topology with its layer list transformed. */
const withLayers = (f: (layers: Record<string, unknown>[]) => unknown[]): string => {
  const topology = structuredClone(mlpJson.modelTopology) as { config: { layers: Record<string, unknown>[] } };
  topology.config.layers = f(topology.config.layers) as Record<string, unknown>[];
  return variant({ modelTopology: topology });
};
/** The MLP manifest with its weight specs transformed. */
const withSpecs = (f: (specs: Record<string, unknown>[]) => unknown[]): string =>
  variant({ weightsManifest: [{ paths: ['weights.bin'], weights: f(structuredClone(mlp.weightSpecs) as unknown as Record<string, unknown>[]) }] });
const bin = (bytes: Uint8Array = mlpBin, name = 'weights.bin'): ModelFile => ({ name, bytes });

async function functionalJson(inputs: number, outputs: number): Promise<string> {
  const ins = Array.from({ length: inputs }, () => tf.input({ shape: [2] }));
  const merged = inputs > 1 ? (tf.layers.concatenate().apply(ins) as tf.SymbolicTensor) : ins[0]!;
  const outs = Array.from({ length: outputs }, () => tf.layers.dense({ units: 3 }).apply(merged) as tf.SymbolicTensor);
  const model = tf.model({ inputs: ins, outputs: outs });
  const json = modelJsonText(await artifactsOf(model));
  model.dispose();
  return json;
}

interface BadCase {
  label: string;
  json: () => string | Promise<string>;
  files?: () => ModelFile[];
  dataset?: { inputShape: number[]; numClasses: number };
  code: ImportErrorCode;
  message: string | RegExp;
}

const NAN_BIN = (): Uint8Array => {
  const copy = mlpBin.slice();
  new Float32Array(copy.buffer)[5] = Number.NaN;
  return copy;
};

const BAD: BadCase[] = [
  { label: 'an empty model.json', json: () => '  \n', code: 'empty-file', message: 'model.json is empty.' },
  { label: 'a Keras .h5 file', json: () => '\u0089HDF\r\n\u001a\n...', code: 'keras-h5', message: /Keras HDF5 \(\.h5\) file.*tensorflowjs_converter/ },
  { label: 'broken JSON', json: () => '{"format": "layers-model",', code: 'bad-json', message: /^model\.json is not valid JSON \(.+\)\. Select the model\.json written by model\.save\(\)/ },
  { label: 'a JSON list', json: () => '[1, 2, 3]', code: 'not-object', message: 'model.json holds a list, not a model description (a JSON object with modelTopology and weightsManifest).' },
  { label: 'a JSON string', json: () => '"model"', code: 'not-object', message: /^model\.json holds a string, not a model description/ },
  { label: 'a graph model', json: () => JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }), code: 'graph-model', message: /This is a TensorFlow\.js graph model .* The studio loads layers models only/ },
  { label: 'a graph model without a format field', json: () => JSON.stringify({ modelTopology: { node: [], versions: {} }, weightsManifest: [] }), code: 'graph-model', message: /graph model/ },
  { label: 'an unknown format', json: () => variant({ format: 'onnx' }), code: 'wrong-format', message: 'model.json says its format is "onnx"; the studio loads "layers-model" files.' },
  { label: 'no modelTopology', json: () => variant({ modelTopology: undefined }), code: 'missing-topology', message: 'model.json has no modelTopology, so it does not describe any layers.' },
  { label: 'a topology without a layer list', json: () => variant({ modelTopology: { class_name: 'Sequential', config: { layers: 'dense' } } }), code: 'malformed-topology', message: 'The model topology has no list of layers.' },
  { label: 'a layer without class_name', json: () => withLayers((l) => [{ config: {} }, ...l]), code: 'malformed-topology', message: 'Layer 1 of the model topology has no class_name or config.' },
  { label: 'a non-model topology class', json: () => variant({ modelTopology: { class_name: 'Pipeline', config: {} } }), code: 'unknown-topology', message: 'The model topology is a "Pipeline"; the studio loads Sequential and functional (Model) layers models.' },
  { label: 'a model with no layers', json: () => withLayers(() => []), code: 'no-layers', message: 'The model has no layers.' },
  {
    label: 'a first layer without input shape',
    json: () => withLayers(([first, ...rest]) => [{ ...first, config: { ...(first!.config as object), batch_input_shape: undefined } }, ...rest]),
    code: 'no-input-shape',
    message: 'The first layer (Dense) does not record an input shape (batch_input_shape), so the model cannot be built.',
  },
  { label: 'two inputs', json: () => functionalJson(2, 1), code: 'multiple-inputs', message: 'The model has 2 inputs; the studio feeds models exactly one.' },
  { label: 'two outputs', json: () => functionalJson(1, 2), code: 'multiple-outputs', message: 'The model has 2 outputs; the studio needs exactly one (the class logits).' },
  { label: 'the wrong input shape', json: () => modelJsonText(mlp), files: () => [bin()], dataset: { inputShape: [5], numClasses: 3 }, code: 'input-shape-mismatch', message: "The model expects inputs of shape [2], but this dataset's examples have shape [5]." },
  {
    label: 'the right values in the wrong arrangement',
    json: () => modelJsonText(mlp),
    files: () => [bin()],
    dataset: { inputShape: [1, 2, 1], numClasses: 3 },
    code: 'input-shape-mismatch',
    message: "The model expects inputs of shape [2], but this dataset's examples have shape [1, 2, 1]. They hold the same number of values: add a Reshape or Flatten layer at the start of the model.",
  },
  { label: 'the wrong number of classes', json: () => modelJsonText(mlp), files: () => [bin()], dataset: { inputShape: [2], numClasses: 10 }, code: 'output-classes-mismatch', message: 'The model outputs 3 classes, but this dataset has 10.' },
  { label: 'no weightsManifest', json: () => variant({ weightsManifest: undefined }), code: 'missing-manifest', message: /^model\.json has no weightsManifest, so it does not say which file holds the weights\./ },
  { label: 'a manifest that is not a list', json: () => variant({ weightsManifest: { paths: ['weights.bin'] } }), code: 'bad-manifest', message: 'The weightsManifest in model.json is not a list.' },
  { label: 'a manifest group without paths', json: () => variant({ weightsManifest: [{ weights: [] }] }), code: 'bad-manifest', message: 'Weights manifest group 1 needs "paths" and "weights" lists.' },
  { label: 'a weight listed twice', json: () => withSpecs((s) => [...s, s[0]]), code: 'bad-manifest', message: 'The weights manifest lists weight "mlp_hidden/kernel" twice.' },
  { label: 'a negative dimension', json: () => withSpecs(([a, ...rest]) => [{ ...a, shape: [2, -16] }, ...rest]), code: 'bad-manifest', message: 'Weight "mlp_hidden/kernel" has an invalid shape [2,-16] in the weights manifest.' },
  { label: 'string weights', json: () => withSpecs(([a, ...rest]) => [{ ...a, dtype: 'string' }, ...rest]), code: 'unsupported-dtype', message: 'Weight "mlp_hidden/kernel" has dtype "string"; layers models store float32 (or int32) weights.' },
  { label: 'float64 weights', json: () => withSpecs(([a, ...rest]) => [{ ...a, dtype: 'float64' }, ...rest]), code: 'unsupported-dtype', message: /dtype "float64"/ },
  { label: 'an unknown quantisation', json: () => withSpecs(([a, ...rest]) => [{ ...a, quantization: { dtype: 'int4' } }, ...rest]), code: 'bad-quantization', message: 'Weight "mlp_hidden/kernel" uses an unknown quantisation "int4"; tfjs reads uint8, uint16 and float16.' },
  { label: 'uint8 without min and scale', json: () => withSpecs(([a, ...rest]) => [{ ...a, quantization: { dtype: 'uint8' } }, ...rest]), code: 'bad-quantization', message: 'Weight "mlp_hidden/kernel" is uint8-quantised but its min and scale are missing or not finite numbers.' },
  { label: 'two files with one name', json: () => modelJsonText(mlp), files: () => [bin(), bin(mlpBin, 'dir/weights.bin')], code: 'duplicate-file', message: 'Two selected files are named "weights.bin"; select each weight file once.' },
  { label: 'no weight file', json: () => modelJsonText(mlp), files: () => [], code: 'missing-weight-file', message: 'model.json needs the weight file "weights.bin", which was not selected. No weight file was selected. Select it together with model.json.' },
  {
    label: 'another file but not the weights',
    json: () => modelJsonText(mlp),
    files: () => [bin(mlpBin, 'a.bin'), bin(mlpBin, 'b.bin')],
    code: 'missing-weight-file',
    message: 'model.json needs the weight file "weights.bin", which was not selected. You selected: "a.bin", "b.bin". Select it together with model.json.',
  },
  {
    label: 'a renamed weight file',
    json: () => modelJsonText(mlp),
    files: () => [bin(mlpBin, 'student.weights.bin')],
    code: 'misnamed-weight-file',
    message: `model.json expects its weights in "weights.bin", but no selected file has that name. Did you mean "student.weights.bin" (it has exactly the ${MLP_BYTES} bytes expected)? Rename it to "weights.bin", or edit the path in model.json's weightsManifest.`,
  },
  {
    label: 'a truncated weight file',
    json: () => modelJsonText(mlp),
    files: () => [bin(mlpBin.subarray(0, 100))],
    code: 'weight-size-mismatch',
    message: `"weights.bin" has 100 bytes, but model.json describes ${MLP_BYTES} bytes of weights (expected ${MLP_BYTES}, got 100). The file is truncated or belongs to a different model.`,
  },
  {
    label: 'a weight file that is too long',
    json: () => modelJsonText(mlp),
    files: () => [bin(new Uint8Array(mlpBin.byteLength + 8))],
    code: 'weight-size-mismatch',
    message: /The file is too long or belongs to a different model\.$/,
  },
  {
    label: 'NaN weights',
    json: () => modelJsonText(mlp),
    files: () => [bin(NAN_BIN())],
    code: 'non-finite-weights',
    message: 'Weight "mlp_hidden/kernel" contains NaN (1 of 32 values are not finite numbers); the model was probably saved after its training diverged.',
  },
  {
    label: 'an unknown layer class',
    json: () => withLayers(([first, ...rest]) => [first, { class_name: 'Lambda', config: { name: 'lambda_1' } }, ...rest]),
    files: () => [bin()],
    code: 'bad-topology',
    message: 'The model uses a layer TensorFlow.js does not know: Lambda (custom layers and Lambda layers cannot be loaded).',
  },
  {
    label: 'a layer config tfjs rejects',
    json: () => withLayers(([first, ...rest]) => [{ ...first, config: { ...(first!.config as object), activation: 'swishy' } }, ...rest]),
    files: () => [bin()],
    code: 'bad-topology',
    message: /^The model uses an activation TensorFlow\.js does not know: swishy \(|^TensorFlow\.js cannot build this model from its topology: /,
  },
  {
    label: 'weights of the wrong shape',
    json: () => withSpecs(([a, ...rest]) => [{ ...a, shape: [4, 8] }, ...rest]),
    files: () => [bin()],
    code: 'weights-mismatch',
    message: 'Weight "mlp_hidden/kernel" has shape [4, 8] in the weights manifest, but the model needs [2, 16].',
  },
  {
    label: 'a weight under another name',
    json: () => withSpecs(([a, ...rest]) => [{ ...a, name: 'other/kernel' }, ...rest]),
    files: () => [bin()],
    code: 'weights-mismatch',
    message: 'The model needs a weight "mlp_hidden/kernel" [2, 16], but the weights manifest has none by that name.',
  },
];

describe('validateModelFiles: rejects each bad input with its own code and message', () => {
  it.each(BAD.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const before = tf.memory().numTensors;
    const result = await validateModelFiles(await c.json(), c.files ? c.files() : [bin()], c.dataset ?? POINTS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(c.code);
    if (typeof c.message === 'string') expect(result.error.message).toBe(c.message);
    else expect(result.error.message).toMatch(c.message);
    // The UI words the structured value: English byte for byte as .message, and in Chinese.
    expect(describeImportError(result.error.value, en)).toBe(result.error.message);
    const chinese = describeImportError(result.error.value, zh);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese).not.toMatch(/\{\{|importError\./);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('covers at least 15 distinct error codes', () => {
    expect(new Set(BAD.map((c) => c.code)).size).toBeGreaterThanOrEqual(15);
  });
});

describe('validateModelFiles: accepts good models', () => {
  it('accepts a layers model, returns loadable artifacts and a summary, and leaks nothing', async () => {
    const model = smallMlp(3, 'ok');
    const artifacts = await artifactsOf(model);
    const before = tf.memory().numTensors;
    const result = await validateModelFiles(modelJsonText(artifacts), [bin(weightBytes(artifacts))], POINTS);
    expect(tf.memory().numTensors).toBe(before);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.summary).toEqual({
      name: 'ok',
      className: 'Sequential',
      layerTypes: ['Dense', 'Dense'],
      params: 2 * 16 + 16 + 16 * 3 + 3,
      inputShape: [2],
      numClasses: 3,
      weightBytes: (2 * 16 + 16 + 16 * 3 + 3) * 4,
      quantization: [],
      warnings: [],
    });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(result.artifacts));
    const x = sampleInputs(4, [2]);
    const a = (model.predict(x) as tf.Tensor).dataSync();
    const b = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
    loaded.dispose();
    model.dispose();
  });

  it("accepts the studio's download names (student.json + ./student.weights.bin) and warns about extra files", async () => {
    const json = variant({ weightsManifest: [{ paths: ['./student.weights.bin'], weights: mlp.weightSpecs }] });
    const files = [bin(mlpBin, 'student.weights.bin'), { name: 'student.json', bytes: new TextEncoder().encode(json) }, { name: 'notes.txt', bytes: new Uint8Array(3) }];
    const result = await validateModelFiles(json, files, POINTS, { modelJsonName: 'student.json' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.summary.warnings).toEqual(['Ignored "notes.txt": model.json does not refer to it.']);
  });

  it('accepts a quantised CNN and a functional model', async () => {
    const cnn = smallCnn(4, 'qcnn');
    const { artifacts } = quantizeArtifacts(await artifactsOf(cnn), 'uint8');
    const result = await validateModelFiles(modelJsonText(artifacts), [bin(weightBytes(artifacts))], { inputShape: [8, 8, 1], numClasses: 4 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.summary.quantization).toEqual(['uint8']);
    expect(result.summary.layerTypes).toEqual(['Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Flatten', 'Dense']);
    cnn.dispose();

    const input = tf.input({ shape: [2] });
    const fn = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(tf.layers.dense({ units: 4, activation: 'relu' }).apply(input)) as tf.SymbolicTensor });
    const fa = await artifactsOf(fn);
    const fr = await validateModelFiles(modelJsonText(fa), [bin(weightBytes(fa))], POINTS);
    if (!fr.ok) throw new Error(fr.error.message);
    expect(fr.summary.className).toBe('Model');
    fn.dispose();
  });

  it('accepts the model.json of a student zip', async () => {
    const zip = buildStudentZip(mlp, {
      config: {},
      metrics: {
        teacher: { accuracy: 1, loss: 0, agreement: null, params: 1, ece: 0, trainMs: 1 },
        scratch: { accuracy: 1, loss: 0, agreement: 1, params: 1, ece: 0, trainMs: 1 },
        distilled: { accuracy: 1, loss: 0, agreement: 1, params: 1, ece: 0, trainMs: 1 },
      },
      backend: 'cpu',
      seed: 1,
      createdAt: new Date(0).toISOString(),
      studioVersion: 'test',
    });
    const contents = readStudentZip(zip);
    const result = await validateModelFiles(strFromU8(new TextEncoder().encode(JSON.stringify(contents.modelJson))), [bin(contents.weights)], POINTS);
    expect(result.ok).toBe(true);
  });
});
