import type { Activation, ArchSpec, CnnLayer } from '../engine/models/spec';

/** One-letter codes of the activations in a compact architecture string. */
const ACT_CODE: Record<Activation, string> = { relu: 'r', tanh: 't', gelu: 'g' };
const CODE_ACT: Record<string, Activation> = { r: 'relu', t: 'tanh', g: 'gelu' };

/** Renders one CNN layer compactly: `c32k3s1r[b]`, `p2`, `f`, `d128r`, `o0.5`. */
function layerCode(l: CnnLayer): string {
  switch (l.type) {
    case 'conv':
      return `c${l.filters}k${l.kernel}s${l.stride}${ACT_CODE[l.activation]}${l.batchNorm ? 'b' : ''}`;
    case 'maxpool':
      return `p${l.size}`;
    case 'flatten':
      return 'f';
    case 'dense':
      return `d${l.units}${ACT_CODE[l.activation]}`;
    case 'dropout':
      return `o${l.rate}`;
  }
}

/**
 * A URL-safe, compact text for an architecture: `mlp.tanh.64-64[.d0.5]` (activation, widths, optional dropout) or
 * `cnn.c32k3s1r-p2-c64k3s1r-p2-f-d128r-o0.5` (layers joined by `-`). Only unreserved URL characters are used.
 */
export function encodeArch(spec: ArchSpec): string {
  if (spec.kind === 'mlp') return `mlp.${spec.activation}.${spec.hidden.join('-')}${spec.dropout ? `.d${spec.dropout}` : ''}`;
  return `cnn.${spec.layers.map(layerCode).join('-')}`;
}

const INT = '(\\d{1,9})';
const RATE = '(\\d*\\.?\\d+(?:e-\\d+)?)';
const ACT = '([rtg])';

/** Parses one compact CNN layer, or null when the text is not one. */
function parseLayer(code: string): CnnLayer | null {
  let m = new RegExp(`^c${INT}k${INT}s${INT}${ACT}(b?)$`).exec(code);
  if (m) {
    const conv: CnnLayer = { type: 'conv', filters: Number(m[1]), kernel: Number(m[2]), stride: Number(m[3]), activation: CODE_ACT[m[4]!]! };
    return m[5] ? { ...conv, batchNorm: true } : conv;
  }
  if ((m = new RegExp(`^p${INT}$`).exec(code))) return { type: 'maxpool', size: Number(m[1]) };
  if (code === 'f') return { type: 'flatten' };
  if ((m = new RegExp(`^d${INT}${ACT}$`).exec(code))) return { type: 'dense', units: Number(m[1]), activation: CODE_ACT[m[2]!]! };
  if ((m = new RegExp(`^o${RATE}$`).exec(code))) return { type: 'dropout', rate: Number(m[1]) };
  return null;
}

/**
 * Parses `encodeArch`'s text back into a spec, or null when it is malformed. The result is only
 * well-formed: bounds (widths, rates, layer counts) are checked by the config table afterwards.
 */
export function decodeArch(text: string): ArchSpec | null {
  const mlp = new RegExp(`^mlp\\.(relu|tanh|gelu)\\.((?:\\d{1,9}(?:-\\d{1,9})*)?)(?:\\.d${RATE})?$`).exec(text);
  if (mlp) {
    const hidden = mlp[2] === '' ? [] : mlp[2]!.split('-').map(Number);
    const base: ArchSpec = { kind: 'mlp', hidden, activation: mlp[1] as Activation };
    return mlp[3] === undefined ? base : { ...base, dropout: Number(mlp[3]) };
  }
  if (text.startsWith('cnn.')) {
    const body = text.slice(4);
    if (body === '') return { kind: 'cnn', layers: [] };
    const layers = body.split('-').map(parseLayer);
    return layers.every((l): l is CnnLayer => l !== null) ? { kind: 'cnn', layers } : null;
  }
  return null;
}
