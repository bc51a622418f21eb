/*
 * Image header sniffing, before any decoder sees the bytes: the format from its magic number, the size from its
 * header (PNG IHDR, JPEG SOF, GIF screen descriptor, BMP info header, WebP VP8/VP8L/VP8X), and a structural check
 * that the file is whole (a PNG reaches IEND, a JPEG's scan reaches EOI), so a decoder never guesses at a cut file.
 */

/** Image formats the studio decodes. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

/** What the first bytes of a file say: an image with its size, a cut image, an empty file, or not an image. */
export type ImageSniff =
  | { kind: 'image'; format: ImageFormat; width: number; height: number }
  | { kind: 'truncated'; format: ImageFormat }
  | { kind: 'empty' }
  | { kind: 'notImage' };

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` starts with `magic` at `at`. */
function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** Four bytes as ASCII. */
function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/** A positive size, or null for a header that declares an empty image. */
function sized(format: ImageFormat, width: number, height: number): ImageSniff {
  return width > 0 && height > 0 ? { kind: 'image', format, width, height } : { kind: 'truncated', format };
}

/** PNG: IHDR holds the size; the chunks must reach IEND without running past the end. */
function sniffPng(b: Uint8Array, v: DataView): ImageSniff {
  if (b.length < 33 || fourCC(b, 12) !== 'IHDR') return { kind: 'truncated', format: 'png' };
  const width = v.getUint32(16, false);
  const height = v.getUint32(20, false);
  let at = 8;
  for (;;) {
    if (at + 8 > b.length) return { kind: 'truncated', format: 'png' };
    const length = v.getUint32(at, false);
    const type = fourCC(b, at + 4);
    const end = at + 12 + length;
    if (end > b.length) return { kind: 'truncated', format: 'png' };
    if (type === 'IEND') return sized('png', width, height);
    at = end;
  }
}

/** True for the JPEG start-of-frame markers (SOF0–SOF15 except DHT C4, JPG C8 and DAC CC). */
function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walks the marker segments to the frame header (size) and the first scan, which must end in EOI. */
function sniffJpeg(b: Uint8Array, v: DataView): ImageSniff {
  let at = 2;
  let size: { width: number; height: number } | null = null;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { kind: 'truncated', format: 'jpeg' };
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return { kind: 'truncated', format: 'jpeg' }; // EOI before any scan
    const length = v.getUint16(at + 2, false);
    if (length < 2 || at + 2 + length > b.length) return { kind: 'truncated', format: 'jpeg' };
    if (isSof(marker)) {
      if (length < 7) return { kind: 'truncated', format: 'jpeg' };
      size = { height: v.getUint16(at + 5, false), width: v.getUint16(at + 7, false) };
    }
    if (marker === 0xda) {
      // Entropy-coded data never holds FF D9 (a data FF is stuffed as FF 00), so EOI after the scan means the file is whole.
      if (!size) return { kind: 'truncated', format: 'jpeg' };
      for (let i = at + 2 + length; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return sized('jpeg', size.width, size.height);
      return { kind: 'truncated', format: 'jpeg' };
    }
    at += 2 + length;
  }
  return { kind: 'truncated', format: 'jpeg' };
}

/** GIF: the logical screen size (little-endian) and at least one image descriptor. */
function sniffGif(b: Uint8Array, v: DataView): ImageSniff {
  if (b.length < 13) return { kind: 'truncated', format: 'gif' };
  const width = v.getUint16(6, true);
  const height = v.getUint16(8, true);
  // An image descriptor (0x2C) after the header and the optional global colour table.
  const flags = b[10]!;
  const tableBytes = flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
  if (b.length < 13 + tableBytes + 10) return { kind: 'truncated', format: 'gif' };
  return sized('gif', width, height);
}

/** BMP: the info header's width and height (a negative height is a top-down image). */
function sniffBmp(b: Uint8Array, v: DataView): ImageSniff {
  if (b.length < 26) return { kind: 'truncated', format: 'bmp' };
  const headerSize = v.getUint32(14, true);
  const pixelsAt = v.getUint32(10, true);
  let width: number;
  let height: number;
  if (headerSize === 12) {
    width = v.getUint16(18, true);
    height = v.getUint16(20, true);
  } else if (headerSize >= 40 && b.length >= 26) {
    width = v.getInt32(18, true);
    height = Math.abs(v.getInt32(22, true));
  } else {
    return { kind: 'notImage' };
  }
  if (pixelsAt >= b.length) return { kind: 'truncated', format: 'bmp' };
  return sized('bmp', width, height);
}

/** WebP: RIFF…WEBP, then the size from a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk. */
function sniffWebp(b: Uint8Array, v: DataView): ImageSniff {
  if (b.length < 30) return { kind: 'truncated', format: 'webp' };
  const riffEnd = 8 + v.getUint32(4, true);
  if (riffEnd > b.length) return { kind: 'truncated', format: 'webp' };
  const chunk = fourCC(b, 12);
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return { kind: 'truncated', format: 'webp' };
    return sized('webp', v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return { kind: 'truncated', format: 'webp' };
    const bits = v.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const w = b[24]! | (b[25]! << 8) | (b[26]! << 16);
    const h = b[27]! | (b[28]! << 8) | (b[29]! << 16);
    return sized('webp', w + 1, h + 1);
  }
  return { kind: 'notImage' };
}

/** Identifies an image file from its bytes and reads its size from the header, without decoding it. */
export function sniffImage(bytes: Uint8Array): ImageSniff {
  if (bytes.length === 0) return { kind: 'empty' };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG_MAGIC)) return sniffPng(bytes, v);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sniffJpeg(bytes, v);
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return sniffGif(bytes, v);
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 18) return sniffBmp(bytes, v);
  if (bytes.length >= 12 && fourCC(bytes, 0) === 'RIFF' && fourCC(bytes, 8) === 'WEBP') return sniffWebp(bytes, v);
  return { kind: 'notImage' };
}
