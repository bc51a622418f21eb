import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleHeapSimd, HEAP_SIMD_MODULE, heapSimdModuleSource } from '../../scripts/build-heap-simd.mjs';
import { heapSimd, setHeapSimdEnabled, type HeapSimd } from '../../src/engine/kernels/heapSimd';
import { HEAP_SIMD_PLAIN, HEAP_SIMD_SHARED } from '../../src/engine/kernels/heapSimdModule';
import { HostAdam } from '../../src/engine/train/hostAdam';
import { values } from './seededValues';

/*
 * The SIMD host passes over the wasm heap (heapSimd.wat): the committed binaries are the source assembled; the
 * transpose and the row gather are exact copies (edges included, nothing written outside the output); Adam is float32
 * arithmetic in tfjs's order of operations, to the bit; and the shared-memory build runs on a shared memory.
 */

/** A float32 tensor's live view of the wasm heap. */
function heapView(t: tf.Tensor): Float32Array {
  return (tf.backend() as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(t);
}

/** The same pass in float32 arithmetic, one `Math.fround` per operation, in the .wat's (and tfjs's Adam's) order. */
function adamReference(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, c1: number, c2: number, beta1: number, beta2: number, epsilon: number) {
  const f = Math.fround;
  const [minusLr, b1, b2, k1, k2, eps] = [-lr, beta1, beta2, 1 - beta1, 1 - beta2, epsilon].map(f) as [number, number, number, number, number, number];
  const w1 = new Float32Array(w.length);
  const m1 = new Float32Array(w.length);
  const v1 = new Float32Array(w.length);
  for (let k = 0; k < w.length; k++) {
    const gk = g[k]!;
    const mk = f(f(m[k]! * b1) + f(gk * k1));
    const vk = f(f(v[k]! * b2) + f(f(gk * gk) * k2));
    m1[k] = mk;
    v1[k] = vk;
    w1[k] = f(f(f(f(mk / f(c1)) / f(f(Math.sqrt(f(vk / f(c2)))) + eps)) * minusLr) + w[k]!);
  }
  return { w1, m1, v1 };
}

describe('heapSimd.wat', () => {
  it('is committed as assembled (npm run build:heap-simd), as a plain and a shared-memory module', async () => {
    const binaries = await assembleHeapSimd();
    expect(Buffer.from(binaries.plain).toString('base64')).toBe(HEAP_SIMD_PLAIN);
    expect(Buffer.from(binaries.shared).toString('base64')).toBe(HEAP_SIMD_SHARED);
    expect(readFileSync(HEAP_SIMD_MODULE, 'utf8')).toBe(heapSimdModuleSource(binaries));
    expect(binaries.plain.equals(binaries.shared)).toBe(false);
  });

  it('runs on a shared memory (the threaded backend’s) in its shared build', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const bytes = Uint8Array.from(Buffer.from(HEAP_SIMD_SHARED, 'base64'));
    const simd = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as HeapSimd;
    const heap = new Float32Array(memory.buffer);
    heap.set([1, 2, 3, 4, 5, 6], 0);
    simd.transpose(0, 64, 2, 3);
    expect(Array.from(heap.subarray(16, 22))).toEqual([1, 4, 2, 5, 3, 6]);
    // The plain build refuses a shared memory (so heapSimd picks by the memory it finds).
    const plain = Uint8Array.from(Buffer.from(HEAP_SIMD_PLAIN, 'base64'));
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory } })).toThrow();
  });
});

