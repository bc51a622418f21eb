/** Writes image `index` of `pixels` (`h × w × channels` bytes each) into RGBA: grey as dark strokes on white, colour as it is. */
export function thumbRgba(pixels: Uint8Array, index: number, h: number, w: number, channels: number, out: Uint8ClampedArray): void {
  const size = h * w;
  const base = index * size * channels;
  for (let i = 0; i < size; i++) {
    if (channels === 3) out.set([pixels[base + i * 3]!, pixels[base + i * 3 + 1]!, pixels[base + i * 3 + 2]!, 255], i * 4);
    else {
      const v = 255 - pixels[base + i]!;
      out.set([v, v, v, 255], i * 4);
    }
  }
}
