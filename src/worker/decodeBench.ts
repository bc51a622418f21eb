/// <reference lib="webworker" />
import { screenImage } from '../engine/data/images/imageSet';
import { Rng } from '../engine/rng';
import { decodeAndPrepare } from './decodeRgba';

/** One decode measurement: images of one format and size, decoded and prepared as an image-folder upload does. */
export interface DecodeFigures {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  images: number;
  /** Mean encoded size of the images, bytes. */
  bytes: number;
  imagesPerSecond: number;
}

/** `count` distinct seeded pictures (coloured boxes and discs on a gradient, like photos of objects) encoded by the browser. */
async function encodedPictures(count: number, width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Uint8Array[]> {
  const rng = new Rng(2024);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, width, height);
    g.addColorStop(0, `hsl(${rng.int(360)} 60% 70%)`);
    g.addColorStop(1, `hsl(${rng.int(360)} 50% 30%)`);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, width, height);
    for (let k = 0; k < 12; k++) {
      ctx.fillStyle = `hsl(${rng.int(360)} ${40 + rng.int(50)}% ${30 + rng.int(50)}%)`;
      const [x, y, r] = [rng.next() * width, rng.next() * height, (0.05 + rng.next() * 0.2) * Math.min(width, height)];
      if (k % 2) ctx.fillRect(x - r, y - r, 2 * r, 1.4 * r);
      else {
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    const blob = await canvas.convertToBlob({ type, quality: 0.9 });
    out.push(new Uint8Array(await blob.arrayBuffer()));
  }
  return out;
}

/**
 * Times the image-folder path on pictures the browser encoded: screen the header, decode with createImageBitmap and
 * OffscreenCanvas, orient, crop and resize to `size` px RGB (the upload's default 32). Images per second, on this thread.
 */
export async function benchDecode(format: 'png' | 'jpeg', width: number, height: number, images: number, size = 32): Promise<DecodeFigures> {
  const pictures = await encodedPictures(Math.min(images, 16), width, height, format === 'png' ? 'image/png' : 'image/jpeg');
  const prep = { size, fit: 'crop' as const };
  const once = async (raw: Uint8Array) => {
    const screened = screenImage(raw);
    if (!screened.ok) throw new Error(`the bench's own ${format} was refused: ${screened.skip.reason}`);
    return decodeAndPrepare(raw, screened.format, prep);
  };
  await once(pictures[0]!); // warm-up: the decoder's first call
  const t0 = performance.now();
  for (let i = 0; i < images; i++) await once(pictures[i % pictures.length]!);
  const seconds = (performance.now() - t0) / 1000;
  const bytes = Math.round(pictures.reduce((a, p) => a + p.byteLength, 0) / pictures.length);
  return { format, width, height, images, bytes, imagesPerSecond: images / seconds };
}
