/*
 * "Export the prepared dataset": the examples a run trained and tested on, exactly as the studio holds them (decoded,
 * resized pixels), with its split, as one compact file the exported PyTorch script reads with `--data FILE`.
 *
 * Layout (all integers little-endian):
 *   bytes 0–3    "DSPD"
 *   bytes 4–7    u32 format version (1)
 *   bytes 8–11   u32 H: byte length of the JSON header (UTF-8, padded with spaces to a multiple of 4)
 *   bytes 12–15  u32 CRC-32 (IEEE, as zip and PNG; Python's zlib.crc32) of every byte from 16 to the end
 *   bytes 16…    the JSON header (`PreparedHeader`), then the sections it lists, each at a multiple of 4
 * Sections: `x` (every example, the training split then the test split, each `inputShape` channels-last, as `uint8`
 * when every value is a byte / 255, else `float32`), `y` (int32 labels), and int32 row numbers into `x`, in the order
 * the studio uses them: `train` (the teacher's rows, after the validation hold-out), `validation`, `test`, `transfer`
 * (the students' rows).
 */
import { deriveSeed } from '../rng';
import { stratifiedSubset } from '../data/subset';
import { holdOutValidation } from '../data/validation';
import { featureSize, type Dataset, type FeatureScaling, type Split } from '../data/types';
import { crc32 } from '../train/crc32';
import type { ExperimentConfig } from '../train/types';

/** The file's first four bytes. */
export const PREPARED_MAGIC = 'DSPD';
/** The layout version this studio writes and reads. */
export const PREPARED_VERSION = 1;
/** Download name of the prepared dataset. */
export const PREPARED_FILE = 'prepared_dataset.dspd';

/** Names of the sections, in file order. */
export const PREPARED_SECTIONS = ['x', 'y', 'train', 'validation', 'test', 'transfer'] as const;
/** One section's name. */
export type PreparedSectionName = (typeof PREPARED_SECTIONS)[number];

/** Where one section lies: its element type, shape, and byte offset and length from the start of the file. */
export interface PreparedSection {
  name: PreparedSectionName;
  dtype: 'uint8' | 'float32' | 'int32';
  shape: number[];
  offset: number;
  bytes: number;
}

/** The JSON header: what the data is and how the run split it. */
export interface PreparedHeader {
  format: 'distill-studio-prepared-dataset';
  version: number;
  /** The data's name (the folder, the file, or the built-in set's name). */
  name: string;
  /** The built-in dataset's id, or the upload's kind. */
  dataset: string;
  /** `imageFolder` (the user's pictures), `upload` (another upload), `builtin` (a shipped or generated set). */
  source: 'imageFolder' | 'upload' | 'builtin';
  inputShape: number[];
  classNames: string[];
  /** `uint8`: each model input is byte / 255 (float32); `float32`: each input is stored as is. */
  pixels: 'uint8' | 'float32';
  /** For pictures: the square side and how they were made square. */
  image: { size: number; fit: string } | null;
  /** The run's seed, from which the validation hold-out and the transfer set were drawn. */
  seed: number;
  validationFraction: number;
  transferSize: number;
  excludeClasses: number[];
  /** The standardisation already applied to `x` (tables), for the record. */
  featureScaling?: FeatureScaling;
  counts: { examples: number; train: number; validation: number; test: number; transfer: number };
  sections: PreparedSection[];
}

/** A prepared-dataset file read back: its header and typed views of every section. */
export interface PreparedDataset {
  header: PreparedHeader;
  /** The model inputs of every example (byte / 255 for `uint8` files), `examples × featureSize`. */
  x: Float32Array;
  /** The stored bytes of `x` when it is `uint8`, else null. */
  xBytes: Uint8Array | null;
  y: Int32Array;
  rows: Record<'train' | 'validation' | 'test' | 'transfer', Int32Array>;
}

/** Why a file is not a readable prepared dataset. */
export class PreparedDatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreparedDatasetError';
  }
}

/** The bytes of a split's values when every one is exactly byte / 255 (as decoded pictures are), else null. */
export function asPixelBytes(x: Float32Array): Uint8Array | null {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const b = Math.round(v * 255);
    if (!(b >= 0 && b <= 255) || Math.fround(b / 255) !== v) return null;
    out[i] = b;
  }
  return out;
}

