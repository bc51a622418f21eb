/*
 * A class-per-folder image set from files to labelled examples, in pure code: the tree and the limits are checked
 * before any decoding, each file is screened from its header (empty, not an image, cut short, over 50 MP), decoded
 * RGBA pixels (from the worker's browser decoder) are oriented, flattened on white and fitted to a square, and the
 * kept images become `[S, S, 3]` features scaled to 0–1 as the built-in image sets are.
 */
import { DataError } from '../dataErrors';
import type { LabeledData } from '../userData';
import { parseClassTree, type ClassTree, type SkippedFile } from './classTree';
import type { Orientation } from './exifOrientation';
import { resampleBox, type FitMode } from './fitSquare';
import { bytesPerImage, MAX_DECODED_BYTES, MAX_IMAGE_CLASSES, MAX_IMAGE_PIXELS, maxImagesAt, toMB } from './limits';
import type { PixelImage } from './pixels';
import { uprightSquareRgb } from './squareRgb';
import { sniffImage, type ImageFormat } from './sniffImage';

/** How the user wants the images prepared. */
export interface ImagePrep {
  /** Side of the square the images are resized to. */
  size: number;
  /** Centre crop or white padding to a square. */
  fit: FitMode;
}

/**
 * Parses the paths into class folders and checks, before anything is decoded, the class count (at least 2, at most
 * `MAX_IMAGE_CLASSES`) and the decoded-bytes bound for every candidate image at `size`.
 */
export function planImageSet(paths: readonly string[], folders: readonly string[], size: number): ClassTree {
  const tree = parseClassTree(paths, folders);
  const n = tree.classNames.length;
  if (n === 0) throw new DataError({ code: 'imageNoClasses', files: paths.length });
  if (n === 1) throw new DataError({ code: 'imageSingleClass', name: tree.classNames[0]! });
  if (n > MAX_IMAGE_CLASSES) throw new DataError({ code: 'imageTooManyClasses', count: n, max: MAX_IMAGE_CLASSES });
  const images = tree.files.reduce((a, f) => a + f.length, 0);
  if (images * bytesPerImage(size) > MAX_DECODED_BYTES) {
    throw new DataError({ code: 'imageTooManyBytes', images, size, limitMB: toMB(MAX_DECODED_BYTES), floatMB: toMB(MAX_DECODED_BYTES * 4), maxImages: maxImagesAt(size) });
  }
  return tree;
}

/** What screening one file's bytes says: decode it (its format and header size), or skip it with a reason. */
export type Screened = { ok: true; format: ImageFormat; width: number; height: number } | { ok: false; skip: Omit<SkippedFile, 'path'> };

/** Screens a file from its header: empty, not an image, cut short, or over `MAX_IMAGE_PIXELS` are skipped before decoding. */
export function screenImage(bytes: Uint8Array): Screened {
  const s = sniffImage(bytes);
  switch (s.kind) {
    case 'empty':
      return { ok: false, skip: { reason: 'empty' } };
    case 'notImage':
      return { ok: false, skip: { reason: 'notImage' } };
    case 'truncated':
      return { ok: false, skip: { reason: 'truncated' } };
    case 'image':
      if (s.width * s.height > MAX_IMAGE_PIXELS) return { ok: false, skip: { reason: 'tooLarge', detail: `${s.width}×${s.height}` } };
      return { ok: true, format: s.format, width: s.width, height: s.height };
  }
}

/** Decoded RGBA pixels (stored orientation) to the kept `size × size` RGB bytes: oriented, flattened on white, fitted, box-resampled. */
export function prepareImage(rgba: PixelImage, orientation: Orientation, prep: ImagePrep): Uint8Array {
  return resampleBox(uprightSquareRgb(rgba, orientation, prep.fit), prep.size);
}

/** One kept image: its class and its `size × size × 3` bytes. */
export interface KeptImage {
  label: number;
  rgb: Uint8Array;
}

/** One prepared image's `size × size × 3` bytes as the models' input: each byte / 255 (channels last), as every image set's examples are. */
export function imageFeatures(rgb: Uint8Array): Float32Array {
  const x = new Float32Array(rgb.length);
  for (let j = 0; j < rgb.length; j++) x[j] = rgb[j]! / 255;
  return x;
}

/**
 * The kept images as labelled examples `[size, size, 3]` in 0–1 (each byte / 255), in class then path order; every
 * class must keep at least one image (an `imageClassEmpty` error names those that did not).
 */
export function assembleImageSet(classNames: readonly string[], kept: readonly KeptImage[], size: number): LabeledData & { classCounts: number[] } {
  const classCounts = classNames.map(() => 0);
  for (const k of kept) classCounts[k.label]! += 1;
  const empty = classNames.filter((_, i) => classCounts[i] === 0);
  if (empty.length > 0) throw new DataError({ code: 'imageClassEmpty', names: empty.map((n) => `"${n}"`).join(', ') });
  const len = bytesPerImage(size);
  const x = new Float32Array(kept.length * len);
  const y = new Int32Array(kept.length);
  kept.forEach((k, i) => {
    y[i] = k.label;
    x.set(imageFeatures(k.rgb), i * len);
  });
  return { x, y, count: kept.length, inputShape: [size, size, 3], classNames: [...classNames], numClasses: classNames.length, classCounts };
}
