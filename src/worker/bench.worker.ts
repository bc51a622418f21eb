/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { runBenchRecipe, type BenchBudget } from '../engine/train/benchRecipe';
import { activateBackend, errorText, overrideWasmThreads, startedWasmThreads } from './backends';
import type { BackendName } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** A benchmark request from the bench page. */
export interface BenchRequest {
  backend: BackendName;
  budget: BenchBudget;
  readEvery: number;
  /** WASM threads to start with (null: the studio's default). */
  threads: number | null;
}

/** Heap in use, where the browser exposes it (Chromium's non-standard performance.memory). */
function heapBytes(): number | null {
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return mem ? mem.usedJSHeapSize : null;
}

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const { backend, budget, readEvery, threads } = e.data;
  try {
    overrideWasmThreads(threads);
    await activateBackend(backend);
    const heapBefore = heapBytes();
    const figures = await runBenchRecipe(budget, readEvery);
    const after = tf.memory();
    self.postMessage({ ok: true, backend: tf.getBackend(), threads: tf.getBackend() === 'wasm' ? startedWasmThreads() : null, ...figures, numTensorsAfter: after.numTensors, heapBefore, heapAfter: heapBytes() });
  } catch (err) {
    self.postMessage({ ok: false, backend, error: errorText(err) });
  }
};
