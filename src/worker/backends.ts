import * as tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { stageTrace } from './stageTrace';
import { registerWasmTrainingKernels } from '../engine/kernels/wasmTrainingKernels';
import { notesInEnglish, type BackendNote } from './backendReason';
import { autoBackend, errorText, type AutoPlatform, type StepBenchmark, type WebGpuProbe } from './autoChoice';
import { BACKEND_NAMES, type BackendChoice, type BackendInfo, type BackendName, type WasmThreads } from './protocol';

/**
 * Threads for the WASM backend: one per core but one (up to 8), leaving a core for the page's own thread (charts, the
 * drawing pad) and the browser. `npm run bench` measures 1 against 2 threads: on the 2-core development machine one
 * thread was faster for every recipe (XNNPACK's pool spins and competes with the page for the second core, and the
 * studio's small matmuls split poorly), so 2 cores get 1 thread; 4 cores get 3. tfjs's own default is half the cores.
 */
export function wasmThreadCount(): number {
  const cores = self.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, cores - 1));
}

/**
 * The wasm backend caps its thread pool at `navigator.hardwareConcurrency / 2` (read once, when the module starts), so
 * `setThreadsCount(2)` still gives one thread on a 2-core machine. While the backend starts, the worker's navigator
 * reports twice the wanted threads, so the pool gets exactly `threads`; the returned function restores the real value.
 */
function reportCoresForThreads(threads: number): () => void {
  const nav = self.navigator as Navigator & { hardwareConcurrency: number };
  if (!nav) return () => {};
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: threads * 2, configurable: true });
  } catch {
    return () => {};
  }
  return () => {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  };
}

