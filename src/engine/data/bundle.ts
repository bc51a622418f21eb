/*
 * DSIB — the Distill Studio image bundle, version 1 (written by scripts/convert-*.mjs).
 *
 *   offset  bytes  field (all integers little-endian uint32)
 *        0      4  magic "DSIB" (44 53 49 42)
 *        4      4  version = 1
 *        8      4  rows            (28 for MNIST)
 *       12      4  cols            (28)
 *       16      4  channels        (1)
 *       20      4  numClasses      (10)
 *       24      4  trainCount
 *       28      4  testCount
 *       32      4  splitSeed       seed of the converter's stratified split; 0 = the official split, source order
 *       36         train pixels    trainCount × rows × cols × channels uint8, 0–255, image-major, row-major, HWC
 *                  train labels    trainCount uint8, each < numClasses
 *                  test pixels     testCount × rows × cols × channels uint8
 *                  test labels     testCount uint8
 *
 * Nothing follows. The file ships gzipped (`<name>.bin.gz`, fflate level 9, mtime 0, so conversion is
 * byte-for-byte reproducible). A bundle over ~40 MB compressed would ship as `<name>.part0.bin.gz`,
 * `<name>.part1.bin.gz`, …: gunzip each part and concatenate to get the bundle.
 */
import { concatBytes } from './source';
import type { Dataset, DatasetSource, ProgressFn, Split } from './types';

/** Magic bytes at the start of a bundle. */
export const BUNDLE_MAGIC = 'DSIB';
/** The bundle format version this decoder reads. */
export const BUNDLE_VERSION = 1;
/** Size of the bundle header in bytes. */
export const BUNDLE_HEADER_BYTES = 36;

/** The decoded bundle header. */
export interface BundleHeader {
  /** Format version. */
  version: number;
  /** Image height. */
  rows: number;
  /** Image width. */
  cols: number;
  /** Channels per pixel. */
  channels: number;
  /** Number of classes. */
  numClasses: number;
  /** Number of training images. */
  trainCount: number;
  /** Number of test images. */
  testCount: number;
  /** Seed of the converter's split (0 = official split). */
  splitSeed: number;
}

/** One split of a bundle as raw bytes (views into the bundle, no copy). */
export interface BundleSplit {
  /** `count × rows × cols × channels` pixel bytes, 0–255. */
  pixels: Uint8Array;
  /** One class index per image. */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
}

/** A decoded bundle: header plus raw train and test splits. */
export interface ImageBundle {
  /** The header. */
  header: BundleHeader;
  /** Training images. */
  train: BundleSplit;
  /** Test images. */
  test: BundleSplit;
}

