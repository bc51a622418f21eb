import * as tf from '@tensorflow/tfjs';
import { HEAP_SIMD_PLAIN, HEAP_SIMD_SHARED } from './heapSimdModule';

/*
 * SIMD host passes on the WASM backend: a small WebAssembly module (`heapSimd.wat`) that imports the backend's own memory.
 * It runs Adam's update and a matrix transpose in four float32 lanes (the JavaScript loops they replace run one double at
 * a time) and gathers a batch's rows with bulk copies inside the heap. It is instantiated once per backend memory; where
 * WebAssembly SIMD (or the shared memory of the threaded backend) is not supported, `heapSimd()` is null and the callers
 * keep their JavaScript loops.
 */

/** The module's exports. Pointers are byte offsets into the wasm backend's heap; counts are in float32 values. */
export interface HeapSimd {
  /**
   * Adam for n values in float32, in tfjs's order of operations (see heapSimd.wat): writes w1, m1, v1 from w, g, m, v;
   * `c1`, `c2` are 1 − βᵗ and `keep1`, `keep2` 1 − β.
   */
  adam(w: number, g: number, m: number, v: number, w1: number, m1: number, v1: number, n: number, lr: number, c1: number, c2: number, beta1: number, beta2: number, keep1: number, keep2: number, epsilon: number): void;
  /** The gradient through relu for n values: `out = g` where relu's output `y > 0`, else 0. */
  reluGrad(g: number, y: number, out: number, n: number): void;
  /** Copies row `idx[k]` of `src` (rows of `rowBytes`) to row k of `dst`, for the `count` int32 row numbers at `idx`. */
  gatherRows(src: number, idx: number, count: number, rowBytes: number, dst: number): void;
  /** Writes the transpose of the row-major `rows × cols` float32 matrix at `src` into `dst`. */
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

/** The wasm backend's Emscripten module, as far as its memory goes (the plain build exports it, the threaded one makes it). */
interface EmscriptenMemory {
  asm?: { memory?: unknown };
  wasmMemory?: unknown;
}

let instantiated: { memory: WebAssembly.Memory; simd: HeapSimd | null } | null = null;
let enabled = true;

/** Turns the SIMD passes off (or back on), so tests and benchmarks can compare them with the JavaScript loops. */
export function setHeapSimdEnabled(on: boolean): void {
  enabled = on;
}

/** The active wasm backend's memory, or null on another backend. */
function backendMemory(): WebAssembly.Memory | null {
  if (tf.getBackend() !== 'wasm') return null;
  const module = (tf.backend() as unknown as { wasm?: EmscriptenMemory }).wasm;
  const memory = module?.asm?.memory ?? module?.wasmMemory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/** Decodes base64 to bytes. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The SIMD passes for the active wasm backend's heap, or null (another backend, no WebAssembly SIMD, or turned off). */
export function heapSimd(): HeapSimd | null {
  if (!enabled) return null;
  const memory = backendMemory();
  if (!memory) return null;
  if (instantiated?.memory !== memory) {
    let simd: HeapSimd | null = null;
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const module = new WebAssembly.Module(fromBase64(shared ? HEAP_SIMD_SHARED : HEAP_SIMD_PLAIN));
      simd = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as HeapSimd;
    } catch {
      simd = null; // No WebAssembly SIMD here: the JavaScript loops do the work.
    }
    instantiated = { memory, simd };
  }
  return instantiated.simd;
}
