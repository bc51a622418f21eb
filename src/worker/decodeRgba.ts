/// <reference lib="webworker" />
import { withoutOrientation, type Orientation } from '../engine/data/images/exifOrientation';
import { prepareImage, type ImagePrep } from '../engine/data/images/imageSet';
import type { PixelImage } from '../engine/data/images/pixels';
import type { ImageFormat } from '../engine/data/images/sniffImage';

/** Decodes image bytes to RGBA with the browser's decoder, as stored (no orientation, no colour conversion, no premultiplication). */
export async function decodeRgba(bytes: Uint8Array): Promise<PixelImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { imageOrientation: 'none', premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2-D canvas context in the worker');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } finally {
    bitmap.close();
  }
}

/**
 * A screened picture's kept bytes: its EXIF orientation taken out (JPEG) so the browser decodes it as stored, then
 * oriented, flattened on white, fitted and resized by the engine (`prepareImage`). Throws when the browser cannot decode it.
 */
export async function decodeAndPrepare(raw: Uint8Array, format: ImageFormat, prep: ImagePrep): Promise<Uint8Array> {
  const { bytes, orientation } = format === 'jpeg' ? withoutOrientation(raw) : { bytes: raw, orientation: 1 as Orientation };
  return prepareImage(await decodeRgba(bytes), orientation, prep);
}
