/** Every reason a model can be rejected on import; each has its own user-facing message. */
export type ImportErrorCode =
  | 'empty-file'
  | 'keras-h5'
  | 'bad-json'
  | 'not-object'
  | 'graph-model'
  | 'wrong-format'
  | 'missing-topology'
  | 'malformed-topology'
  | 'unknown-topology'
  | 'no-layers'
  | 'no-input-shape'
  | 'multiple-inputs'
  | 'multiple-outputs'
  | 'input-shape-mismatch'
  | 'output-classes-mismatch'
  | 'missing-manifest'
  | 'bad-manifest'
  | 'unsupported-dtype'
  | 'bad-quantization'
  | 'duplicate-file'
  | 'missing-weight-file'
  | 'misnamed-weight-file'
  | 'weight-size-mismatch'
  | 'non-finite-weights'
  | 'bad-topology'
  | 'weights-mismatch'
  | 'load-failed'
  | 'predict-failed'
  | 'too-large'
  | 'onnx-not-model'
  | 'onnx-too-large'
  | 'onnx-unsupported'
  | 'onnx-output-type';

/**
 * English wording of every import message (one per key; a code may have several), `{{name}}` for parameters.
 * The UI's English `models` catalogue uses this table, so `.message` and the English UI are the same sentence.
 */
