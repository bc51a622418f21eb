/*
 * The idx format (LeCun's MNIST files): a big-endian uint32 magic number 0x000008DD (two zero bytes,
 * data type 0x08 = unsigned byte, DD = number of dimensions), DD big-endian uint32 sizes, then the data.
 * Images: magic 0x00000803, sizes [count, rows, cols]. Labels: magic 0x00000801, sizes [count].
 */
import { pixelsToFloat } from './bundle';
import { DataError, englishSubject, type DataSubject } from './dataErrors';
import { gunzip, isGzip, TooLargeError } from './source';

/** Most bytes one idx file may decompress to (Fashion-MNIST's training images are 47 MB; this leaves room, not a gzip bomb). */
export const MAX_IDX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;
import { indexClasses, requireTwoClasses, type LabeledData } from './userData';

/** Magic number of an idx file of unsigned-byte images (3 dimensions). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an idx file of unsigned-byte labels (1 dimension). */
export const IDX_LABELS_MAGIC = 0x00000801;

/** Raw images from an idx file. */
export interface IdxImages {
  /** `count × rows × cols` pixel bytes. */
  pixels: Uint8Array;
  /** Number of images. */
  count: number;
  /** Image height. */
  rows: number;
  /** Image width. */
  cols: number;
}

/** Reads the header and data of an uncompressed idx file, checking the magic number and the length. */
function readIdx(bytes: Uint8Array, magic: number, subject: DataSubject): { dims: number[]; data: Uint8Array } {
  const nDims = magic & 0xff;
  const headerBytes = 4 + 4 * nDims;
  if (bytes.length < 4) throw new DataError({ code: 'idxTooShort', subject, bytes: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    const swapped = found === (magic === IDX_IMAGES_MAGIC ? IDX_LABELS_MAGIC : IDX_IMAGES_MAGIC);
    throw new DataError({ code: 'idxMagic', subject, found: hex32(found), expected: hex32(magic), swapped });
  }
  if (bytes.length < headerBytes) throw new DataError({ code: 'idxShortHeader', subject, bytes: bytes.length, header: headerBytes });
  const dims = Array.from({ length: nDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + size;
  if (bytes.length < expected) {
    throw new DataError({ code: 'idxTruncated', subject, dims: dims.join('×'), expected, bytes: bytes.length });
  }
  if (bytes.length > expected) throw new DataError({ code: 'idxTrailing', subject, extra: bytes.length - expected, dims: dims.join('×') });
  return { dims, data: bytes.subarray(headerBytes, expected) };
}

/** Parses an uncompressed idx images file (magic 0x00000803) into raw pixel bytes. */
export function parseIdxImages(bytes: Uint8Array, subject: DataSubject = { kind: 'imagesFile' }): IdxImages {
  const { dims, data } = readIdx(bytes, IDX_IMAGES_MAGIC, subject);
  const [count, rows, cols] = dims as [number, number, number];
  if (count === 0) throw new DataError({ code: 'idxNoImages', subject });
  if (rows === 0 || cols === 0) throw new DataError({ code: 'idxEmptyImages', subject, rows, cols });
  return { pixels: data, count, rows, cols };
}

/** Parses an uncompressed idx labels file (magic 0x00000801) into raw label bytes. */
export function parseIdxLabels(bytes: Uint8Array, subject: DataSubject = { kind: 'labelsFile' }): Uint8Array {
  return readIdx(bytes, IDX_LABELS_MAGIC, subject).data;
}

/**
 * Parses an idx images file and its labels file (each raw or gzip) into normalised images in [0, 1]
 * with `inputShape [rows, cols, 1]`; distinct label values become classes 0..k-1 in ascending order. Each file may
 * decompress to at most `maxBytes` (a `gzipTooLarge` data error otherwise).
 */
export async function parseIdxPair(imagesBytes: Uint8Array, labelsBytes: Uint8Array, maxBytes = MAX_IDX_DECOMPRESSED_BYTES): Promise<LabeledData> {
  const images = parseIdxImages(await unzipIdx(imagesBytes, { kind: 'imagesFile' }, maxBytes));
  const labels = parseIdxLabels(await unzipIdx(labelsBytes, { kind: 'labelsFile' }, maxBytes));
  if (labels.length !== images.count) {
    throw new DataError({ code: 'idxCountMismatch', labels: labels.length, images: images.count });
  }
  const { y, classNames } = indexClasses(Array.from(labels), (a, b) => a - b);
  requireTwoClasses(classNames, { kind: 'labelsFile' });
  return {
    x: pixelsToFloat(images.pixels),
    y,
    count: images.count,
    inputShape: [images.rows, images.cols, 1],
    classNames,
    numClasses: classNames.length,
  };
}

/** Gunzips an idx file when it is gzip; a broken gzip stream becomes a `notGzip` data error. */
async function unzipIdx(bytes: Uint8Array, subject: DataSubject, maxBytes: number): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes, `the ${englishSubject(subject)}`, maxBytes);
  } catch (e) {
    if (e instanceof TooLargeError) throw new DataError({ code: 'gzipTooLarge', subject, limitMB: Math.round(maxBytes / 1024 / 1024) });
    const cause = e instanceof Error ? e.cause : undefined;
    throw new DataError({ code: 'notGzip', subject, detail: cause instanceof Error ? cause.message : String(cause ?? e) });
  }
}

/** Formats a magic number as 0x00000803. */
function hex32(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
