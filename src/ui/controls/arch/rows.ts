import { MAX_CNN_LAYERS, MAX_MLP_HIDDEN } from '../../../engine/models/plan';
import type { Activation, ArchSpec, CnnLayer } from '../../../engine/models/spec';

/** The two models the editor works on. */
export type ModelRole = 'teacher' | 'student';

/** A CNN layer's type name. */
export type CnnLayerType = CnnLayer['type'];

/** Layer types offered in a CNN row's type menu. */
export const CNN_LAYER_TYPES: readonly { value: CnnLayerType; label: string }[] = [
  { value: 'conv', label: 'conv' },
  { value: 'maxpool', label: 'max-pool' },
  { value: 'flatten', label: 'flatten' },
  { value: 'dense', label: 'dense' },
  { value: 'dropout', label: 'dropout' },
];

/** Activations offered in the editor. */
export const ACTIVATIONS: readonly { value: Activation; label: string }[] = [
  { value: 'relu', label: 'relu' },
  { value: 'tanh', label: 'tanh' },
  { value: 'gelu', label: 'gelu' },
];

/** A fresh layer of a type, keeping the activation of the layer it replaces when it had one. */
export function defaultLayer(type: CnnLayerType, previous?: CnnLayer): CnnLayer {
  const activation: Activation = previous && 'activation' in previous ? previous.activation : 'relu';
  switch (type) {
    case 'conv':
      return { type: 'conv', filters: 16, kernel: 3, stride: 1, activation };
    case 'maxpool':
      return { type: 'maxpool', size: 2 };
    case 'flatten':
      return { type: 'flatten' };
    case 'dense':
      return { type: 'dense', units: 64, activation };
    case 'dropout':
      return { type: 'dropout', rate: 0.25 };
  }
}

/** Number of editable rows: hidden widths of an MLP, layers of a CNN. */
export function rowCount(spec: ArchSpec): number {
  return spec.kind === 'mlp' ? spec.hidden.length : spec.layers.length;
}

/** Most rows a spec of this kind may have. */
export function maxRows(spec: ArchSpec): number {
  return spec.kind === 'mlp' ? MAX_MLP_HIDDEN : MAX_CNN_LAYERS;
}

/** A copy of `list` with item `i` swapped with its neighbour `i + delta` (unchanged at the ends). */
export function moveItem<T>(list: readonly T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  const out = [...list];
  if (i < 0 || j < 0 || i >= list.length || j >= list.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A copy of `list` without item `i`. */
export function removeItem<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}

/** A copy of `list` with item `i` replaced. */
export function replaceItem<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, k) => (k === i ? item : x));
}

/** Applies a list edit to the rows of a spec (hidden widths or layers). */
export function editRows(spec: ArchSpec, edit: <T>(rows: readonly T[]) => T[]): ArchSpec {
  return spec.kind === 'mlp' ? { ...spec, hidden: edit(spec.hidden) } : { ...spec, layers: edit(spec.layers) };
}

/** Appends a row: an MLP repeats its last width (16 when empty), a CNN gets a dense 64 layer. */
export function addRow(spec: ArchSpec): ArchSpec {
  if (spec.kind === 'mlp') return { ...spec, hidden: [...spec.hidden, spec.hidden.at(-1) ?? 16] };
  return { ...spec, layers: [...spec.layers, defaultLayer('dense', [...spec.layers].reverse().find((l) => 'activation' in l))] };
}

/** The same network as the other kind: MLP widths become dense (+ dropout) layers, and a CNN keeps its dense layers. */
export function convertKind(spec: ArchSpec, kind: ArchSpec['kind']): ArchSpec {
  if (spec.kind === kind) return spec;
  if (spec.kind === 'mlp') {
    const rate = spec.dropout ?? 0;
    const layers = spec.hidden.flatMap((units): CnnLayer[] => {
      const dense: CnnLayer = { type: 'dense', units, activation: spec.activation };
      return rate > 0 ? [dense, { type: 'dropout', rate }] : [dense];
    });
    return { kind: 'cnn', layers };
  }
  const dense = spec.layers.filter((l): l is Extract<CnnLayer, { type: 'dense' }> => l.type === 'dense');
  const dropout = spec.layers.find((l): l is Extract<CnnLayer, { type: 'dropout' }> => l.type === 'dropout');
  const mlp: ArchSpec = { kind: 'mlp', hidden: dense.map((l) => l.units).slice(0, MAX_MLP_HIDDEN), activation: dense[0]?.activation ?? 'relu' };
  return dropout ? { ...mlp, dropout: dropout.rate } : mlp;
}
