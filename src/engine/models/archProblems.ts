/*
 * Why an architecture cannot be built, as codes + parameters. The English text is written once, here
 * (`ENGLISH_ARCH_TEXT`): the UI's English catalogue takes it as its `archProblem` section, and `englishArchProblem`
 * fills it for the worker, tests and logs. `archProblemParams` gives both the same parameters.
 */

/** Where in a spec a problem is: the MLP or CNN as a whole, an MLP hidden layer, or a CNN layer (1-based, with its type as given when known). */
export type ArchPlace = { kind: 'mlp' } | { kind: 'cnn' } | { kind: 'hidden'; n: number } | { kind: 'layer'; n: number; type?: string };

/** The setting a stored-shape check is about (worded by the UI). */
export type ArchField = 'width' | 'units' | 'filters' | 'kernel' | 'stride' | 'poolSize' | 'dropout' | 'dropoutRate';

/** A reason an architecture cannot be built, with what is needed to word it (untrusted values as text). */
export type ArchProblem =
  | { code: 'inputShape'; shape: string }
  | { code: 'classes'; got: string }
  | { code: 'mlpDropout'; got: string }
  | { code: 'mlpHiddenList' }
  | { code: 'mlpTooManyHidden'; max: number; got: number }
  | { code: 'cnnLayersList' }
  | { code: 'cnnTooManyLayers'; max: number; got: number }
  | { code: 'unknownKind'; kind: string }
  | { code: 'activation'; place: ArchPlace; got: string }
  | { code: 'tooManyValues'; layer: number; shape: string; values: number; max: number }
  | { code: 'widthWhole'; place: ArchPlace; got: string }
  | { code: 'widthMax'; place: ArchPlace; max: number; got: number }
  | { code: 'convNeedsImage'; place: ArchPlace; input: string }
  | { code: 'convAfterFlatten'; place: ArchPlace }
  | { code: 'filtersWhole'; place: ArchPlace; got: string }
  | { code: 'filtersMax'; place: ArchPlace; max: number; got: number }
  | { code: 'kernelWhole'; place: ArchPlace; got: string }
  | { code: 'kernelFit'; place: ArchPlace; kernel: number; h: number; w: number }
  | { code: 'strideWhole'; place: ArchPlace; got: string }
  | { code: 'poolNeedsImage'; place: ArchPlace }
  | { code: 'poolWhole'; place: ArchPlace; got: string }
  | { code: 'poolFit'; place: ArchPlace; size: number; h: number; w: number }
  | { code: 'dropoutRange'; place: ArchPlace; got: string }
  | { code: 'unknownLayer'; place: ArchPlace }
  | { code: 'emptyOutput'; place: ArchPlace; shape: string }
  | { code: 'tooManyParams'; params: number; max: number }
  | { code: 'tooManyFlops'; gflops: string; max: number }
  // The exact-JSON-shape checks of stored or edited architectures (`src/store/configFields.ts`); `got` is a short rendering.
  | { code: 'shapeNotObject' }
  | { code: 'shapeUnknownProperty'; place: ArchPlace; name: string }
  | { code: 'shapeHiddenList' }
  | { code: 'shapeTooManyHidden'; max: number; got: number }
  | { code: 'shapeLayersList' }
  | { code: 'shapeTooManyLayers'; max: number; got: number }
  | { code: 'shapeUnknownKind'; got: string }
  | { code: 'shapeLayerNotObject'; place: ArchPlace }
  | { code: 'shapeUnknownType'; place: ArchPlace; got: string }
  | { code: 'shapeWhole'; place: ArchPlace; field: ArchField; max: number; got: string }
  | { code: 'shapeRate'; place: ArchPlace; field: ArchField; got: string }
  | { code: 'shapeActivation'; place: ArchPlace; got: string }
  | { code: 'shapeBatchNorm'; place: ArchPlace };

/** A count with English thousands separators (1,234,567), as the messages show it in every language. */
export const grouped = (n: number): string => n.toLocaleString('en-US');

/** A key of the architecture-problem text: a problem code, a place or a field name. */
export type ArchTextKey =
  | ArchProblem['code']
  | 'placeMlp'
  | 'placeCnn'
  | 'placeHidden'
  | 'placeLayer'
  | 'placeLayerTyped'
  | 'fieldWidth'
  | 'fieldUnits'
  | 'fieldFilters'
  | 'fieldKernel'
  | 'fieldStride'
  | 'fieldPoolSize'
  | 'fieldDropout'
  | 'fieldDropoutRate';

/**
 * The English text of every architecture problem, place and field, with `{{name}}` placeholders (i18next syntax).
 * Typed as plain strings, so the catalogue's callers pass each code's parameters from `archProblemParams`.
 */
