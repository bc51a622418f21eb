import { i18n } from '../i18n';
/** The least a picked file must offer (a browser `File`, or a stand-in in tests). */
export interface NamedFile {
  name: string;
  size: number;
}

/** What a pick of files means: a CSV, a full idx pair, half a pair (waiting for the other file), or a mistake. */
export type FilePick<F extends NamedFile> =
  | { kind: 'csv'; file: F }
  | { kind: 'idx'; images: F; labels: F }
  | { kind: 'idxHalf'; file: F }
  | { kind: 'error'; message: string };

/** Largest CSV the studio reads (its text is held in memory twice: in the tab and in the worker). */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

/** Largest idx file the studio reads (Fashion-MNIST's training images are 47 MB raw). */
export const MAX_IDX_BYTES = 200 * 1024 * 1024;

/** True when a file name looks like an idx file (`…-idx3-ubyte`, `….idx1-ubyte.gz`, `….ubyte`, or any `.gz`). */
export function looksLikeIdx(name: string): boolean {
  return /idx\d|ubyte|\.gz$/i.test(name);
}

/** Which half of an idx pair a file name suggests, or null when the name does not say. */
export function idxRole(name: string): 'images' | 'labels' | null {
  if (/idx3|image/i.test(name)) return 'images';
  if (/idx1|label/i.test(name)) return 'labels';
  return null;
}

/** Orders two idx files as images and labels: by name, else the larger one holds the images. */
function pairOf<F extends NamedFile>(a: F, b: F): { images: F; labels: F } {
  const ra = idxRole(a.name);
  const rb = idxRole(b.name);
  if (ra === 'images' || rb === 'labels') return { images: a, labels: b };
  if (ra === 'labels' || rb === 'images') return { images: b, labels: a };
  return a.size >= b.size ? { images: a, labels: b } : { images: b, labels: a };
}

/** Size in MB, for messages. */
function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Interprets newly picked files, given an idx file picked earlier that waits for its partner (or null). */
export function classifyFiles<F extends NamedFile>(files: readonly F[], pending: F | null): FilePick<F> {
  const tooBig = files.find((f) => f.size > (looksLikeIdx(f.name) ? MAX_IDX_BYTES : MAX_CSV_BYTES));
  if (tooBig) {
    const limit = looksLikeIdx(tooBig.name) ? MAX_IDX_BYTES : MAX_CSV_BYTES;
    return { kind: 'error', message: i18n.t('app:upload.tooBig', { name: tooBig.name, size: mb(tooBig.size), limit: mb(limit) }) };
  }
  const [first, second] = files;
  if (!first) return { kind: 'error', message: i18n.t('app:upload.noFile') };
  if (files.length > 2) return { kind: 'error', message: i18n.t('app:upload.tooMany', { count: files.length }) };
  if (second) {
    if (!looksLikeIdx(first.name) || !looksLikeIdx(second.name)) {
      return { kind: 'error', message: i18n.t('app:upload.twoFiles') };
    }
    return { kind: 'idx', ...pairOf(first, second) };
  }
  if (!looksLikeIdx(first.name)) return { kind: 'csv', file: first };
  if (pending && pending.name !== first.name) return { kind: 'idx', ...pairOf(pending, first) };
  return { kind: 'idxHalf', file: first };
}
