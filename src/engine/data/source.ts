import type { DatasetSource, ProgressFn } from './types';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Joins byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Decompressed data grew past the caller's limit (a gzip bomb, or simply too much data); reading stopped there. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The data decompresses to more than ${Math.round(limitBytes / 1024 / 1024)} MB.`);
  }
}

/** Reads a byte stream to the end (or throws `TooLargeError` past `limit` bytes), reporting `received / total` when the total is known. */
async function readAll(stream: ReadableStream<Uint8Array>, total: number, onProgress: ProgressFn, limit = Infinity): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (received > limit) {
      await reader.cancel();
      throw new TooLargeError(limit);
    }
    if (total > 0) onProgress(Math.min(received / total, 1));
  }
  return concatBytes(chunks);
}

/**
 * Decompresses gzip bytes with the platform's `DecompressionStream` (workers, browsers, Node ≥ 18); stops with
 * `TooLargeError` as soon as the output passes `maxBytes`, so a small file cannot expand to gigabytes in memory.
 */
export async function gunzip(bytes: Uint8Array, what = 'data', maxBytes = Infinity): Promise<Uint8Array> {
  // DecompressionStream takes ArrayBuffer-backed views only (not SharedArrayBuffer).
  const owned = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      controller.enqueue(owned);
      controller.close();
    },
  });
  try {
    return await readAll(input.pipeThrough(new DecompressionStream('gzip')), 0, () => undefined, maxBytes);
  } catch (e) {
    if (e instanceof TooLargeError) throw e;
    throw new Error(`Could not decompress ${what}: it is not valid gzip (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
}

/** Gunzips the bytes when they start with the gzip magic number; returns them unchanged otherwise. */
export async function maybeGunzip(bytes: Uint8Array, what = 'data'): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, what) : bytes;
}

/** The site root the default source resolves paths against: the origin of the page or worker script. */
function defaultBase(): string | undefined {
  const loc = (globalThis as { location?: { href?: string } }).location;
  return loc?.href ? new URL('/', loc.href).href : undefined;
}

/**
 * A source that downloads with `fetch` from `baseUrl` (default: the origin root; pass Vite's
 * `import.meta.env.BASE_URL` resolved against the page when the app is served from a sub-path).
 * Progress streams from Content-Length when the server sends it, else arrives as a single 1 at the end.
 * Paths ending in `.gz` are gunzipped unless the server already decoded them (Content-Encoding: gzip).
 */
export function createFetchSource(baseUrl?: string | URL, fetchFn: typeof fetch = (input, init) => fetch(input, init)): DatasetSource {
  return {
    async fetchBytes(path, onProgress) {
      const base = baseUrl ?? defaultBase();
      let url: URL;
      try {
        url = new URL(path, base);
      } catch {
        throw new Error(`Cannot resolve dataset path "${path}": no base URL (use createFetchSource(baseUrl)).`);
      }
      let res: Response;
      try {
        res = await fetchFn(url.href);
      } catch (e) {
        throw new Error(`Could not download ${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!res.ok) throw new Error(`Could not download ${path}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`);
      const encoding = res.headers.get('Content-Encoding');
      const length = Number(res.headers.get('Content-Length'));
      // With a content encoding, Content-Length counts encoded bytes while the body yields decoded ones.
      const total = (!encoding || encoding === 'identity') && Number.isFinite(length) && length > 0 ? length : 0;
      const bytes = res.body ? await readAll(res.body, total, onProgress) : new Uint8Array(await res.arrayBuffer());
      onProgress(1);
      return path.endsWith('.gz') ? maybeGunzip(bytes, path) : bytes;
    },
  };
}

/** Default `fetchBytes`: downloads a site-root-relative path with `fetch`, streaming progress, gunzipping `.gz`. */
export function fetchDatasetBytes(path: string, onProgress: ProgressFn): Promise<Uint8Array> {
  return createFetchSource().fetchBytes(path, onProgress);
}

/** The default dataset source (`fetchDatasetBytes`). */
export const fetchSource: DatasetSource = { fetchBytes: fetchDatasetBytes };