export const ENGLISH_ARCH_TEXT: Readonly<Record<ArchTextKey, string>> = {
  placeMlp: 'MLP',
  placeCnn: 'CNN',
  placeHidden: 'Hidden layer {{n}}',
  placeLayer: 'Layer {{n}}',
  placeLayerTyped: 'Layer {{n}} ({{type}})',
  fieldWidth: 'width',
  fieldUnits: 'units',
  fieldFilters: 'filters',
  fieldKernel: 'kernel size',
  fieldStride: 'stride',
  fieldPoolSize: 'pool size',
  fieldDropout: 'dropout',
  fieldDropoutRate: 'dropout rate',
  inputShape: 'The input shape must be whole numbers ≥ 1 (got [{{shape}}]).',
  classes: 'The number of classes must be a whole number ≥ 2 (got {{got}}).',
  mlpDropout: 'Dropout must be at least 0 and below 1 (got {{got}}).',
  mlpHiddenList: 'An MLP needs a list of hidden widths.',
  mlpTooManyHidden: 'At most {{max}} hidden layers (got {{got}}).',
  cnnLayersList: 'A CNN needs a list of layers.',
  cnnTooManyLayers: 'At most {{max}} layers (got {{got}}).',
  unknownKind: 'Unknown architecture kind "{{kind}}".',
  activation: '{{place}}: unknown activation "{{got}}" (use relu, tanh or gelu).',
  tooManyValues: 'Layer {{layer}} outputs {{shape}} = {{values}} values per example; at most {{max}}.',
  widthWhole: '{{place}}: width must be a whole number ≥ 1 (got {{got}}).',
  widthMax: '{{place}}: width must be ≤ {{max}} (got {{got}}).',
  convNeedsImage: "{{place}}: convolutions need an image input (height × width × channels); this dataset's input is [{{input}}].",
  convAfterFlatten: '{{place}}: a convolution must come before any flatten or dense layer.',
  filtersWhole: '{{place}}: filters must be a whole number ≥ 1 (got {{got}}).',
  filtersMax: '{{place}}: filters must be ≤ {{max}} (got {{got}}).',
  kernelWhole: '{{place}}: kernel size must be a whole number ≥ 1 (got {{got}}).',
  kernelFit: '{{place}}: a {{kernel}}×{{kernel}} kernel does not fit the {{h}}×{{w}} input it gets.',
  strideWhole: '{{place}}: stride must be a whole number ≥ 1 (got {{got}}).',
  poolNeedsImage: '{{place}}: pooling needs an image-shaped input and must come before any flatten or dense layer.',
  poolWhole: '{{place}}: pool size must be a whole number ≥ 1 (got {{got}}).',
  poolFit: '{{place}}: a {{size}}×{{size}} pool does not fit the {{h}}×{{w}} input it gets.',
  dropoutRange: '{{place}}: dropout must be at least 0 and below 1 (got {{got}}).',
  unknownLayer: '{{place}}: unknown layer type.',
  emptyOutput: '{{place}}: the output would be empty ({{shape}}).',
  tooManyParams: '{{params}} parameters is too many for a browser tab; at most {{max}}.',
  tooManyFlops: '{{gflops}} GFLOPs per example is too slow for a browser tab; at most {{max}}.',
  shapeNotObject: 'An architecture must be an object.',
  shapeUnknownProperty: '{{place}}: unknown property "{{name}}".',
  shapeHiddenList: 'MLP: the hidden widths must be a list.',
  shapeTooManyHidden: 'MLP: at most {{max}} hidden layers (got {{got}}).',
  shapeLayersList: 'CNN: the layers must be a list.',
  shapeTooManyLayers: 'CNN: at most {{max}} layers (got {{got}}).',
  shapeUnknownKind: 'Unknown architecture kind {{got}} (use mlp or cnn).',
  shapeLayerNotObject: '{{place}} must be an object.',
  shapeUnknownType: '{{place}}: unknown layer type {{got}} (use conv, maxpool, flatten, dense or dropout).',
  shapeWhole: '{{place}}: {{field}} must be a whole number from 1 to {{max}} (got {{got}}).',
  shapeRate: '{{place}}: {{field}} must be at least 0 and below 1 (got {{got}}).',
  shapeActivation: '{{place}}: unknown activation {{got}} (use relu, tanh or gelu).',
  shapeBatchNorm: '{{place}}: batch norm must be true or false.',
};

/** The text key of each stored-shape setting name. */
export const ARCH_FIELD_KEY = {
  width: 'fieldWidth',
  units: 'fieldUnits',
  filters: 'fieldFilters',
  kernel: 'fieldKernel',
  stride: 'fieldStride',
  poolSize: 'fieldPoolSize',
  dropout: 'fieldDropout',
  dropoutRate: 'fieldDropoutRate',
} as const satisfies Record<ArchField, ArchTextKey>;

