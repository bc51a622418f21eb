import { fail, importError, type ImportError } from './errors';
import type { ManifestGroup } from './manifest';

/** Most bytes a teacher's files may take together (model.json + weights): a 4× margin over Hinton's 1200·1200 MLP. */
export const MAX_TEACHER_FILE_BYTES = 256 * 1024 * 1024;

/** Most parameters a loaded teacher may have (the worker holds it, its Adam-free forward pass and a student). */
export const MAX_TEACHER_PARAMS = 50_000_000;

/** Why picked teacher files are too big to read, or null (checked on sizes alone, before anything is read). */
export function filesTooLarge(sizes: readonly number[]): ImportError | null {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= MAX_TEACHER_FILE_BYTES) return null;
  const mb = (n: number) => String(Math.ceil(n / 1024 / 1024));
  return importError('too-large', 'filesTooLarge', { size: mb(total), limit: mb(MAX_TEACHER_FILE_BYTES) });
}

/** Throws an import failure when the manifest declares more than `MAX_TEACHER_PARAMS` weight values. */
export function checkParamCount(groups: readonly ManifestGroup[]): void {
  const params = groups.reduce((n, g) => n + g.weights.reduce((m, w) => m + w.shape.reduce((a, b) => a * b, 1), 0), 0);
  if (params > MAX_TEACHER_PARAMS) fail('too-large', 'tooManyParams', { params, limit: MAX_TEACHER_PARAMS });
}
