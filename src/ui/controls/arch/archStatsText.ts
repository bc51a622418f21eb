import { describeArch, flopsPerExample, paramCount, sizeKB, validateArch, type ArchSpec } from '../../../engine/models/spec';
import { planArch, type PlannedLayer } from '../../../engine/models/plan';
import { i18n } from '../../i18n';
import { rowCount } from './rows';

/** Size, parameter and FLOP figures of one buildable architecture on a dataset. */
export interface ArchStats {
  text: string;
  params: number;
  kb: number;
  flops: number;
}

/** Output shape and parameters of one editor row (or of the output layer). */
export interface RowShape {
  shape: number[];
  params: number;
}

/** Per-row shapes of a spec being edited; rows after the first one that breaks have none. */
export interface RowAnalysis {
  /** One entry per editable row (null once the spec breaks). */
  rows: (RowShape | null)[];
  /** The automatically appended output layer, or null when the spec cannot be built. */
  output: RowShape | null;
  /** Index of the row where the spec stops being buildable, or null when no single row is to blame. */
  failedRow: number | null;
}

/** Compact count, e.g. 4,547 or 1.2 M. */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  return n.toLocaleString('en-US');
}

/** Figures of an architecture on the current dataset, or null when it cannot be built. */
export function statsOf(spec: ArchSpec, inputShape: readonly number[], classes: number): ArchStats | null {
  if (validateArch(spec, inputShape, classes)) return null;
  return {
    text: describeArch(spec, inputShape, classes),
    params: paramCount(spec, inputShape, classes),
    kb: sizeKB(spec, inputShape, classes),
    flops: flopsPerExample(spec, inputShape, classes),
  };
}

/** One line of figures, e.g. `MLP 2→8→3 · 51 parameters · 0.2 KB · 80 FLOPs/example`. */
export function statsText(s: ArchStats): string {
  return i18n.t('app:models.stats', { text: s.text, params: compact(s.params), kb: s.kb.toFixed(1), flops: compact(s.flops) });
}

/** The first `n` rows of a spec. */
function prefix(spec: ArchSpec, n: number): ArchSpec {
  return spec.kind === 'mlp' ? { ...spec, hidden: spec.hidden.slice(0, n) } : { ...spec, layers: spec.layers.slice(0, n) };
}

/** Planned layers that correspond to editor rows: an MLP's dense layers, a CNN's layers without auto-inserted flattens. */
function rowLayers(spec: ArchSpec, layers: readonly PlannedLayer[]): PlannedLayer[] {
  return spec.kind === 'mlp' ? layers.filter((l) => l.op === 'dense') : layers.filter((l) => !(l.op === 'flatten' && l.auto));
}

/** Output shape and parameters of every row and of the output layer, for display next to the rows. */
export function analyseRows(spec: ArchSpec, inputShape: readonly number[], numClasses: number): RowAnalysis {
  const n = rowCount(spec);
  const full = planArch(spec, inputShape, numClasses);
  const last = full.ok ? full.layers.at(-1) : undefined;
  const output = last ? { shape: last.outShape, params: last.params } : null;
  // The longest prefix that can be built (hidden layers only) gives the shapes up to the row that breaks.
  for (let k = n; k >= 0; k--) {
    const plan = planArch(prefix(spec, k), inputShape, null);
    if (!plan.ok) continue;
    const planned = rowLayers(spec, plan.layers);
    const rows = Array.from({ length: n }, (_, i) => {
      const l = planned[i];
      return i < k && l ? { shape: l.outShape, params: l.params } : null;
    });
    return { rows, output, failedRow: k < n ? k : null };
  }
  return { rows: Array.from({ length: n }, () => null), output, failedRow: null };
}

/** A shape as text, e.g. `26×26×32`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}
