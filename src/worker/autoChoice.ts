import { notesInEnglish, type BackendNote, type BackendTiming, type WebGpuStatus } from './backendReason';
import type { BackendInfo, BackendName } from './protocol';

/** What the WebGPU probe found. */
export interface WebGpuProbe {
  /** A usable adapter exists. */
  available: boolean;
  /** The adapter is a software fallback (SwiftShader), far slower than WASM or WebGL for training. */
  software: boolean;
  /** What was found, as a code the UI words (e.g. a software adapter named swiftshader, or no adapter). */
  status: WebGpuStatus;
}

/** What Auto needs of the browser: the probes and a way to start a backend (the tests inject their own). */
export interface AutoPlatform {
  probeWebGpu(): Promise<WebGpuProbe>;
  webglRenderer(): { renderer: string; software: boolean };
  /** Makes `name` the active tfjs backend; throws when it cannot start. */
  activate(name: BackendName): Promise<void>;
}

/**
 * Times training on the active backend (ms per step); throws when a kernel is missing. `alone`: no other backend will be
 * timed against this one, so one step after the warm-up is enough (it still proves the backend can train the models).
 */
export type StepBenchmark = (alone: boolean) => Promise<number>;

/**
 * Auto: times one training step of these models on every backend worth timing and activates the fastest. A hardware
 * WebGPU adapter is timed like the rest: tfjs pays a dispatch per op there, so for small models WASM often wins, and
 * only a large enough model lets the GPU pull ahead. Software WebGPU (SwiftShader) and software WebGL are not timed;
 * the CPU backend only when WASM cannot train.
 */
export async function autoBackend(benchmark: StepBenchmark, platform: AutoPlatform): Promise<BackendInfo> {
  const notes: BackendNote[] = [];
  const gpu = await platform.probeWebGpu();
  const webgl = platform.webglRenderer();
  const hardwareGpu = gpu.available && !gpu.software;
  const candidates: BackendName[] = hardwareGpu ? ['webgpu', 'wasm', 'webgl', 'cpu'] : ['wasm', 'webgl', 'cpu'];
  const timings: BackendTiming[] = [];
  for (const name of candidates) {
    // SwiftShader's WebGL is far slower than WASM and its shader compiles alone take seconds: not worth timing.
    if (name === 'webgl' && webgl.software) {
      notes.push({ code: 'softwareWebgl', renderer: webgl.renderer });
      continue;
    }
    // The CPU backend runs the same kernels as WASM in plain JavaScript: only timed when WASM cannot train.
    if (name === 'cpu' && timings.some((t) => t.name === 'wasm')) {
      notes.push({ code: 'cpuNotTimed' });
      continue;
    }
    try {
      await platform.activate(name);
    } catch (e) {
      notes.push({ code: 'initFailed', backend: name, error: errorText(e) });
      continue;
    }
    // WASM alone is timed when neither a hardware GPU nor a hardware WebGL renderer competes with it.
    const alone = name === 'wasm' && webgl.software && !timings.some((t) => t.name === 'webgpu');
    try {
      timings.push({ name, ms: await benchmark(alone) });
    } catch (e) {
      notes.push({ code: 'cannotTrain', backend: name, error: errorText(e) });
    }
  }
  if (timings.length === 0) throw new Error(`No backend can train these models. ${notesInEnglish(notes)}`);
  timings.sort((a, b) => a.ms - b.ms);
  const best = timings[0]!;
  await platform.activate(best.name);
  return { name: best.name, reason: { code: 'benchmarked', webgpu: gpu.status, timings }, notes };
}

/** An error's message (or the thrown value as text). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
