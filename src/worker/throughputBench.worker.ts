/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { flopsPerExample } from '../engine/models/archFigures';
import { BENCH_CNN_RECIPE, BENCH_COLOUR_RECIPE, BENCH_RECIPE, runBenchRecipe, type BenchBudget } from '../engine/train/throughputRecipes';
import { benchDecode } from './decodeBench';
import { activateBackend, errorText, overrideWasmThreads, startedWasmThreads } from './backends';
import { appBenchConfig, runAppBench } from './benchAppRun';
import type { BackendName } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Which fixed recipe to time: the MLP pair, the MNIST CNN teacher preset, or the colour teacher preset (32×32×3). */
export type BenchRecipeName = 'mlp' | 'cnn' | 'colour';

/** A benchmark request from the bench page. */
export interface BenchRequest {
  backend: BackendName;
  recipe: BenchRecipeName;
  budget: BenchBudget;
  readEvery: number;
  /** WASM threads to start with (null: the studio's default). */
  threads: number | null;
  /** Also run a whole MNIST experiment of the recipe through the worker's Run (evaluation, checkpoints, messages). */
  app: boolean;
  /** Epochs per phase of that run (default 1). */
  appEpochs?: number;
  /**
   * Epochs per phase of a second, longer app run (none if unset): what it takes longer than the first, per added epoch,
   * is the app's steady per-epoch cost, without the phases' one-time work (building the model, caching the logits).
   */
  appLongerEpochs?: number;
  /** Time image decoding instead of training: this many images of each format and size. */
  decode?: number;
}

/** Heap in use, where the browser exposes it (Chromium's non-standard performance.memory). */
function heapBytes(): number | null {
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return mem ? mem.usedJSHeapSize : null;
}

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const { backend, recipe, budget, readEvery, threads, app, appEpochs, appLongerEpochs, decode } = e.data;
  const r = recipe === 'cnn' ? BENCH_CNN_RECIPE : recipe === 'colour' ? BENCH_COLOUR_RECIPE : BENCH_RECIPE;
  try {
    if (decode) {
      // Small pictures (a phone's thumbnail), a web photo and a camera-sized photo, as PNG and JPEG.
      const sizes: [number, number][] = [[256, 256], [1024, 768], [4000, 3000]];
      const figures = [];
      for (const [w, h] of sizes) for (const format of ['png', 'jpeg'] as const) figures.push(await benchDecode(format, w, h, w > 2000 ? Math.ceil(decode / 10) : decode));
      self.postMessage({ ok: true, decode: figures });
      return;
    }
    overrideWasmThreads(threads);
    await activateBackend(backend);
    const heapBefore = heapBytes();
    const figures = await runBenchRecipe(budget, readEvery, r);
    const after = tf.memory();
    // Training FLOPs per example ≈ 3 × forward (forward, input gradient, weight gradient).
    const trainFlops = { teacher: 3 * flopsPerExample(r.teacher, r.inputShape, r.numClasses), student: 3 * flopsPerExample(r.student, r.inputShape, r.numClasses) };
    const numTensorsBeforeApp = tf.memory().numTensors;
    const appRun = (epochs: number) => runAppBench(appBenchConfig(r.teacher, r.student, r.batchSize, epochs), backend, (event) => self.postMessage({ appEvent: event.type }));
    // With a longer run to compare, both runs find the code warm: a first, unreported run of the short length goes before
    // them (a first run pays first-call costs that the difference would count against the short run).
    if (app && appLongerEpochs) await appRun(appEpochs ?? 1);
    const appFigures = app ? await appRun(appEpochs ?? 1) : null;
    const appLonger = app && appLongerEpochs ? await appRun(appLongerEpochs) : null;
    self.postMessage({
      ok: true,
      backend: tf.getBackend(),
      recipe,
      threads: tf.getBackend() === 'wasm' ? startedWasmThreads() : null,
      crossOriginIsolated: self.crossOriginIsolated,
      trainFlops,
      ...figures,
      numTensorsAfter: after.numTensors,
      heapBefore,
      heapAfter: heapBytes(),
      app: appFigures,
      appLonger,
      numTensorsBeforeApp,
      numTensorsAfterApp: tf.memory().numTensors,
    });
  } catch (err) {
    self.postMessage({ ok: false, backend, recipe, error: errorText(err) });
  }
};
