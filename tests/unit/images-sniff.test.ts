import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/engine/data/images/sniffImage';
import { screenImage } from '../../src/engine/data/images/imageSet';
import { concat, encodePng, pngClaiming } from '../fixtures/images/encodePng';

/** A JPEG's marker segments by hand: SOI, APP0, SOF0 (height × width), SOS, two bytes of scan data, EOI (optional). */
function jpegBytes(width: number, height: number, { eoi = true, sof = 0xc0 } = {}): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sofSeg = [0xff, sof, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sofSeg, ...sos, 0x12, 0xff, 0x00, 0x34, ...(eoi ? [0xff, 0xd9] : [])]);
}

/** A little-endian uint32 as bytes. */
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

describe('image header sniffing', () => {
  it('reads a PNG size from IHDR, for every colour type', () => {
    for (const type of [0, 2, 3, 6] as const) {
      expect(sniffImage(encodePng(7, 5, new Uint8Array(7 * 5 * 4), type))).toEqual({ kind: 'image', format: 'png', width: 7, height: 5 });
    }
  });

  it('refuses a PNG whose header claims 100,000×100,000 before decoding, and calls a cut PNG truncated', () => {
    expect(sniffImage(pngClaiming(100_000, 100_000))).toEqual({ kind: 'image', format: 'png', width: 100_000, height: 100_000 });
    expect(screenImage(pngClaiming(100_000, 100_000))).toEqual({ ok: false, skip: { reason: 'tooLarge', detail: '100000×100000' } });
    // 50 MP exactly passes; one pixel more does not.
    expect(screenImage(pngClaiming(10_000, 5_000)).ok).toBe(true);
    expect(screenImage(pngClaiming(10_001, 5_000))).toMatchObject({ ok: false, skip: { reason: 'tooLarge' } });
    const png = encodePng(4, 4, new Uint8Array(64), 2);
    expect(sniffImage(png.subarray(0, png.length - 5))).toEqual({ kind: 'truncated', format: 'png' });
    expect(sniffImage(png.subarray(0, 20))).toEqual({ kind: 'truncated', format: 'png' });
  });

  it('reads a JPEG size from its frame header (baseline and progressive) and needs EOI after the scan', () => {
    expect(sniffImage(jpegBytes(640, 480))).toEqual({ kind: 'image', format: 'jpeg', width: 640, height: 480 });
    expect(sniffImage(jpegBytes(3, 2, { sof: 0xc2 }))).toEqual({ kind: 'image', format: 'jpeg', width: 3, height: 2 });
    expect(sniffImage(jpegBytes(640, 480, { eoi: false }))).toEqual({ kind: 'truncated', format: 'jpeg' });
    expect(sniffImage(jpegBytes(640, 480).subarray(0, 12))).toEqual({ kind: 'truncated', format: 'jpeg' });
    expect(screenImage(jpegBytes(640, 480, { eoi: false }))).toEqual({ ok: false, skip: { reason: 'truncated' } });
  });

  it('reads GIF, BMP and WebP sizes', () => {
    const gif = Uint8Array.from([...Buffer.from('GIF89a'), 10, 0, 20, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 10, 0, 20, 0, 0, 0x3b]);
    expect(sniffImage(gif)).toEqual({ kind: 'image', format: 'gif', width: 10, height: 20 });
    const bmp = (height: number) => Uint8Array.from([0x42, 0x4d, ...le32(70), 0, 0, 0, 0, ...le32(54), ...le32(40), ...le32(6), ...le32(height >>> 0), 1, 0, 24, 0, ...new Array(40).fill(0)]);
    expect(sniffImage(bmp(4))).toEqual({ kind: 'image', format: 'bmp', width: 6, height: 4 });
    expect(sniffImage(bmp(-4))).toEqual({ kind: 'image', format: 'bmp', width: 6, height: 4 }); // top-down
    const riff = (chunk: number[]) => Uint8Array.from([...Buffer.from('RIFF'), ...le32(chunk.length + 4), ...Buffer.from('WEBP'), ...chunk]);
    // VP8L: signature 0x2f, then 14 bits width−1 and 14 bits height−1.
    const vp8l = riff([...Buffer.from('VP8L'), ...le32(10), 0x2f, ...le32(((50 - 1) | ((30 - 1) << 14)) >>> 0), 0, 0, 0, 0, 0]);
    expect(sniffImage(vp8l)).toEqual({ kind: 'image', format: 'webp', width: 50, height: 30 });
    // VP8X: 24-bit canvas width−1 and height−1 at bytes 24 and 27.
    const vp8x = riff([...Buffer.from('VP8X'), ...le32(10), 0, 0, 0, 0, 199, 0, 0, 99, 0, 0]);
    expect(sniffImage(vp8x)).toEqual({ kind: 'image', format: 'webp', width: 200, height: 100 });
    // VP8 (lossy): frame tag, start code 9d 01 2a, 14-bit width and height.
    const vp8 = riff([...Buffer.from('VP8 '), ...le32(10), 0, 0, 0, 0x9d, 0x01, 0x2a, 64, 0, 48, 0]);
    expect(sniffImage(vp8)).toEqual({ kind: 'image', format: 'webp', width: 64, height: 48 });
  });

  it('tells empty files and files that are not images apart', () => {
    expect(sniffImage(new Uint8Array(0))).toEqual({ kind: 'empty' });
    expect(screenImage(new Uint8Array(0))).toEqual({ ok: false, skip: { reason: 'empty' } });
    expect(sniffImage(new TextEncoder().encode('a,b\n1,2\n'))).toEqual({ kind: 'notImage' });
    expect(sniffImage(Uint8Array.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]))).toEqual({ kind: 'notImage' }); // a .DS_Store
    expect(sniffImage(concat([Buffer.from('%PDF-1.7\n')]))).toEqual({ kind: 'notImage' });
  });
});
