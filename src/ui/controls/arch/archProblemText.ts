import type { TFunction } from 'i18next';
import { grouped, type ArchField, type ArchPlace, type ArchProblem } from '../../../engine/models/archProblems';

/** Catalogue key of each stored-shape setting name. */
const FIELD_KEY = {
  width: 'archProblem.fieldWidth',
  units: 'archProblem.fieldUnits',
  filters: 'archProblem.fieldFilters',
  kernel: 'archProblem.fieldKernel',
  stride: 'archProblem.fieldStride',
  poolSize: 'archProblem.fieldPoolSize',
  dropout: 'archProblem.fieldDropout',
  dropoutRate: 'archProblem.fieldDropoutRate',
} as const satisfies Record<ArchField, string>;

/** Where in an architecture a problem is, in the language of `t` ("Layer 3 (conv)", 第 3 层（conv）…). */
export function describePlace(place: ArchPlace, t: TFunction<'app'>): string {
  switch (place.kind) {
    case 'mlp':
      return t('archProblem.placeMlp');
    case 'cnn':
      return t('archProblem.placeCnn');
    case 'hidden':
      return t('archProblem.placeHidden', { n: String(place.n) });
    case 'layer':
      return place.type === undefined
        ? t('archProblem.placeLayer', { n: String(place.n) })
        : t('archProblem.placeLayerTyped', { n: String(place.n), type: place.type });
  }
}

/** Why an architecture cannot be built, as one sentence in the language of `t` (the English equals the engine's message). */
export function describeArchProblem(e: ArchProblem, t: TFunction<'app'>): string {
  const at = (p: ArchPlace) => describePlace(p, t);
  switch (e.code) {
    case 'inputShape':
      return t('archProblem.inputShape', { shape: e.shape });
    case 'classes':
      return t('archProblem.classes', { got: e.got });
    case 'mlpDropout':
      return t('archProblem.mlpDropout', { got: e.got });
    case 'mlpHiddenList':
      return t('archProblem.mlpHiddenList');
    case 'mlpTooManyHidden':
      return t('archProblem.mlpTooManyHidden', { max: String(e.max), got: String(e.got) });
    case 'cnnLayersList':
      return t('archProblem.cnnLayersList');
    case 'cnnTooManyLayers':
      return t('archProblem.cnnTooManyLayers', { max: String(e.max), got: String(e.got) });
    case 'unknownKind':
      return t('archProblem.unknownKind', { kind: e.kind });
    case 'activation':
      return t('archProblem.activation', { place: at(e.place), got: e.got });
    case 'tooManyValues':
      return t('archProblem.tooManyValues', { layer: String(e.layer), shape: e.shape, values: grouped(e.values), max: grouped(e.max) });
    case 'widthWhole':
      return t('archProblem.widthWhole', { place: at(e.place), got: e.got });
    case 'widthMax':
      return t('archProblem.widthMax', { place: at(e.place), max: String(e.max), got: String(e.got) });
    case 'convNeedsImage':
      return t('archProblem.convNeedsImage', { place: at(e.place), input: e.input });
    case 'convAfterFlatten':
      return t('archProblem.convAfterFlatten', { place: at(e.place) });
    case 'filtersWhole':
      return t('archProblem.filtersWhole', { place: at(e.place), got: e.got });
    case 'filtersMax':
      return t('archProblem.filtersMax', { place: at(e.place), max: String(e.max), got: String(e.got) });
    case 'kernelWhole':
      return t('archProblem.kernelWhole', { place: at(e.place), got: e.got });
    case 'kernelFit':
      return t('archProblem.kernelFit', { place: at(e.place), kernel: String(e.kernel), h: String(e.h), w: String(e.w) });
    case 'strideWhole':
      return t('archProblem.strideWhole', { place: at(e.place), got: e.got });
    case 'poolNeedsImage':
      return t('archProblem.poolNeedsImage', { place: at(e.place) });
    case 'poolWhole':
      return t('archProblem.poolWhole', { place: at(e.place), got: e.got });
    case 'poolFit':
      return t('archProblem.poolFit', { place: at(e.place), size: String(e.size), h: String(e.h), w: String(e.w) });
    case 'dropoutRange':
      return t('archProblem.dropoutRange', { place: at(e.place), got: e.got });
    case 'unknownLayer':
      return t('archProblem.unknownLayer', { place: at(e.place) });
    case 'emptyOutput':
      return t('archProblem.emptyOutput', { place: at(e.place), shape: e.shape });
    case 'tooManyParams':
      return t('archProblem.tooManyParams', { params: grouped(e.params), max: grouped(e.max) });
    case 'tooManyFlops':
      return t('archProblem.tooManyFlops', { gflops: e.gflops, max: String(e.max) });
    case 'shapeNotObject':
      return t('archProblem.shapeNotObject');
    case 'shapeUnknownProperty':
      return t('archProblem.shapeUnknownProperty', { place: at(e.place), name: e.name });
    case 'shapeHiddenList':
      return t('archProblem.shapeHiddenList');
    case 'shapeTooManyHidden':
      return t('archProblem.shapeTooManyHidden', { max: String(e.max), got: String(e.got) });
    case 'shapeLayersList':
      return t('archProblem.shapeLayersList');
    case 'shapeTooManyLayers':
      return t('archProblem.shapeTooManyLayers', { max: String(e.max), got: String(e.got) });
    case 'shapeUnknownKind':
      return t('archProblem.shapeUnknownKind', { got: e.got });
    case 'shapeLayerNotObject':
      return t('archProblem.shapeLayerNotObject', { place: at(e.place) });
    case 'shapeUnknownType':
      return t('archProblem.shapeUnknownType', { place: at(e.place), got: e.got });
    case 'shapeWhole':
      return t('archProblem.shapeWhole', { place: at(e.place), field: t(FIELD_KEY[e.field]), max: String(e.max), got: e.got });
    case 'shapeRate':
      return t('archProblem.shapeRate', { place: at(e.place), field: t(FIELD_KEY[e.field]), got: e.got });
    case 'shapeActivation':
      return t('archProblem.shapeActivation', { place: at(e.place), got: e.got });
    case 'shapeBatchNorm':
      return t('archProblem.shapeBatchNorm', { place: at(e.place) });
  }
}
