import type { OrtLike } from '../engine/import/onnxRun';

/** How the worker's onnxruntime-web runs: threads when the page is cross-origin isolated, else one. */
export interface OrtSetup {
  ort: OrtLike;
  threads: number;
}

let loading: Promise<OrtSetup> | null = null;

/**
 * onnxruntime-web (WASM execution provider), imported on first use only — never in the page's initial load — and
 * pointed at the .wasm file the studio serves itself (a Vite `?url` asset), so nothing comes from a CDN. With
 * cross-origin isolation (SharedArrayBuffer) it runs multi-threaded; otherwise single-threaded.
 */
export function loadOrt(): Promise<OrtSetup> {
  loading ??= (async () => {
    const [ort, wasm] = await Promise.all([import('onnxruntime-web/wasm'), import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url')]);
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    const threads = isolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
    ort.env.wasm.wasmPaths = { wasm: wasm.default };
    ort.env.wasm.numThreads = threads;
    ort.env.wasm.proxy = false; // already in a worker
    ort.env.logLevel = 'error';
    return { ort: ort as unknown as OrtLike, threads };
  })();
  loading.catch(() => {
    loading = null; // a failed load (e.g. a network hiccup) may be retried with the next file
  });
  return loading;
}
