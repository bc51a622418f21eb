/*
 * Why an architecture cannot be built, as codes + parameters: the UI words them through the `app`
 * catalogue (English and Chinese); `englishArchProblem` keeps the English sentence for the worker, tests and logs.
 */

/** Where in a spec a problem is: the MLP or CNN as a whole, an MLP hidden layer, or a CNN layer (1-based, with its type as given when known). */
export type ArchPlace = { kind: 'mlp' } | { kind: 'cnn' } | { kind: 'hidden'; n: number } | { kind: 'layer'; n: number; type?: string };

/** The setting a stored-shape check is about (worded by the UI). */
export type ArchField = 'width' | 'units' | 'filters' | 'kernel' | 'stride' | 'poolSize' | 'dropout' | 'dropoutRate';

/** English name of an `ArchField` inside a sentence. */
export const ENGLISH_FIELD: Readonly<Record<ArchField, string>> = {
  width: 'width',
  units: 'units',
  filters: 'filters',
  kernel: 'kernel size',
  stride: 'stride',
  poolSize: 'pool size',
  dropout: 'dropout',
  dropoutRate: 'dropout rate',
};

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

/** English name of a place, as it starts a sentence ("MLP", "Hidden layer 2", "Layer 3 (conv)"). */
export function englishPlace(p: ArchPlace): string {
  switch (p.kind) {
    case 'mlp':
      return 'MLP';
    case 'cnn':
      return 'CNN';
    case 'hidden':
      return `Hidden layer ${p.n}`;
    case 'layer':
      return p.type === undefined ? `Layer ${p.n}` : `Layer ${p.n} (${p.type})`;
  }
}

/** The English sentence of an architecture problem (the wording the UI's English catalogue reproduces). */
export function englishArchProblem(e: ArchProblem): string {
  switch (e.code) {
    case 'inputShape':
      return `The input shape must be whole numbers ≥ 1 (got [${e.shape}]).`;
    case 'classes':
      return `The number of classes must be a whole number ≥ 2 (got ${e.got}).`;
    case 'mlpDropout':
      return `Dropout must be at least 0 and below 1 (got ${e.got}).`;
    case 'mlpHiddenList':
      return 'An MLP needs a list of hidden widths.';
    case 'mlpTooManyHidden':
      return `At most ${e.max} hidden layers (got ${e.got}).`;
    case 'cnnLayersList':
      return 'A CNN needs a list of layers.';
    case 'cnnTooManyLayers':
      return `At most ${e.max} layers (got ${e.got}).`;
    case 'unknownKind':
      return `Unknown architecture kind "${e.kind}".`;
    case 'activation':
      return `${englishPlace(e.place)}: unknown activation "${e.got}" (use relu, tanh or gelu).`;
    case 'tooManyValues':
      return `Layer ${e.layer} outputs ${e.shape} = ${grouped(e.values)} values per example; at most ${grouped(e.max)}.`;
    case 'widthWhole':
      return `${englishPlace(e.place)}: width must be a whole number ≥ 1 (got ${e.got}).`;
    case 'widthMax':
      return `${englishPlace(e.place)}: width must be ≤ ${e.max} (got ${e.got}).`;
    case 'convNeedsImage':
      return `${englishPlace(e.place)}: convolutions need an image input (height × width × channels); this dataset's input is [${e.input}].`;
    case 'convAfterFlatten':
      return `${englishPlace(e.place)}: a convolution must come before any flatten or dense layer.`;
    case 'filtersWhole':
      return `${englishPlace(e.place)}: filters must be a whole number ≥ 1 (got ${e.got}).`;
    case 'filtersMax':
      return `${englishPlace(e.place)}: filters must be ≤ ${e.max} (got ${e.got}).`;
    case 'kernelWhole':
      return `${englishPlace(e.place)}: kernel size must be a whole number ≥ 1 (got ${e.got}).`;
    case 'kernelFit':
      return `${englishPlace(e.place)}: a ${e.kernel}×${e.kernel} kernel does not fit the ${e.h}×${e.w} input it gets.`;
    case 'strideWhole':
      return `${englishPlace(e.place)}: stride must be a whole number ≥ 1 (got ${e.got}).`;
    case 'poolNeedsImage':
      return `${englishPlace(e.place)}: pooling needs an image-shaped input and must come before any flatten or dense layer.`;
    case 'poolWhole':
      return `${englishPlace(e.place)}: pool size must be a whole number ≥ 1 (got ${e.got}).`;
    case 'poolFit':
      return `${englishPlace(e.place)}: a ${e.size}×${e.size} pool does not fit the ${e.h}×${e.w} input it gets.`;
    case 'dropoutRange':
      return `${englishPlace(e.place)}: dropout must be at least 0 and below 1 (got ${e.got}).`;
    case 'unknownLayer':
      return `${englishPlace(e.place)}: unknown layer type.`;
    case 'emptyOutput':
      return `${englishPlace(e.place)}: the output would be empty (${e.shape}).`;
    case 'tooManyParams':
      return `${grouped(e.params)} parameters is too many for a browser tab; at most ${grouped(e.max)}.`;
    case 'tooManyFlops':
      return `${e.gflops} GFLOPs per example is too slow for a browser tab; at most ${e.max}.`;
    case 'shapeNotObject':
      return 'An architecture must be an object.';
    case 'shapeUnknownProperty':
      return `${englishPlace(e.place)}: unknown property "${e.name}".`;
    case 'shapeHiddenList':
      return 'MLP: the hidden widths must be a list.';
    case 'shapeTooManyHidden':
      return `MLP: at most ${e.max} hidden layers (got ${e.got}).`;
    case 'shapeLayersList':
      return 'CNN: the layers must be a list.';
    case 'shapeTooManyLayers':
      return `CNN: at most ${e.max} layers (got ${e.got}).`;
    case 'shapeUnknownKind':
      return `Unknown architecture kind ${e.got} (use mlp or cnn).`;
    case 'shapeLayerNotObject':
      return `${englishPlace(e.place)} must be an object.`;
    case 'shapeUnknownType':
      return `${englishPlace(e.place)}: unknown layer type ${e.got} (use conv, maxpool, flatten, dense or dropout).`;
    case 'shapeWhole':
      return `${englishPlace(e.place)}: ${ENGLISH_FIELD[e.field]} must be a whole number from 1 to ${e.max} (got ${e.got}).`;
    case 'shapeRate':
      return `${englishPlace(e.place)}: ${ENGLISH_FIELD[e.field]} must be at least 0 and below 1 (got ${e.got}).`;
    case 'shapeActivation':
      return `${englishPlace(e.place)}: unknown activation ${e.got} (use relu, tanh or gelu).`;
    case 'shapeBatchNorm':
      return `${englishPlace(e.place)}: batch norm must be true or false.`;
  }
}
