/*
 * Reads a zip of an image folder with a zip-bomb guard: the central directory's declared sizes and ratios are checked
 * before anything is inflated, and inflation runs in small slices so the actual bytes are counted and capped (a
 * header that understates an entry's size cannot make it grow past what it declared).
 */
import { Inflate } from 'fflate';
import { DataError } from '../dataErrors';
import { MAX_INFLATED_BYTES, MAX_ZIP_RATIO, RATIO_CHECK_BYTES, toMB } from './limits';

/** One file of a zip: its path and bytes. */
export interface ZipFile {
  path: string;
  bytes: Uint8Array;
}

/** What a zip holds: its files and its directory entries (so empty folders are seen). */
export interface ZipContents {
  files: ZipFile[];
  folders: string[];
}

/** A central-directory entry. */
interface CentralEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localHeader: number;
}

/** Limits of the guard (overridable in tests). */
export interface ZipGuard {
  maxInflated: number;
  maxRatio: number;
  ratioCheckBytes: number;
}

/** The studio's guard. */
export const ZIP_GUARD: ZipGuard = { maxInflated: MAX_INFLATED_BYTES, maxRatio: MAX_ZIP_RATIO, ratioCheckBytes: RATIO_CHECK_BYTES };

/** Compressed bytes fed to the inflater at a time: at most ~1032× this comes out of one slice. */
const SLICE = 16 * 1024;

const utf8 = new TextDecoder('utf-8');

/** Parses the end-of-central-directory record and the central directory. */
function centralDirectory(bytes: Uint8Array): CentralEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DataError({ code: 'zipUnreadable', detail: 'no end-of-central-directory record' });
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) throw new DataError({ code: 'zipUnreadable', detail: 'a broken central directory' });
    const nameLength = v.getUint16(at + 28, true);
    const extra = v.getUint16(at + 30, true);
    const comment = v.getUint16(at + 32, true);
    const compressed = v.getUint32(at + 20, true);
    const size = v.getUint32(at + 24, true);
    if (compressed === 0xffffffff || size === 0xffffffff) throw new DataError({ code: 'zipUnreadable', detail: 'zip64 archives are not supported' });
    entries.push({
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: v.getUint16(at + 10, true),
      compressed,
      size,
      localHeader: v.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Throws the zip-bomb error. */
function bomb(detail: string, guard: ZipGuard): never {
  throw new DataError({ code: 'zipBomb', detail, limitMB: toMB(guard.maxInflated), ratio: guard.maxRatio });
}

/** Checks declared sizes before inflating: the total under the cap, and no entry compressed beyond the ratio. */
export function checkDeclaredSizes(entries: readonly { name: string; compressed: number; size: number }[], guard: ZipGuard = ZIP_GUARD): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > guard.maxInflated) bomb(`declares ${toMB(total)} MB or more`, guard);
    if (e.size > guard.ratioCheckBytes && e.size > guard.maxRatio * Math.max(1, e.compressed)) {
      bomb(`"${e.name}" declares ${toMB(e.size)} MB from ${e.compressed} bytes`, guard);
    }
  }
}

/** Inflates one entry in slices, stopping as soon as it exceeds its declared size or the running total the cap. */
function inflateCapped(data: Uint8Array, entry: CentralEntry, used: number, guard: ZipGuard): Uint8Array {
  const chunks: Uint8Array[] = [];
  let got = 0;
  const inflater = new Inflate((chunk) => {
    got += chunk.length;
    if (got > entry.size) bomb(`"${entry.name}" inflates past the ${entry.size} bytes it declares`, guard);
    if (used + got > guard.maxInflated) bomb(`it inflates past ${toMB(guard.maxInflated)} MB`, guard);
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += SLICE) inflater.push(data.subarray(at, Math.min(data.length, at + SLICE)), at + SLICE >= data.length);
    if (data.length === 0) inflater.push(data, true);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError({ code: 'zipUnreadable', detail: `"${entry.name}": ${e instanceof Error ? e.message : String(e)}` });
  }
  if (got !== entry.size) throw new DataError({ code: 'zipUnreadable', detail: `"${entry.name}" inflates to ${got} bytes, not the ${entry.size} it declares` });
  const out = new Uint8Array(got);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads a zip's files and folders, guarded against zip bombs (declared sizes, ratio, and the actual inflated bytes). */
export function readZip(bytes: Uint8Array, guard: ZipGuard = ZIP_GUARD): ZipContents {
  const entries = centralDirectory(bytes);
  checkDeclaredSizes(entries, guard);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files: ZipFile[] = [];
  const folders: string[] = [];
  let used = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) {
      folders.push(e.name);
      continue;
    }
    const h = e.localHeader;
    if (h + 30 > bytes.length || v.getUint32(h, true) !== 0x04034b50) throw new DataError({ code: 'zipUnreadable', detail: `"${e.name}" has no local header` });
    const start = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
    if (start + e.compressed > bytes.length) throw new DataError({ code: 'zipUnreadable', detail: `"${e.name}" is cut short` });
    const data = bytes.subarray(start, start + e.compressed);
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.compressed !== e.size) throw new DataError({ code: 'zipUnreadable', detail: `"${e.name}" has inconsistent sizes` });
      out = data.slice();
    } else if (e.method === 8) {
      out = inflateCapped(data, e, used, guard);
    } else {
      throw new DataError({ code: 'zipUnreadable', detail: `"${e.name}" uses compression method ${e.method} (only stored and deflate are supported)` });
    }
    used += out.length;
    files.push({ path: e.name, bytes: out });
  }
  return { files, folders };
}
