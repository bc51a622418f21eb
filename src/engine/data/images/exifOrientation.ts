/*
 * EXIF orientation of a JPEG, read from its APP1 "Exif" segment (a TIFF structure: byte order, IFD0, tag 0x0112).
 * Browsers disagree on whether and when they apply it, so the studio neutralises the tag before decoding (the
 * decoder always sees orientation 1) and applies the orientation itself (`orient.ts`): the same pixels everywhere.
 */

/** EXIF orientation values: 1 is upright; 2–8 are the mirrorings and rotations of the TIFF specification. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Where the orientation tag's value sits in the file, and what it says. */
export interface OrientationTag {
  /** Byte offset of the 16-bit value. */
  offset: number;
  /** Byte order of the value. */
  littleEndian: boolean;
  /** The orientation (1 when the value is outside 1–8). */
  orientation: Orientation;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** Finds the orientation tag of a JPEG's EXIF block, or null when there is none (or the block is malformed). */
export function findOrientationTag(bytes: Uint8Array): OrientationTag | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = v.getUint16(at + 2, false);
    const start = at + 4;
    if (marker === 0xe1 && length >= 8 && start + length - 2 <= bytes.length && EXIF_HEADER.every((b, i) => bytes[start + i] === b)) {
      return orientationInTiff(v, start + 6, start + length - 2);
    }
    at += 2 + length;
  }
  return null;
}

/** Reads tag 0x0112 from IFD0 of the TIFF structure at [tiff, end). */
function orientationInTiff(v: DataView, tiff: number, end: number): OrientationTag | null {
  if (tiff + 8 > end) return null;
  const order = v.getUint16(tiff, false);
  if (order !== 0x4949 && order !== 0x4d4d) return null; // "II" little-endian, "MM" big-endian
  const le = order === 0x4949;
  if (v.getUint16(tiff + 2, le) !== 42) return null;
  const ifd = tiff + v.getUint32(tiff + 4, le);
  if (ifd + 2 > end) return null;
  const count = v.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    if (entry + 12 > end) return null;
    if (v.getUint16(entry, le) !== 0x0112) continue;
    if (v.getUint16(entry + 2, le) !== 3) return null; // type SHORT
    const value = v.getUint16(entry + 8, le);
    return { offset: entry + 8, littleEndian: le, orientation: value >= 1 && value <= 8 ? (value as Orientation) : 1 };
  }
  return null;
}

/** The EXIF orientation of a JPEG (1 when it has none). */
export function jpegOrientation(bytes: Uint8Array): Orientation {
  return findOrientationTag(bytes)?.orientation ?? 1;
}

/**
 * A copy of a JPEG with its orientation tag set to 1 (upright), and the orientation it had; the original bytes when
 * there is no tag. Decoding the copy gives the stored pixels whatever the decoder's orientation policy.
 */
export function withoutOrientation(bytes: Uint8Array): { bytes: Uint8Array; orientation: Orientation } {
  const tag = findOrientationTag(bytes);
  if (!tag || tag.orientation === 1) return { bytes, orientation: 1 };
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint16(tag.offset, 1, tag.littleEndian);
  return { bytes: copy, orientation: tag.orientation };
}