/** The parameters an architecture-problem text may name (a closed set: no `count` or `context`, which i18next treats specially). */
export type ArchTextParams = Partial<
  Record<'place' | 'field' | 'got' | 'max' | 'shape' | 'kind' | 'layer' | 'values' | 'input' | 'kernel' | 'h' | 'w' | 'size' | 'params' | 'gflops' | 'name' | 'n' | 'type', string>
>;

/** The text key and parameters of a place ("Hidden layer {{n}}" with n). */
export function placeText(p: ArchPlace): { key: ArchTextKey; params: ArchTextParams } {
  switch (p.kind) {
    case 'mlp':
      return { key: 'placeMlp', params: {} };
    case 'cnn':
      return { key: 'placeCnn', params: {} };
    case 'hidden':
      return { key: 'placeHidden', params: { n: String(p.n) } };
    case 'layer':
      return p.type === undefined ? { key: 'placeLayer', params: { n: String(p.n) } } : { key: 'placeLayerTyped', params: { n: String(p.n), type: p.type } };
  }
}

/** How a caller words the parts of a sentence that are text themselves: a place and a field name. */
export interface ArchWording {
  /** The place, as it starts a sentence. */
  place(p: ArchPlace): string;
  /** A field's name inside a sentence. */
  field(f: ArchField): string;
}

/** The parameters of a problem's text (its key is `e.code`), with places and fields worded by `w`. */
export function archProblemParams(e: ArchProblem, w: ArchWording): ArchTextParams {
  switch (e.code) {
    case 'inputShape':
      return { shape: e.shape };
    case 'classes':
    case 'mlpDropout':
    case 'shapeUnknownKind':
      return { got: e.got };
    case 'mlpHiddenList':
    case 'cnnLayersList':
    case 'shapeNotObject':
    case 'shapeHiddenList':
    case 'shapeLayersList':
      return {};
    case 'mlpTooManyHidden':
    case 'cnnTooManyLayers':
    case 'shapeTooManyHidden':
    case 'shapeTooManyLayers':
      return { max: String(e.max), got: String(e.got) };
    case 'unknownKind':
      return { kind: e.kind };
    case 'tooManyValues':
      return { layer: String(e.layer), shape: e.shape, values: grouped(e.values), max: grouped(e.max) };
    case 'activation':
    case 'widthWhole':
    case 'filtersWhole':
    case 'kernelWhole':
    case 'strideWhole':
    case 'poolWhole':
    case 'dropoutRange':
    case 'shapeUnknownType':
    case 'shapeActivation':
      return { place: w.place(e.place), got: e.got };
    case 'widthMax':
    case 'filtersMax':
      return { place: w.place(e.place), max: String(e.max), got: String(e.got) };
    case 'convNeedsImage':
      return { place: w.place(e.place), input: e.input };
    case 'convAfterFlatten':
    case 'poolNeedsImage':
    case 'unknownLayer':
    case 'shapeLayerNotObject':
    case 'shapeBatchNorm':
      return { place: w.place(e.place) };
    case 'kernelFit':
      return { place: w.place(e.place), kernel: String(e.kernel), h: String(e.h), w: String(e.w) };
    case 'poolFit':
      return { place: w.place(e.place), size: String(e.size), h: String(e.h), w: String(e.w) };
    case 'emptyOutput':
      return { place: w.place(e.place), shape: e.shape };
    case 'tooManyParams':
      return { params: grouped(e.params), max: grouped(e.max) };
    case 'tooManyFlops':
      return { gflops: e.gflops, max: String(e.max) };
    case 'shapeUnknownProperty':
      return { place: w.place(e.place), name: e.name };
    case 'shapeWhole':
      return { place: w.place(e.place), field: w.field(e.field), max: String(e.max), got: e.got };
    case 'shapeRate':
      return { place: w.place(e.place), field: w.field(e.field), got: e.got };
  }
}

/** Fills `{{name}}` placeholders as i18next does without escaping (a missing parameter stays as written). */
function fill(template: string, params: ArchTextParams): string {
  const values: Readonly<Record<string, string | undefined>> = params;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** English name of a place, as it starts a sentence ("MLP", "Hidden layer 2", "Layer 3 (conv)"). */
export function englishPlace(p: ArchPlace): string {
  const { key, params } = placeText(p);
  return fill(ENGLISH_ARCH_TEXT[key], params);
}

/** The English wording of places and fields. */
const ENGLISH_WORDING: ArchWording = { place: englishPlace, field: (f) => ENGLISH_ARCH_TEXT[ARCH_FIELD_KEY[f]] };

/** The English sentence of an architecture problem (the UI's English catalogue holds the same text). */
export function englishArchProblem(e: ArchProblem): string {
  return fill(ENGLISH_ARCH_TEXT[e.code], archProblemParams(e, ENGLISH_WORDING));
}
