import { describe, expect, it } from 'vitest';
import { createFetchSource, fetchDatasetBytes, gunzip, isGzip } from '../../src/engine/data/source';
import { fixtureBytes } from '../fixtures/fsSource';

/** A fake `fetch` that serves `body` in `chunks` pieces with the given headers, recording requested URLs. */
function fakeFetch(body: Uint8Array, headers: Record<string, string> = {}, chunks = 4, status = 200) {
  const urls: string[] = [];
  const fn: typeof fetch = async (input) => {
    urls.push(String(input));
    const size = Math.ceil(body.length / chunks);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += size) controller.enqueue(body.slice(i, i + size));
        controller.close();
      },
    });
    return new Response(status === 200 ? stream : null, { status, statusText: status === 404 ? 'Not Found' : '', headers });
  };
  return { fn, urls };
}

describe('fetch source', () => {
  it('streams progress from Content-Length and gunzips .gz paths', async () => {
    const gz = await fixtureBytes('shapes-labels-idx1-ubyte.gz');
    const raw = await fixtureBytes('shapes-labels-idx1-ubyte');
    const { fn, urls } = fakeFetch(gz, { 'Content-Length': String(gz.length) });
    const seen: number[] = [];
    const bytes = await createFetchSource('http://example.test/app/', fn).fetchBytes('datasets/x.bin.gz', (f) => seen.push(f));
    expect(urls).toEqual(['http://example.test/app/datasets/x.bin.gz']);
    expect(Array.from(bytes)).toEqual(Array.from(raw));
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('falls back to a single final progress report without Content-Length, and keeps non-.gz bytes as they are', async () => {
    const body = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const seen: number[] = [];
    const bytes = await createFetchSource('http://example.test/', fakeFetch(body).fn).fetchBytes('a.bin', (f) => seen.push(f));
    expect(Array.from(bytes)).toEqual(Array.from(body));
    expect(seen).toEqual([1]);
  });

  it('does not gunzip twice when the server already decoded a .gz file (Content-Encoding: gzip)', async () => {
    const raw = await fixtureBytes('shapes-labels-idx1-ubyte');
    const seen: number[] = [];
    const { fn } = fakeFetch(raw, { 'Content-Encoding': 'gzip', 'Content-Length': '33' });
    const bytes = await createFetchSource('http://example.test/', fn).fetchBytes('x.bin.gz', (f) => seen.push(f));
    expect(Array.from(bytes)).toEqual(Array.from(raw));
    expect(seen).toEqual([1]);
  });

  it('reports HTTP errors, network errors and unresolvable paths clearly', async () => {
    const notFound = createFetchSource('http://example.test/', fakeFetch(new Uint8Array(), {}, 1, 404).fn);
    await expect(notFound.fetchBytes('datasets/mnist.bin.gz', () => undefined)).rejects.toThrow('Could not download datasets/mnist.bin.gz: HTTP 404 Not Found.');
    const offline = createFetchSource('http://example.test/', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.fetchBytes('a.bin', () => undefined)).rejects.toThrow('Could not download a.bin: Failed to fetch');
    // Node has no `location`, so the default source cannot resolve a relative path.
    await expect(fetchDatasetBytes('datasets/mnist.bin.gz', () => undefined)).rejects.toThrow(/no base URL/);
  });

  it('gunzip detects and decodes gzip and rejects corrupt data', async () => {
    const gz = await fixtureBytes('shapes-images-idx3-ubyte.gz');
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect((await gunzip(gz)).length).toBe(5776);
    await expect(gunzip(gz.subarray(0, 100), 'the file')).rejects.toThrow(/Could not decompress the file/);
  });
});