/** Row numbers of a split drawn the studio's way: a split whose single feature is the row number. */
function rowsOf(split: Split): Int32Array {
  return Int32Array.from(split.x, (v) => v);
}

/**
 * The rows a run uses, as the engine draws them (`prepareData`): the teacher's training rows after the seeded
 * validation hold-out, the validation rows and the students' transfer rows, as row numbers into the training split.
 */
export function studioRows(cfg: Pick<ExperimentConfig, 'seed' | 'validationFraction' | 'transferSize' | 'excludeClasses'>, trainY: Int32Array): { train: Int32Array; validation: Int32Array; transfer: Int32Array } {
  const index: Split = { x: Float32Array.from(trainY, (_, i) => i), y: trainY, count: trainY.length };
  const held = holdOutValidation(index, 1, cfg.validationFraction ?? 0, deriveSeed(cfg.seed, 'validation'));
  const subset = cfg.transferSize > 0 || cfg.excludeClasses.length > 0;
  const transfer = subset
    ? stratifiedSubset(held.train, 1, cfg.transferSize > 0 ? cfg.transferSize : held.train.count, deriveSeed(cfg.seed, 'transfer'), { excludeClasses: cfg.excludeClasses })
    : held.train;
  return { train: rowsOf(held.train), validation: held.validation ? rowsOf(held.validation) : new Int32Array(0), transfer: rowsOf(transfer) };
}

const align4 = (n: number) => (n + 3) & ~3;

/** Builds the prepared-dataset file of a run's data and settings (pure: the same data and settings give the same bytes). */
export function buildPreparedDataset(data: Dataset, cfg: ExperimentConfig): Uint8Array {
  const len = featureSize(data.inputShape);
  const n = data.train.count + data.test.count;
  if (n >= 2 ** 31) throw new PreparedDatasetError('Too many examples for one prepared-dataset file.');
  const xAll = new Float32Array(n * len);
  xAll.set(data.train.x.subarray(0, data.train.count * len));
  xAll.set(data.test.x.subarray(0, data.test.count * len), data.train.count * len);
  const yAll = new Int32Array(n);
  yAll.set(data.train.y.subarray(0, data.train.count));
  yAll.set(data.test.y.subarray(0, data.test.count), data.train.count);
  const bytes = asPixelBytes(xAll);
  const rows = studioRows(cfg, data.train.y.subarray(0, data.train.count));
  const test = Int32Array.from({ length: data.test.count }, (_, i) => data.train.count + i);
  const payloads: { name: PreparedSectionName; dtype: PreparedSection['dtype']; shape: number[]; data: Uint8Array }[] = [
    bytes ? { name: 'x', dtype: 'uint8', shape: [n, ...data.inputShape], data: bytes } : { name: 'x', dtype: 'float32', shape: [n, ...data.inputShape], data: leBytes(xAll) },
    { name: 'y', dtype: 'int32', shape: [n], data: leBytes(yAll) },
    { name: 'train', dtype: 'int32', shape: [rows.train.length], data: leBytes(rows.train) },
    { name: 'validation', dtype: 'int32', shape: [rows.validation.length], data: leBytes(rows.validation) },
    { name: 'test', dtype: 'int32', shape: [test.length], data: leBytes(test) },
    { name: 'transfer', dtype: 'int32', shape: [rows.transfer.length], data: leBytes(rows.transfer) },
  ];
  const user = cfg.userData;
  const header: Omit<PreparedHeader, 'sections'> = {
    format: 'distill-studio-prepared-dataset',
    version: PREPARED_VERSION,
    name: user?.name ?? data.name,
    dataset: user ? (user.imageFolder ? 'imageFolder' : user.csv ? 'csv' : 'upload') : cfg.dataset,
    source: user ? (user.imageFolder ? 'imageFolder' : 'upload') : 'builtin',
    inputShape: [...data.inputShape],
    classNames: [...data.classNames],
    pixels: bytes ? 'uint8' : 'float32',
    image: user?.imageFolder ? { size: user.imageFolder.size, fit: user.imageFolder.fit } : null,
    seed: cfg.seed,
    validationFraction: cfg.validationFraction ?? 0,
    transferSize: cfg.transferSize,
    excludeClasses: [...cfg.excludeClasses],
    ...(data.featureScaling ? { featureScaling: data.featureScaling } : {}),
    counts: { examples: n, train: rows.train.length, validation: rows.validation.length, test: test.length, transfer: rows.transfer.length },
  };
  // The header holds the sections' offsets, which depend on its own length: lay it out until the length settles.
  let headerLength = 0;
  let json = '';
  for (;;) {
    let at = 16 + headerLength;
    const sections = payloads.map((p) => {
      const s: PreparedSection = { name: p.name, dtype: p.dtype, shape: p.shape, offset: at, bytes: p.data.byteLength };
      at = align4(at + p.data.byteLength);
      return s;
    });
    json = JSON.stringify({ ...header, sections });
    const needed = align4(new TextEncoder().encode(json).length);
    if (needed <= headerLength) break;
    headerLength = needed;
  }
  const headerBytes = new TextEncoder().encode(json);
  const sections = (JSON.parse(json) as PreparedHeader).sections;
  const last = sections[sections.length - 1]!;
  const out = new Uint8Array(align4(last.offset + last.bytes));
  out.set([...PREPARED_MAGIC].map((c) => c.charCodeAt(0)));
  out.fill(0x20, 16, 16 + headerLength);
  out.set(headerBytes, 16);
  payloads.forEach((p, i) => out.set(p.data, sections[i]!.offset));
  const view = new DataView(out.buffer);
  view.setUint32(4, PREPARED_VERSION, true);
  view.setUint32(8, headerLength, true);
  view.setUint32(12, crc32(out.subarray(16)), true);
  return out;
}

