/*
 * Limits on a user's image set, each with its own message. Sized for a 2-core, 8 GB laptop: the kept pixels become
 * Float32 features (`Split.x`, 4 bytes per channel value) and tfjs holds another copy as tensors, so 64 MB of decoded
 * RGB bytes is at most 256 MB of features plus as much again on the backend.
 */

/** Most classes (class folders) a set may have. */
export const MAX_IMAGE_CLASSES = 100;

/** Most pixels one image may declare in its header; larger images are refused before decoding. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Most bytes of decoded, resized RGB pixels a set may hold (×4 once they are Float32 features). */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** Most bytes of files (images as stored, or the zip) the page reads and hands to the worker. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** Most bytes a zip may inflate to, declared or actual. */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Highest compression ratio accepted for a zip entry larger than `RATIO_CHECK_BYTES` (photos barely compress; bombs reach ~1000). */
export const MAX_ZIP_RATIO = 200;

/** Entries smaller than this when inflated are not ratio-checked (a flat 1 MB BMP may well compress 200-fold). */
export const RATIO_CHECK_BYTES = 4 * 1024 * 1024;

/** Bytes one kept image takes at `size × size` RGB. */
export function bytesPerImage(size: number): number {
  return size * size * 3;
}

/** Most images a set may hold at `size × size` under `MAX_DECODED_BYTES`. */
export function maxImagesAt(size: number): number {
  return Math.floor(MAX_DECODED_BYTES / bytesPerImage(size));
}

/** Megabytes (MiB), rounded, for messages. */
export function toMB(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
