import { PHASES, type Phase } from './types';
import { crc32 } from './crc32';
import { isPlainObject, tryParseJson } from '../json';

/** One named float32 tensor of a checkpoint. */
export interface CheckpointTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Everything needed to resume a phase: position, model weights, optimiser slots and metrics so far. */
export interface Checkpoint {
  phase: Phase;
  epoch: number;
  step: number;
  optimizerStep: number;
  weights: CheckpointTensor[];
  optimizerState?: CheckpointTensor[];
  /** Any JSON-serialisable value (NaN and undefined do not survive JSON). */
  metrics: unknown;
}

/** A checkpoint that cannot be decoded (or encoded), with a user-facing reason. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

const MAGIC = 0x4b435344; // "DSCK" read as a little-endian u32
const VERSION = 1;
/** magic, version, header length, header CRC, float count, payload CRC: six little-endian u32. */
const PREFIX_BYTES = 24;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface TensorHeader {
  name: string;
  shape: number[];
}

interface Header {
  phase: Phase;
  epoch: number;
  step: number;
  optimizerStep: number;
  weights: TensorHeader[];
  optimizerState: TensorHeader[] | null;
  metrics: unknown;
}

/** Serialises a checkpoint: a 24-byte prefix, a JSON header (padded to 4 bytes) and a float32 payload, with CRCs. */
export function encodeCheckpoint(c: Checkpoint): ArrayBuffer {
  if (!PHASES.includes(c.phase)) throw new CheckpointError(`Unknown phase "${String(c.phase)}".`);
  for (const [key, v] of [['epoch', c.epoch], ['step', c.step], ['optimizerStep', c.optimizerStep]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new CheckpointError(`${key} must be a whole number ≥ 0 (got ${v}).`);
  }
  const tensors = [...c.weights, ...(c.optimizerState ?? [])];
  for (const t of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0) || size !== t.values.length) {
      throw new CheckpointError(`Tensor "${t.name}" has shape [${t.shape.join(', ')}] but ${t.values.length} values.`);
    }
  }
  const strip = (list: CheckpointTensor[]): TensorHeader[] => list.map(({ name, shape }) => ({ name, shape: [...shape] }));
  const header: Header = {
    phase: c.phase,
    epoch: c.epoch,
    step: c.step,
    optimizerStep: c.optimizerStep,
    weights: strip(c.weights),
    optimizerState: c.optimizerState ? strip(c.optimizerState) : null,
    metrics: c.metrics === undefined ? null : c.metrics,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerPadded = Math.ceil(headerBytes.length / 4) * 4;
  const floats = tensors.reduce((n, t) => n + t.values.length, 0);
  const buffer = new ArrayBuffer(PREFIX_BYTES + headerPadded + floats * 4);
  const bytes = new Uint8Array(buffer);
  bytes.set(headerBytes, PREFIX_BYTES);
  const payloadOffset = PREFIX_BYTES + headerPadded;
  const view = new DataView(buffer);
  let at = payloadOffset;
  for (const t of tensors) {
    if (LITTLE_ENDIAN) new Float32Array(buffer, at, t.values.length).set(t.values);
    else t.values.forEach((v, i) => view.setFloat32(at + 4 * i, v, true));
    at += 4 * t.values.length;
  }
  const words = [MAGIC, VERSION, headerBytes.length, crc32(headerBytes), floats, crc32(bytes.subarray(payloadOffset))];
  words.forEach((w, i) => view.setUint32(4 * i, w, true));
  return buffer;
}