/** Little-endian bytes of a typed array (a copy). */
function leBytes(a: Float32Array | Int32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  if (a instanceof Float32Array) a.forEach((v, i) => view.setFloat32(4 * i, v, true));
  else a.forEach((v, i) => view.setInt32(4 * i, v, true));
  return out;
}

/** Reads a prepared-dataset file back (checks the magic, version, checksum and every section's bounds). */
export function readPreparedDataset(file: Uint8Array): PreparedDataset {
  if (file.length < 16 || String.fromCharCode(...file.subarray(0, 4)) !== PREPARED_MAGIC) throw new PreparedDatasetError('Not a Distill Studio prepared dataset (no DSPD header).');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const version = view.getUint32(4, true);
  if (version !== PREPARED_VERSION) throw new PreparedDatasetError(`Prepared dataset version ${version}; this studio reads version ${PREPARED_VERSION}.`);
  const headerLength = view.getUint32(8, true);
  if (16 + headerLength > file.length) throw new PreparedDatasetError('The prepared dataset is cut short (its header runs past the end).');
  if (crc32(file.subarray(16)) !== view.getUint32(12, true)) throw new PreparedDatasetError('The prepared dataset is damaged (checksum mismatch).');
  const header = JSON.parse(new TextDecoder().decode(file.subarray(16, 16 + headerLength))) as PreparedHeader;
  const section = (name: PreparedSectionName) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s || s.offset + s.bytes > file.length) throw new PreparedDatasetError(`The prepared dataset's section ${name} is missing or cut short.`);
    return { s, at: (i: number) => s.offset + i };
  };
  const ints = (name: PreparedSectionName) => {
    const { s } = section(name);
    return Int32Array.from({ length: s.bytes / 4 }, (_, i) => view.getInt32(s.offset + 4 * i, true));
  };
  const { s: xs } = section('x');
  const xBytes = xs.dtype === 'uint8' ? file.slice(xs.offset, xs.offset + xs.bytes) : null;
  const x = xBytes ? Float32Array.from(xBytes, (b) => b / 255) : Float32Array.from({ length: xs.bytes / 4 }, (_, i) => view.getFloat32(xs.offset + 4 * i, true));
  return { header, x, xBytes, y: ints('y'), rows: { train: ints('train'), validation: ints('validation'), test: ints('test'), transfer: ints('transfer') } };
}