describe('heapSimd on the wasm backend', () => {
  let simd: HeapSimd;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
    simd = heapSimd()!;
  });
  afterAll(async () => {
    setHeapSimdEnabled(true);
    await tf.setBackend('cpu');
  });

  it('is there on WASM, and not on the CPU backend or when turned off', async () => {
    expect(simd).not.toBeNull();
    setHeapSimdEnabled(false);
    expect(heapSimd()).toBeNull();
    setHeapSimdEnabled(true);
    expect(heapSimd()).toBe(simd);
    await tf.setBackend('cpu');
    expect(heapSimd()).toBeNull();
    await tf.setBackend('wasm');
    expect(heapSimd()).toBe(simd);
  });

  it.each([
    [1, 1],
    [1, 9],
    [9, 1],
    [3, 5],
    [4, 4],
    [7, 13],
    [13, 7],
    [128, 784],
    [784, 32],
    [66, 37],
  ])('transposes a %i × %i matrix exactly, edges included, and writes nothing outside the output', (rows, cols) => {
    const n = rows * cols;
    const src = tf.tensor1d(values(n, rows * 31 + cols));
    const guard = 8;
    const out = tf.fill([n + 2 * guard], -7);
    const s = heapView(src);
    const o = heapView(out);
    simd.transpose(s.byteOffset, o.byteOffset + 4 * guard, rows, cols);
    const expected = new Float32Array(n);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expected[j * rows + i] = s[i * cols + j]!;
    expect(o.subarray(guard, guard + n)).toEqual(expected);
    expect(Array.from(o.subarray(0, guard))).toEqual(Array(guard).fill(-7));
    expect(Array.from(o.subarray(guard + n))).toEqual(Array(guard).fill(-7));
    tf.dispose([src, out]);
  });

  it('gathers rows in the given order, repeats included, for short and long rows', () => {
    for (const rowLength of [10, 784, 3]) {
      const rows = 50;
      const src = tf.tensor1d(values(rows * rowLength, rowLength));
      const idx = tf.tensor1d([49, 0, 7, 7, 23, 1], 'int32');
      const out = tf.fill([6 * rowLength + 1], -3);
      const s = heapView(src);
      simd.gatherRows(s.byteOffset, heapView(idx).byteOffset, 6, rowLength * 4, heapView(out).byteOffset);
      const o = heapView(out);
      [49, 0, 7, 7, 23, 1].forEach((r, k) => expect(o.subarray(k * rowLength, (k + 1) * rowLength)).toEqual(s.subarray(r * rowLength, (r + 1) * rowLength)));
      expect(o[6 * rowLength]).toBe(-3);
      tf.dispose([src, idx, out]);
    }
  });

  it('takes Adam’s step in float32, bit for bit as tfjs’s operations in their order, tail values included', () => {
    const n = 4 * 25 + 3;
    const [w, g, m, v] = [1, 2, 3, 4].map((seed) => values(n, seed)) as [Float32Array, Float32Array, Float32Array, Float32Array];
    for (let k = 0; k < n; k++) v[k] = Math.abs(v[k]!) * 1e-3;
    const [c1, c2] = [1 - 0.9 ** 7, 1 - 0.999 ** 7].map(Math.fround) as [number, number];
    const inputs = [w, g, m, v].map((a) => tf.tensor1d(a));
    const outputs = [0, 1, 2].map(() => tf.zeros([n]));
    const at = (t: tf.Tensor) => heapView(t).byteOffset;
    simd.adam(at(inputs[0]!), at(inputs[1]!), at(inputs[2]!), at(inputs[3]!), at(outputs[0]!), at(outputs[1]!), at(outputs[2]!), n, 1e-3, c1, c2, 0.9, 0.999, 1 - 0.9, 1 - 0.999, 1e-7);
    const expected = adamReference(w, g, m, v, 1e-3, c1, c2, 0.9, 0.999, 1e-7);
    expect(heapView(outputs[0]!)).toEqual(expected.w1);
    expect(heapView(outputs[1]!)).toEqual(expected.m1);
    expect(heapView(outputs[2]!)).toEqual(expected.v1);
    // The inputs are untouched.
    expect(heapView(inputs[0]!)).toEqual(w);
    tf.dispose([...inputs, ...outputs]);
  });

  it('gives HostAdam the JavaScript loop’s steps within float32 rounding (40 steps), and the same tensor count', () => {
    const run = (on: boolean) => {
      setHeapSimdEnabled(on);
      const before = tf.memory().numTensors;
      const w = tf.tidy(() => tf.variable(tf.tensor2d(values(7 * 9, 5), [7, 9]), true, `simd_w_${on}`));
      const x = tf.tensor2d(values(5 * 7, 6), [5, 7]);
      const optimizer = new HostAdam(0.01);
      for (let i = 0; i < 40; i++) tf.tidy(() => void optimizer.minimize(() => tf.sum(tf.square(tf.sin(tf.matMul(x, w)))) as tf.Scalar, false, [w]));
      const out = w.dataSync().slice() as Float32Array;
      optimizer.dispose();
      tf.dispose([w, x]);
      return { out, leaked: tf.memory().numTensors - before };
    };
    const js = run(false);
    const simdRun = run(true);
    expect(js.leaked).toBe(0);
    expect(simdRun.leaked).toBe(0);
    const start = values(7 * 9, 5);
    let moved = 0;
    js.out.forEach((value, k) => {
      expect(Math.abs(simdRun.out[k]! - value)).toBeLessThan(1e-5);
      moved = Math.max(moved, Math.abs(value - start[k]!));
    });
    expect(moved).toBeGreaterThan(0.1);
  });
});