/** Decodes and validates a (decompressed) bundle; `expect` adds checks against known header values. */
export function decodeImageBundle(bytes: Uint8Array, expect: Partial<BundleHeader> = {}, what = 'dataset file'): ImageBundle {
  if (bytes.length < BUNDLE_HEADER_BYTES) throw new Error(`The ${what} is too short (${bytes.length} bytes) to be an image bundle.`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== BUNDLE_MAGIC) throw new Error(`The ${what} is not an image bundle (starts with ${hex(bytes.subarray(0, 4))}, expected "${BUNDLE_MAGIC}").`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (i: number) => view.getUint32(4 + 4 * i, true);
  const header: BundleHeader = {
    version: u32(0),
    rows: u32(1),
    cols: u32(2),
    channels: u32(3),
    numClasses: u32(4),
    trainCount: u32(5),
    testCount: u32(6),
    splitSeed: u32(7),
  };
  if (header.version !== BUNDLE_VERSION) throw new Error(`The ${what} has bundle version ${header.version}; this build reads version ${BUNDLE_VERSION}.`);
  for (const key of Object.keys(expect) as (keyof BundleHeader)[]) {
    if (expect[key] !== undefined && expect[key] !== header[key]) {
      throw new Error(`The ${what} has ${key} = ${header[key]}, expected ${expect[key]} (stale or wrong file?).`);
    }
  }
  if (header.rows < 1 || header.cols < 1 || header.channels < 1 || header.numClasses < 2) {
    throw new Error(`The ${what} has an invalid header (${header.rows}×${header.cols}×${header.channels}, ${header.numClasses} classes).`);
  }
  const px = header.rows * header.cols * header.channels;
  const expectedLength = BUNDLE_HEADER_BYTES + (header.trainCount + header.testCount) * (px + 1);
  if (bytes.length !== expectedLength) {
    const problem = bytes.length < expectedLength ? 'is truncated' : 'has trailing bytes';
    throw new Error(`The ${what} ${problem}: ${bytes.length} bytes, the header implies ${expectedLength}.`);
  }
  let offset = BUNDLE_HEADER_BYTES;
  const slice = (n: number) => bytes.subarray(offset, (offset += n));
  const train = { pixels: slice(header.trainCount * px), labels: slice(header.trainCount), count: header.trainCount };
  const test = { pixels: slice(header.testCount * px), labels: slice(header.testCount), count: header.testCount };
  for (const [name, split] of [['training', train], ['test', test]] as const) {
    const bad = split.labels.findIndex((l) => l >= header.numClasses);
    if (bad >= 0) throw new Error(`The ${what} has ${name} label ${split.labels[bad]} at image ${bad}; labels must be below ${header.numClasses}.`);
  }
  return { header, train, test };
}

/** Converts raw pixel bytes to floats in [0, 1] (`p / 255`), reporting progress in chunks. */
export function pixelsToFloat(pixels: Uint8Array, onProgress: ProgressFn = () => undefined): Float32Array {
  const out = new Float32Array(pixels.length);
  const chunk = 1 << 22;
  for (let start = 0; start < pixels.length; start += chunk) {
    const end = Math.min(pixels.length, start + chunk);
    for (let i = start; i < end; i++) out[i] = pixels[i]! / 255;
    onProgress(end / pixels.length);
  }
  return out;
}

/** Converts a raw bundle split to a training split (floats in [0, 1], Int32 labels). */
export function bundleSplitToFloat(split: BundleSplit, onProgress?: ProgressFn): Split {
  return { x: pixelsToFloat(split.pixels, onProgress), y: Int32Array.from(split.labels), count: split.count };
}

/** What a shipped image dataset is and where its files live. */
export interface ImageBundleSpec {
  /** Dataset id. */
  id: string;
  /** Short display name. */
  name: string;
  /** Site-root-relative files; their decompressed bytes concatenate to one bundle. */
  files: string[];
  /** Class names, `numClasses` long. */
  classNames: string[];
  /** Header values the files must have (dimensions and counts). */
  expect: Partial<BundleHeader>;
}

/** Fetches (0–90 % of progress), decodes and converts (90–100 %) a shipped image bundle. */
export async function loadImageBundle(spec: ImageBundleSpec, progress: ProgressFn, source: DatasetSource): Promise<Dataset> {
  const parts: Uint8Array[] = [];
  for (const [i, file] of spec.files.entries()) {
    parts.push(await source.fetchBytes(file, (f) => progress((0.9 * (i + Math.min(Math.max(f, 0), 1))) / spec.files.length)));
  }
  const bundle = decodeImageBundle(concatBytes(parts), { ...spec.expect, numClasses: spec.classNames.length }, spec.files.join(' + '));
  const { header } = bundle;
  const total = header.trainCount + header.testCount;
  const train = bundleSplitToFloat(bundle.train, (f) => progress(0.9 + (0.1 * f * header.trainCount) / total));
  const test = bundleSplitToFloat(bundle.test, (f) => progress(0.9 + (0.1 * (header.trainCount + f * header.testCount)) / total));
  progress(1);
  return {
    id: spec.id,
    name: spec.name,
    inputShape: [header.rows, header.cols, header.channels],
    numClasses: header.numClasses,
    classNames: [...spec.classNames],
    train,
    test,
  };
}

/** Hex dump of a few bytes, e.g. `1f 8b 08 00`. */
function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
