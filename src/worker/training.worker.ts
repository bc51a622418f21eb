/// <reference lib="webworker" />
import type { WorkerRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// The worker's entry holds no shared code: everything is in chunks that this entry (and the lazily loaded chunks: the
// WASM backend, the ONNX export) import. When a lazy chunk imported from the entry chunk itself, WebKit evaluated the
// entry a second time, with a second copy of the worker's modules. Messages that come while the main module loads wait.
const early: MessageEvent<WorkerRequest>[] = [];
self.onmessage = (e: MessageEvent<WorkerRequest>) => early.push(e);
// A main module that fails to load (a chunk that did not arrive) or to boot is rethrown outside the promise, so it
// reaches the page's `worker.onerror` as a worker crash with its message, instead of leaving the page waiting forever.
import('./trainingWorkerMain')
  .then((main) => main.boot(early))
  .catch((e: unknown) =>
    setTimeout(() => {
      throw new Error(`The training worker could not start: ${e instanceof Error ? e.message : String(e)}`);
    }),
  );
