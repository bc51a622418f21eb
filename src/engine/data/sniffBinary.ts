/** What a binary file looks like, judged from its first bytes (magic numbers), or `binary` when it only has NUL bytes. */
export type BinaryKind = 'png' | 'jpeg' | 'gif' | 'gzip' | 'zip' | 'pdf' | 'webp' | 'idx' | 'binary';

/** Known magic numbers, checked in order at the start of the file. */
const MAGIC: readonly { kind: BinaryKind; bytes: readonly number[] }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'idx', bytes: [0x00, 0x00, 0x08] },
];

/** How many leading bytes are searched for NUL bytes (text files never contain one). */
export const SNIFF_BYTES = 4096;

/** What a file's first bytes say it is when it is not text (a CSV is text), or null when it may be text. */
export function sniffBinary(head: Uint8Array): BinaryKind | null {
  for (const m of MAGIC) if (m.bytes.every((b, i) => head[i] === b)) return m.kind;
  // RIFF....WEBP
  if (head.length >= 12 && String.fromCharCode(...head.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP') return 'webp';
  return head.subarray(0, SNIFF_BYTES).includes(0) ? 'binary' : null;
}

/**
 * The same judgement on text already decoded as UTF-8 (bytes that are not UTF-8 became U+FFFD), for callers that only
 * have the text: a NUL character, or the text forms of the PNG, gzip, zip and PDF magic numbers.
 */
export function sniffBinaryText(text: string): BinaryKind | null {
  if (text.startsWith('\uFFFDPNG')) return 'png';
  if (text.startsWith('\u001F\uFFFD')) return 'gzip';
  if (text.startsWith('PK\u0003\u0004') || text.startsWith('PK\u0005\u0006')) return 'zip';
  if (text.startsWith('%PDF-')) return 'pdf';
  if (text.startsWith('GIF8')) return 'gif';
  if (text.startsWith('\uFFFD\uFFFD\uFFFD') && text.slice(0, SNIFF_BYTES).split('\uFFFD').length > 8) return 'binary';
  return text.slice(0, SNIFF_BYTES).includes('\u0000') ? 'binary' : null;
}
