import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** The module of tfjs-backend-wasm that starts the threaded build. */
const BACKEND_MODULE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

/** Where it gives the pthread workers the Emscripten factory: a Blob of the *bundled function's source text*. */
const FACTORY_BLOB = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;

/** The Emscripten module of the threaded build (its main-thread copy, bundled into the worker). */
const THREADED_MODULE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

/** The size of the pthread pool Emscripten starts up front: 8 workers, whatever the thread count. */
const POOL_SIZE = 'var pthreadPoolSize=8;';

/** The global the training worker sets to the thread count it wants before the backend starts. */
export const POOL_SIZE_GLOBAL = '__distillPthreadPoolSize';

/** Where it makes the pthread worker script: a Blob URL of the worker's source, inlined as a string. */
const WORKER_BLOB = /const response = wasmWorkerContents\.replace\([^;]*;\s*const blob = new Blob\(\[response\], \{ type: 'application\/javascript' \}\);\s*return URL\.createObjectURL\(blob\);/;

/**
 * Makes the threaded WASM backend work in a minified bundle under the studio's strict CSP (no `blob:` scripts).
 * tfjs-backend-wasm 4.22 starts each pthread worker from a Blob URL and hands it `wasmFactoryThreadedSimd.toString()`.
 * After minification that function refers to variables of the bundle's closure (the minifier turns
 * `typeof _scriptDir !== "undefined"` into a bare `e !== void 0`), so every pthread worker dies with "e is not defined";
 * and Blob scripts would need `blob:` in script-src and worker-src. This serves both files as they ship, from the
 * studio's own origin instead: the worker script (its text, which tfjs ships as a string export, emitted as a file) and
 * the untouched Emscripten module it imports (a `?url` asset). The main thread keeps the bundled factory. The build
 * fails loudly if tfjs changes either line. Build only: the dev server has no CSP and does not minify.
 */
export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'distill-wasm-threads',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0]!;
      if (THREADED_MODULE.test(path) && !id.includes('?')) {
        // Start only as many pthread workers as the studio uses threads (8 workers load and instantiate the module on a
        // 2-core machine for nothing); Emscripten still adds workers on demand if XNNPACK ever asks for more.
        if (!code.includes(POOL_SIZE)) this.error('tfjs-backend-wasm changed its pthread pool: update wasmThreadsPlugin.ts.');
        return { code: code.replace(POOL_SIZE, `var pthreadPoolSize=(typeof self!=="undefined"&&self.${POOL_SIZE_GLOBAL})||8;`), map: null };
      }
      if (!BACKEND_MODULE.test(path)) return null;
      if (!FACTORY_BLOB.test(code) || !WORKER_BLOB.test(code)) {
        this.error('tfjs-backend-wasm changed how it starts pthread workers: update wasmThreadsPlugin.ts.');
      }
      // The same text tfjs would put in its Blob (it escapes newlines the same way).
      const { wasmWorkerContents } = createRequire(id)('../wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as { wasmWorkerContents: string };
      const workerRef = this.emitFile({ type: 'asset', name: 'tfjs-backend-wasm-pthread.worker.js', source: wasmWorkerContents.replace(/\n/g, '\\n') });
      const patched = code
        .replace(FACTORY_BLOB, 'distillPthreadModuleUrl')
        .replace(WORKER_BLOB, `return import.meta.ROLLUP_FILE_URL_${workerRef};`);
      const imports = "import distillPthreadModuleUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url&no-inline';";
      return { code: `${imports}\n${patched}`, map: null };
    },
  };
}