export const IMPORT_MESSAGES_EN = {
  emptyFile: 'model.json is empty.',
  kerasH5: 'This is a Keras HDF5 (.h5) file, not a TensorFlow.js model.json. Convert it with tensorflowjs_converter --input_format keras first.',
  badJson: 'model.json is not valid JSON ({{detail}}). Select the model.json written by model.save() or tensorflowjs_converter.',
  badJsonPlain: 'model.json is not valid JSON. Select the model.json written by model.save() or tensorflowjs_converter.',
  notObjectList: 'model.json holds a list, not a model description (a JSON object with modelTopology and weightsManifest).',
  notObjectNull: 'model.json holds null, not a model description (a JSON object with modelTopology and weightsManifest).',
  notObjectValue: 'model.json holds a {{type}}, not a model description (a JSON object with modelTopology and weightsManifest).',
  graphModel:
    'This is a TensorFlow.js graph model (converted from a SavedModel or frozen graph). The studio loads layers models only: convert from Keras with tensorflowjs_converter --output_format tfjs_layers_model, or save with model.save() in TensorFlow.js.',
  wrongFormat: 'model.json says its format is {{format}}; the studio loads "layers-model" files.',
  missingTopology: 'model.json has no modelTopology, so it does not describe any layers.',
  topologyNotObject: 'The modelTopology in model.json is not a JSON object.',
  noLayerList: 'The model topology has no list of layers.',
  layerMalformed: 'Layer {{n}} of the model topology has no class_name or config.',
  noClassName: 'The model topology has no class_name (expected "Sequential" or "Model").',
  functionalNoConfig: 'The functional model topology has no config.',
  noLayers: 'The model has no layers.',
  onlyInputLayers: 'The model has no layers besides its input.',
  multipleInputs: 'The model has {{n}} inputs; the studio feeds models exactly one.',
  multipleOutputs: 'The model has {{n}} outputs; the studio needs exactly one (the class logits).',
  unknownTopology: 'The model topology is a "{{className}}"; the studio loads Sequential and functional (Model) layers models.',
  noInputShape: 'The first layer ({{layer}}) does not record an input shape (batch_input_shape), so the model cannot be built.',
  inputShape: "The model expects inputs of shape {{model}}, but this dataset's examples have shape {{data}}.",
  inputShapeReshape:
    "The model expects inputs of shape {{model}}, but this dataset's examples have shape {{data}}. They hold the same number of values: add a Reshape or Flatten layer at the start of the model.",
  outputClasses: 'The model outputs {{outputs}} classes, but this dataset has {{classes}}.',
  outputRank: 'The model outputs a tensor of shape {{shape}} per example; the studio needs one score per class ({{classes}}).',
  missingManifest:
    'model.json has no weightsManifest, so it does not say which file holds the weights. Save the model with model.save() or tensorflowjs_converter.',
  manifestNotList: 'The weightsManifest in model.json is not a list.',
  groupNeedsLists: 'Weights manifest group {{group}} needs "paths" and "weights" lists.',
  groupBadPath: 'Weights manifest group {{group}} has an empty or non-text path.',
  groupNoFile: 'Weights manifest group {{group}} lists weights but no file to read them from.',
  entryNoName: 'Weight {{weight}} of manifest group {{group}} has no name.',
  entryBadShape: 'Weight "{{name}}" has an invalid shape {{shape}} in the weights manifest.',
  weightTwice: 'The weights manifest lists weight "{{name}}" twice.',
  unsupportedDtype: 'Weight "{{name}}" has dtype {{dtype}}; layers models store float32 (or int32) weights.',
  unknownQuantization: 'Weight "{{name}}" uses an unknown quantisation {{dtype}}; tfjs reads uint8, uint16 and float16.',
  float16NotFloat: 'Weight "{{name}}" is float16-quantised but has dtype {{dtype}}; only float32 weights can be.',
  quantNoScale: 'Weight "{{name}}" is {{dtype}}-quantised but its min and scale are missing or not finite numbers.',
  duplicateFile: 'Two selected files are named "{{name}}"; select each weight file once.',
  misnamed:
    'model.json expects its weights in "{{missing}}", but no selected file has that name. Did you mean "{{candidate}}"? Rename it to "{{missing}}", or edit the path in model.json\'s weightsManifest.',
  misnamedFits:
    'model.json expects its weights in "{{missing}}", but no selected file has that name. Did you mean "{{candidate}}" (it has exactly the {{size}} expected)? Rename it to "{{missing}}", or edit the path in model.json\'s weightsManifest.',
  missingOne: 'model.json needs the weight file {{files}}, which was not selected. You selected: {{selected}}. Select it together with model.json.',
  missingOneNone: 'model.json needs the weight file {{files}}, which was not selected. No weight file was selected. Select it together with model.json.',
  missingMany: 'model.json needs the weight files {{files}}, which were not selected. You selected: {{selected}}. Select them together with model.json.',
  missingManyNone: 'model.json needs the weight files {{files}}, which were not selected. No weight file was selected. Select them together with model.json.',
  sizeOneShort:
    '"{{file}}" has {{actual}}, but model.json describes {{expected}} of weights (expected {{expectedCount}}, got {{actualCount}}). The file is truncated or belongs to a different model.',
  sizeOneLong:
    '"{{file}}" has {{actual}}, but model.json describes {{expected}} of weights (expected {{expectedCount}}, got {{actualCount}}). The file is too long or belongs to a different model.',
  sizeManyShort:
    'The weight files {{files}} have {{actual}}, but model.json describes {{expected}} of weights (expected {{expectedCount}}, got {{actualCount}}). The file is truncated or belongs to a different model.',
  sizeManyLong:
    'The weight files {{files}} have {{actual}}, but model.json describes {{expected}} of weights (expected {{expectedCount}}, got {{actualCount}}). The file is too long or belongs to a different model.',
  nonFinite:
    'Weight "{{name}}" contains {{value}} ({{bad}} of {{total}} values are not finite numbers); the model was probably saved after its training diverged.',
  unknownLayer: 'The model uses a layer TensorFlow.js does not know: {{name}} (custom layers and Lambda layers cannot be loaded).',
  unknownActivation: 'The model uses an activation TensorFlow.js does not know: {{name}} (custom layers and Lambda layers cannot be loaded).',
  unknownInitializer: 'The model uses an initializer TensorFlow.js does not know: {{name}} (custom layers and Lambda layers cannot be loaded).',
  unknownRegularizer: 'The model uses a regularizer TensorFlow.js does not know: {{name}} (custom layers and Lambda layers cannot be loaded).',
  unknownConstraint: 'The model uses a constraint TensorFlow.js does not know: {{name}} (custom layers and Lambda layers cannot be loaded).',
  cannotBuild: 'TensorFlow.js cannot build this model from its topology: {{detail}}',
  weightMissing: 'The model needs a weight "{{name}}" {{shape}}, but the weights manifest has none by that name.',
  weightShape: 'Weight "{{name}}" has shape {{fileShape}} in the weights manifest, but the model needs {{modelShape}}.',
  weightsExtra: 'The weights manifest has {{n}} weight(s) the model has no place for, e.g. "{{name}}".',
  loadFailed: 'TensorFlow.js could not load the model with its weights: {{detail}}',
  predictFailed: 'The model loads, but a prediction on one example fails: {{detail}}',
  uncheckable: 'The model could not be checked: {{detail}}',
  noModelJson: 'Select the model.json file together with its weight file(s).',
  severalModelJson: 'Select one model.json at a time (got {{names}}).',
  unreadable: 'The files could not be read: {{detail}}',
  filesTooLarge: 'The model files take {{size}} MB together; the studio loads teachers of at most {{limit}} MB.',
  tooManyParams: 'The model has {{params}} parameters; the studio loads teachers of at most {{limit}} parameters.',
  unexpected: '{{detail}}',
  onnxNotModel: 'This file is not an ONNX model ({{detail}}). Export one with torch.onnx.export or another ONNX exporter.',
  onnxEmpty: 'The .onnx file is empty.',
  onnxNoGraph: 'The ONNX file holds no graph, so there is no model to run.',
  onnxTooLarge: 'The ONNX file has {{size}}; the studio loads ONNX teachers of at most {{limit}}.',
  onnxOpset: 'The model needs ONNX opset {{opset}}; onnxruntime-web in the studio runs opsets {{min}} to {{max}}. Export it again with opset_version between {{min}} and {{max}}.',
  onnxDomain: 'The model uses operators of the domain "{{domain}}", which onnxruntime-web cannot run.',
  onnxOperator: 'onnxruntime-web cannot run the operator {{op}} used by this model. Export it again without it (or with another opset).',
  onnxSession: 'onnxruntime-web cannot open this model: {{detail}}',
  onnxInputs: 'The ONNX model has {{n}} inputs ({{names}}); the studio feeds a teacher exactly one.',
  onnxNoInput: 'The ONNX model has no input.',
  onnxInputShape: 'The ONNX model\'s input "{{name}}" has shape {{shape}}, but for this dataset the studio feeds {{expected}}.',
  onnxInputSize: 'The ONNX model\'s input "{{name}}" ({{shape}}) takes {{modelSize}} images, but this dataset\'s images are {{dataSize}}: a teacher must take images of the set\'s size.',
  onnxInputType: 'The ONNX model\'s input "{{name}}" takes {{type}} values; the studio feeds float32.',
  onnxOutputClasses: 'The ONNX model\'s output "{{name}}" has {{outputs}} scores per example, but this dataset has {{classes}} classes.',
  onnxOutputRank: 'The ONNX model\'s output "{{name}}" has shape {{shape}}; the studio needs [N, {{classes}}], one score per class.',
  onnxOutputType: 'The ONNX model\'s output "{{name}}" is {{type}}, not float32: the studio needs class scores (logits or probabilities).',
  onnxRunFailed: 'The ONNX model opens, but running it on a batch of examples fails: {{detail}}',
  onnxNonFinite: 'The ONNX model outputs {{value}} for an example of this dataset (its weights or graph are broken).',
  bytesOne: '{{n}} byte',
  bytesMany: '{{n}} bytes',
} as const;

