/// <reference lib="webworker" />
import type { FitMode } from '../engine/data/images/fitSquare';
import { screenImage } from '../engine/data/images/imageSet';
import { decodeAndPrepare } from './decodeRgba';
import type { PhotoProblem } from './imageMessages';

/** A screening reason as the photo problem it means (the folder-only reasons cannot happen for one file). */
function problemOf(reason: string): PhotoProblem {
  return reason === 'empty' || reason === 'truncated' || reason === 'tooLarge' ? reason : 'notImage';
}

/**
 * Prepares one picture with the image-folder path: screened from its header, decoded by the browser, EXIF
 * orientation applied, flattened on white, fitted (crop or pad) and resized to `size` × `size` RGB bytes.
 */
export async function preparePhoto(buffer: ArrayBuffer, size: number, fit: FitMode): Promise<{ rgb: Uint8Array } | { problem: PhotoProblem }> {
  const raw = new Uint8Array(buffer);
  const screened = screenImage(raw);
  if (!screened.ok) return { problem: problemOf(screened.skip.reason) };
  try {
    return { rgb: await decodeAndPrepare(raw, screened.format, { size, fit }) };
  } catch {
    return { problem: 'undecodable' };
  }
}