/** Reads a checkpoint written by `encodeCheckpoint`; throws `CheckpointError` on truncated or corrupt input. */
export function decodeCheckpoint(buffer: ArrayBuffer): Checkpoint {
  if (buffer.byteLength < PREFIX_BYTES) {
    throw new CheckpointError(`The checkpoint is truncated: ${buffer.byteLength} bytes, fewer than the ${PREFIX_BYTES}-byte prefix.`);
  }
  const view = new DataView(buffer);
  const word = (i: number): number => view.getUint32(4 * i, true);
  if (word(0) !== MAGIC) throw new CheckpointError('This is not a Distill Studio checkpoint (wrong magic bytes).');
  if (word(1) !== VERSION) throw new CheckpointError(`Unsupported checkpoint version ${word(1)} (this studio reads version ${VERSION}).`);
  const headerLength = word(2);
  const floats = word(4);
  const payloadOffset = PREFIX_BYTES + Math.ceil(headerLength / 4) * 4;
  const expected = payloadOffset + floats * 4;
  if (buffer.byteLength !== expected) {
    const how = buffer.byteLength < expected ? 'truncated' : 'too long';
    throw new CheckpointError(`The checkpoint is ${how}: ${buffer.byteLength} bytes, expected ${expected}.`);
  }
  const bytes = new Uint8Array(buffer);
  const headerBytes = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength);
  if (crc32(headerBytes) !== word(3)) throw new CheckpointError('The checkpoint header is corrupt (checksum mismatch).');
  if (crc32(bytes.subarray(payloadOffset)) !== word(5)) throw new CheckpointError('The checkpoint weights are corrupt (checksum mismatch).');
  const header = parseHeader(new TextDecoder().decode(headerBytes));
  const all = [...header.weights, ...(header.optimizerState ?? [])];
  const total = all.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  if (total !== floats) throw new CheckpointError(`The checkpoint header lists ${total} values but the payload holds ${floats}.`);
  let at = payloadOffset;
  const read = (t: TensorHeader): CheckpointTensor => {
    const n = t.shape.reduce((a, b) => a * b, 1);
    let values: Float32Array;
    if (LITTLE_ENDIAN) values = new Float32Array(buffer.slice(at, at + 4 * n));
    else {
      values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = view.getFloat32(at + 4 * i, true);
    }
    at += 4 * n;
    return { name: t.name, shape: t.shape, values };
  };
  const weights = header.weights.map(read);
  const result: Checkpoint = {
    phase: header.phase,
    epoch: header.epoch,
    step: header.step,
    optimizerStep: header.optimizerStep,
    weights,
    metrics: header.metrics,
  };
  if (header.optimizerState) result.optimizerState = header.optimizerState.map(read);
  return result;
}

function parseHeader(text: string): Header {
  const parsed = tryParseJson(text);
  const bad = (why: string): CheckpointError => new CheckpointError(`The checkpoint header is invalid: ${why}.`);
  if (!parsed || !isPlainObject(parsed.value)) throw bad('not a JSON object');
  const h = parsed.value;
  if (typeof h.phase !== 'string' || !(PHASES as readonly string[]).includes(h.phase)) throw bad(`unknown phase ${JSON.stringify(h.phase)}`);
  for (const key of ['epoch', 'step', 'optimizerStep']) {
    const v = h[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw bad(`${key} is not a whole number ≥ 0`);
  }
  const tensors = (v: unknown, what: string): TensorHeader[] => {
    if (!Array.isArray(v)) throw bad(`${what} is not a list`);
    return v.map((t: unknown) => {
      if (!isPlainObject(t) || typeof t.name !== 'string' || !Array.isArray(t.shape)) throw bad(`a ${what} entry has no name or shape`);
      const shape = t.shape as unknown[];
      if (!shape.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0)) throw bad(`"${t.name}" has a bad shape`);
      return { name: t.name, shape };
    });
  };
  return {
    phase: h.phase as Phase,
    epoch: h.epoch as number,
    step: h.step as number,
    optimizerStep: h.optimizerStep as number,
    weights: tensors(h.weights, 'weights'),
    optimizerState: h.optimizerState === null || h.optimizerState === undefined ? null : tensors(h.optimizerState, 'optimizerState'),
    metrics: h.metrics,
  };
}