/** Which wording of an import message (several keys can share one `ImportErrorCode`). */
export type ImportMessageKey = Exclude<keyof typeof IMPORT_MESSAGES_EN, 'bytesOne' | 'bytesMany'>;

/** An import message as data: its wording key, its text parameters and its byte-count parameters. */
export interface ImportMessage {
  key: ImportMessageKey;
  /** Text parameters, inserted as they are (names, shapes, library details). */
  params: Readonly<Record<string, string>>;
  /** Byte counts, worded per language ("1,024 bytes", "1,024 字节"). */
  bytes?: Readonly<Record<string, number>>;
}

/** Fills `{{name}}` placeholders of a template. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** The English sentence of an import message (what `.message` holds). */
export function englishImportMessage(m: ImportMessage): string {
  const bytes = Object.fromEntries(Object.entries(m.bytes ?? {}).map(([k, n]) => [k, bytesText(n)]));
  return fill(IMPORT_MESSAGES_EN[m.key], { ...m.params, ...bytes });
}

/** Why a model was rejected: a stable code for tests and UI logic, the message as data, and its English sentence. */
export interface ImportError {
  code: ImportErrorCode;
  /** Key and parameters, for the UI to word in the chosen language. */
  value: ImportMessage;
  /** The English sentence (for Node tests and logs). */
  message: string;
}

/** Builds an `ImportError` from its code, wording key and parameters. */
export function importError(code: ImportErrorCode, key: ImportMessageKey, params: Record<string, string | number> = {}, bytes?: Record<string, number>): ImportError {
  const text = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const value: ImportMessage = bytes ? { key, params: text, bytes } : { key, params: text };
  return { code, value, message: englishImportMessage(value) };
}

/** A failed check, thrown inside the validator and turned into a result at its edge. */
export class ImportFailure extends Error {
  /** The error to report. */
  readonly error: ImportError;

  /** Creates a failure from its error. */
  constructor(error: ImportError) {
    super(error.message);
    this.name = 'ImportFailure';
    this.error = error;
  }
}

/** Throws an `ImportFailure` (for use in expressions). */
export function fail(code: ImportErrorCode, key: ImportMessageKey, params: Record<string, string | number> = {}, bytes?: Record<string, number>): never {
  throw new ImportFailure(importError(code, key, params, bytes));
}

/** `[28, 28, 1]`-style text of a shape (unknown dimensions as `?`). */
export function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** A byte count with thousands separators, e.g. `1,024 bytes`. */
export function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** The first sentence of an error's message, for quoting library errors. */
export function firstSentence(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n')[0]!.trim();
  const end = line.search(/\.\s/);
  return end > 0 ? line.slice(0, end + 1) : line;
}