/** The page can use WASM threads: cross-origin isolated, so SharedArrayBuffer exists. */
export function crossOriginIsolatedNow(): boolean {
  return (self as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

let wasmThreads: WasmThreads | null = null;
let threadOverride: number | null = null;

/** Sets the WASM thread count to try (the bench measures several); null: `wasmThreadCount()`. Before the backend starts. */
export function overrideWasmThreads(count: number | null): void {
  threadOverride = count;
}

/** The WASM backend's thread pool once it has started (null before). */
export function startedWasmThreads(): WasmThreads | null {
  return wasmThreads;
}

/** Looks for a WebGPU adapter and tells hardware from a software fallback. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { available: false, software: false, status: { code: 'missing' } };
  let adapter: GPUAdapter | null = null;
  try {
    stageTrace('requesting a WebGPU adapter');
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    stageTrace(`WebGPU adapter: ${adapter ? 'found' : 'none'}`);
  } catch (e) {
    return { available: false, software: false, status: { code: 'requestFailed', error: errorText(e) } };
  }
  if (!adapter) return { available: false, software: false, status: { code: 'noAdapter' } };
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const fallbackFlag =
    (info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined)?.isFallbackAdapter ??
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    false;
  const text = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  const software = fallbackFlag || /swiftshader|llvmpipe|software|warp/i.test(text);
  return { available: true, software, status: { code: 'adapter', software, adapter: text } };
}

/** Loads a backend's package (lazily) and makes it the active tfjs backend; throws when it cannot start. */
export async function activateBackend(name: BackendName): Promise<void> {
  stageTrace(`activate ${name} (active: ${tf.getBackend() ?? 'none'})`);
  switch (name) {
    case 'webgpu': {
      await import('@tensorflow/tfjs-backend-webgpu');
      // Flags measured on SwiftShader's software adapter (scripts/measure-webgpu-flags.mjs: batch 32, fresh page per
      // flag set, median of 5 rounds of 3 calls; the MNIST CNN teacher preset and the default MLP 64·64 on the spiral):
      //   tfjs defaults:                CNN forward 2155 ms, step 4312 ms; MLP forward 61 ms, step 193 ms
      //   + separate im2col shader:     CNN forward 1168 ms, step 3650 ms; MLP forward 48 ms, step 182 ms
      //   + packed matmul always (3):   CNN forward 1195 ms, step 3902 ms; MLP forward 11 ms, step 48 ms (first call
      //                                 compiles about 2 s longer, once per shape)
      //   + matmul-based conv backprop: no gain (CNN step 4359 ms), not taken.
      // Every measured set passed every kernel parity case; tests/e2e/parity.webgpu.spec.ts runs them with these flags.
      // Hardware adapters keep tfjs's own defaults, tuned on real GPUs: nothing here measured one.
      const software = (await probeWebGpu()).software;
      tf.env().set('WEBGPU_CONV_SEPARATE_IM2COL_SHADER', software);
      tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', software ? 3 : -1);
      break;
    }
    case 'wasm': {
      const wasm = await wasmModule();
      stageTrace('wasm module imported');
      // Emscripten's own loader fetches the binary: a fetch that fails rejects the backend's start ("WASM could not
      // start", and Auto goes on to the next backend). tfjs's platform-fetch loader (`setWasmPaths(…, true)`, used
      // until now) has no rejection handler, so one dropped request left the studio "Starting the backend…" forever.
      // Set once: tfjs refuses new paths after a failed start, and a later activation simply tries again.
      if (!wasmPathsSet) {
        wasm.setWasmPaths({
          'tfjs-backend-wasm.wasm': wasmUrl,
          'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
          'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
        });
        wasmPathsSet = true;
      }
      // Fast transposed matmuls (XNNPACK) and the conv filter gradient the wasm backend lacks: see wasmTrainingKernels.ts.
      registerWasmTrainingKernels();
      const threads = threadOverride ?? wasmThreadCount();
      wasm.setThreadsCount(threads);
      // Read by the build's wasmThreadsPlugin: start only as many pthread workers as threads.
      (self as unknown as Record<string, unknown>)['__distillPthreadPoolSize'] = threads;
      if (tf.getBackend() !== 'wasm') {
        const restore = reportCoresForThreads(threads);
        stageTrace(`wasm starting: ${threads} thread(s), cross-origin isolated ${crossOriginIsolatedNow()}`);
        try {
          await startBackend('wasm');
        } finally {
          restore();
        }
      }
      wasmThreads = { count: crossOriginIsolatedNow() ? Math.max(1, wasm.getThreadsCount()) : 1, isolated: crossOriginIsolatedNow() };
      return;
    }
    case 'webgl':
      // Kernel parity (tests/e2e/parity.spec.ts) found wrong step-2 dense gradients for odd class counts with packed
      // binary ops (stale values in padded packed textures, read by the next matmul), and wrong max-pool/CNN results
      // with shape uniforms. Both off: every parity case matches the CPU, and a CNN step even got faster (1.9 → 1.5 s).
      tf.env().set('WEBGL_PACK_BINARY_OPERATIONS', false);
      tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', false);
      break;
    case 'cpu':
      break;
  }
  if (tf.getBackend() === name) return;
  await startBackend(name);
}

/** Makes `name` tfjs's backend, initialising it on first use; throws when it cannot start. */
async function startBackend(name: BackendName): Promise<void> {
  if (startHold && !tf.findBackend(name)) holdFactory(name, startHold);
  const ok = await tf.setBackend(name);
  stageTrace(`setBackend(${name}): ${ok}`);
  if (!ok) throw new Error(`${name} could not be initialised`);
  await tf.ready();
  stageTrace(`${name} ready`);
}

/** Test builds only: while set, a backend's first start stays pending inside tfjs until this settles. */
let startHold: Promise<void> | null = null;

/**
 * Test builds only: every backend started from now on stays in tfjs's "not yet initialized" state (as WASM is while
 * its module compiles, only for as long as the test wants) until the returned function is called.
 */
export function holdBackendStarts(): () => void {
  let release = () => {};
  const hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  startHold = hold;
  return () => {
    if (startHold === hold) startHold = null;
    release();
  };
}

/** Wraps a registered backend factory so its initialisation first waits for `until`. */
function holdFactory(name: BackendName, until: Promise<void>): void {
  const entry = tf.engine().registryFactory[name];
  if (!entry) return;
  const { factory, priority } = entry;
  tf.engine().registryFactory[name] = {
    factory: async () => {
      await until;
      return factory();
    },
    priority,
  };
}

/** The WASM binaries' URLs were handed to tfjs (it accepts them only before its first start attempt). */
let wasmPathsSet = false;

let wasmModuleLoad: Promise<typeof import('@tensorflow/tfjs-backend-wasm')> | null = null;

/**
 * The WASM backend's chunk, imported once: the warm-up and the first activation share one dynamic import instead of
 * starting two of the same chunk at once (a failed import is forgotten, so the next activation tries again).
 */
function wasmModule(): Promise<typeof import('@tensorflow/tfjs-backend-wasm')> {
  wasmModuleLoad ??= import('@tensorflow/tfjs-backend-wasm').catch((e: unknown) => {
    wasmModuleLoad = null;
    throw e;
  });
  return wasmModuleLoad;
}

/** The browser's probes and backends, as Auto uses them. */
const BROWSER: AutoPlatform = { probeWebGpu, webglRenderer, activate: activateBackend };

export { errorText, type StepBenchmark, type WebGpuProbe };

/** Picks and activates a backend: a forced one (falling through on failure), or Auto's choice. */
export async function chooseBackend(
  choice: BackendChoice,
  benchmark: StepBenchmark,
  cache: Map<string, BackendInfo>,
  cacheKey: string,
  onMeasured?: (key: string, info: BackendInfo) => void,
): Promise<BackendInfo> {
  return withThreads(await chooseBackendOnly(choice, benchmark, cache, cacheKey, onMeasured));
}

/** Adds the WASM thread pool to a decision for the wasm backend. */
function withThreads(info: BackendInfo): BackendInfo {
  if (info.name !== 'wasm' || !wasmThreads) return info;
  return { ...info, threads: wasmThreads };
}

/** chooseBackend without the thread annotation. */
async function chooseBackendOnly(
  choice: BackendChoice,
  benchmark: StepBenchmark,
  cache: Map<string, BackendInfo>,
  cacheKey: string,
  onMeasured?: (key: string, info: BackendInfo) => void,
): Promise<BackendInfo> {
  if (choice !== 'auto') return forceBackend(choice);
  const cached = cache.get(cacheKey);
  // A decision measured for these models and batch before (hardware WebGPU included) is reused.
  if (cached && cached.reason.code === 'benchmarked') {
    try {
      await activateBackend(cached.name);
      return { ...cached, reason: { ...cached.reason, cached: true } };
    } catch {
      cache.delete(cacheKey);
    }
  }
  stageTrace('Auto: timing the backends');
  const info = await autoBackend(async (alone) => {
    stageTrace(`timing ${tf.getBackend()}`);
    const ms = await benchmark(alone);
    stageTrace(`timed ${tf.getBackend()}: ${ms.toFixed(1)} ms per step`);
    return ms;
  }, BROWSER);
  stageTrace(`Auto chose ${info.name}`);
  cache.set(cacheKey, info);
  onMeasured?.(cacheKey, info);
  return info;
}

/** Forces one backend; if it fails to start, falls through to the next in order and says so. */
async function forceBackend(choice: BackendName): Promise<BackendInfo> {
  const notes: BackendNote[] = [];
  const order = [choice, ...BACKEND_NAMES.filter((b) => b !== choice)];
  for (const name of order) {
    try {
      await activateBackend(name);
      return {
        name,
        reason: name === choice ? { code: 'forced' } : { code: 'fellThrough', chosen: choice },
        notes,
      };
    } catch (e) {
      notes.push({ code: 'initFailed', backend: name, error: errorText(e) });
    }
  }
  throw new Error(`No backend could be initialised. ${notesInEnglish(notes)}`);
}

/**
 * Work Auto needs on the way to the first run, done while the page is still rendering (before its first prepare request
 * arrives): loading the WASM backend's module (a separate chunk, about 150 ms to fetch and compile) and the WebGL probe.
 */
export function warmUpBackendChoice(): void {
  void wasmModule().catch(() => undefined);
  setTimeout(() => webglRenderer(), 0);
}

/** The WebGL probe's answer, once made (creating the context takes about 200 ms on SwiftShader; it does not change). */
let probedRenderer: { renderer: string; software: boolean } | null = null;

/** What renders WebGL here: the unmasked renderer string, and whether it is a software fallback (SwiftShader, llvmpipe). */
export function webglRenderer(): { renderer: string; software: boolean } {
  if (!probedRenderer) {
    probedRenderer = probeWebglRenderer();
    stageTrace(`WebGL renderer: '${probedRenderer.renderer}'${probedRenderer.software ? ' (software)' : ''}`);
  }
  return probedRenderer;
}

/** Creates a throw-away WebGL context and reads its renderer. */
function probeWebglRenderer(): { renderer: string; software: boolean } {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { renderer: '', software: false };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, software: /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) };
  } catch {
    return { renderer: '', software: false };
  }
}

