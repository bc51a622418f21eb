import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, transposeInto } from '../../src/engine/kernels/wasmTrainingKernels';
import { values } from './seededValues';

/** Values of a tensor computed on a backend, as a plain array. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = f();
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/** Largest |a − b| over two arrays of equal length. */
function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('wasm training kernels (against the CPU backend)', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`matMul transposeA=${ta} transposeB=${tb} equals the CPU`, async () => {
      const [m, k, n] = [37, 53, 29];
      const a = values(m * k, 1);
      const b = values(k * n, 2);
      const f = () => tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb);
      const cpu = await on('cpu', f);
      const wasm = await on('wasm', f);
      expect(maxDiff(cpu, wasm)).toBeLessThan(1e-4);
    });
  }

  // The transposed operand is copied eight rows at a time: rows that are a multiple of 8, a single row or column, and
  // a rank-3 operand with batch 1.
  for (const [m, k, n] of [[16, 24, 8], [1, 9, 17], [40, 1, 3]] as const) {
    it(`matMul ${m}×${k}·${k}×${n} with each operand transposed equals the CPU`, async () => {
      const a = values(m * k, 6);
      const b = values(k * n, 7);
      for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
        const f = () => tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb);
        expect(maxDiff(await on('cpu', f), await on('wasm', f))).toBeLessThan(1e-4);
      }
      const batched = () => tf.matMul(tf.tensor3d(a, [1, k, m]), tf.tensor3d(b, [1, n, k]), true, true);
      expect(maxDiff(await on('cpu', batched), await on('wasm', batched))).toBeLessThan(1e-4);
    });
  }

  it('transposes a matrix exactly, with rows in blocks of eight and a tail', () => {
    const [rows, cols] = [19, 5];
    const src = Float32Array.from({ length: rows * cols }, (_, i) => i);
    const dst = new Float32Array(rows * cols);
    transposeInto(src, dst, rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(dst[j * rows + i]).toBe(src[i * cols + j]);
  });

  it('fused matMul with bias and relu, transposed, equals the CPU', async () => {
    const a = values(20 * 30, 3);
    const b = values(12 * 30, 4);
    const bias = values(12, 5);
    const f = () => tf.fused.matMul({ a: tf.tensor2d(a, [20, 30]), b: tf.tensor2d(b, [12, 30]), transposeB: true, bias: tf.tensor1d(bias), activation: 'relu' });
    expect(maxDiff(await on('cpu', f), await on('wasm', f))).toBeLessThan(1e-4);
  });

  for (const [stride, pad, k] of [[1, 'same', 3], [1, 'valid', 3], [2, 'same', 3], [2, 'valid', 5], [1, 'same', 1]] as const) {
    it(`conv2d filter gradient (kernel ${k}, stride ${stride}, ${pad}) equals the CPU`, async () => {
      const [n, h, w, c, f] = [3, 11, 9, 4, 6];
      const x = values(n * h * w * c, 6);
      const filt = values(k * k * c * f, 7);
      const grad = () =>
        tf.tidy(() => {
          const g = tf.grad((wt: tf.Tensor) => tf.sum(tf.square(tf.conv2d(tf.tensor4d(x, [n, h, w, c]), wt as tf.Tensor4D, stride, pad))));
          return g(tf.tensor4d(filt, [k, k, c, f]));
        });
      const cpu = await on('cpu', grad);
      const wasm = await on('wasm', grad);
      expect(maxDiff(cpu, wasm)).toBeLessThan(1e-3 * Math.max(1, ...Array.from(cpu, Math.abs)) );
    });
  }

  for (const [stride, pad, k, h, w] of [[1, 'same', 3, 11, 9], [1, 'valid', 3, 11, 9], [1, 'same', 5, 7, 10], [1, 'valid', 1, 6, 6], [2, 'same', 3, 11, 9]] as const) {
    it(`conv2d input gradient (kernel ${k}, stride ${stride}, ${pad}, ${h}×${w}) equals the CPU`, async () => {
      const [n, c, f] = [3, 4, 6];
      const x = values(n * h * w * c, 10);
      const filt = values(k * k * c * f, 11);
      const grad = () =>
        tf.tidy(() => {
          const wt = tf.tensor4d(filt, [k, k, c, f]);
          const weights = (shape: number[]) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), 12), shape);
          const g = tf.grad((xt: tf.Tensor) => {
            const y = tf.conv2d(xt as tf.Tensor4D, wt, stride, pad);
            return tf.sum(tf.mul(y, weights(y.shape)));
          });
          return g(tf.tensor4d(x, [n, h, w, c]));
        });
      const cpu = await on('cpu', grad);
      const wasm = await on('wasm', grad);
      expect(maxDiff(cpu, wasm)).toBeLessThan(1e-4 * Math.max(1, ...Array.from(cpu, Math.abs)));
    });
  }

  for (const [shape, axes, keepDims] of [[[4, 5, 6, 7], [0, 1, 2], false], [[4, 5, 6, 7], [0, 1, 2], true], [[30, 17], [0], false], [[4, 5, 6], [1, 0], false], [[4, 5, 6], [1, 2], false]] as const) {
    it(`sum over axes ${axes.join(',')} of [${shape.join(',')}]${keepDims ? ' (keepDims)' : ''} equals the CPU`, async () => {
      const x = values(shape.reduce((a, b) => a * b, 1), 13);
      const f = () => tf.sum(tf.tensor(x, [...shape]), [...axes], keepDims);
      const cpu = await on('cpu', f);
      const wasm = await on('wasm', f);
      expect(maxDiff(cpu, wasm)).toBeLessThan(1e-4);
      await tf.setBackend('wasm');
      const t = f();
      expect(t.shape).toEqual(tf.sum(tf.tensor(x, [...shape]), [...axes], keepDims).shape);
      t.dispose();
    });
  }

  for (const [size, stride, pad] of [[2, 2, 'valid'], [3, 2, 'same'], [2, 1, 'same']] as const) {
    it(`max-pool input gradient (size ${size}, stride ${stride}, ${pad}) equals the CPU, all-negative windows included`, async () => {
      const [n, h, w, c] = [2, 7, 6, 3];
      // Shifted down so that many windows hold only negative values (where tfjs-backend-wasm's own kernel was wrong).
      const x = values(n * h * w * c, 8).map((v) => v - 0.8);
      const pooled = (t: tf.Tensor4D) => tf.maxPool(t, size, stride, pad);
      const weightsFor = (shape: number[]) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), 9), shape);
      const g = () => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pooled(t as tf.Tensor4D), weightsFor(pooled(t as tf.Tensor4D).shape))))(tf.tensor4d(x, [n, h, w, c])));
      const cpu = await on('cpu', g);
      const wasm = await on('wasm', g);
      expect(maxDiff(cpu, wasm)).toBeLessThan(1e-6);
    });
  }

  for (const [shape, begin, size] of [
    [[50, 7, 3, 2], [11], [17]],
    [[50, 7, 3, 2], [3, 2, 1, 0], [4, 3, 2, 2]],
    [[9, 13], [2, 5], [6, -1]],
    [[6, 5, 4], [1, 0, 3], [3, 5, 1]],
    [[40], [7], [0]],
  ] as [number[], number[], number[]][]) {
    it(`slice of [${shape.join(',')}] from [${begin.join(',')}] size [${size.join(',')}] equals the CPU, for float32, int32 and bool`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const v = values(n, 9);
      for (const make of [() => tf.tensor(v, shape), () => tf.tensor(Int32Array.from(v, (x) => Math.round(x * 1000)), shape, 'int32'), () => tf.greater(tf.tensor(v, shape), 0)]) {
        const f = () => tf.tidy(() => tf.slice(make(), begin, size));
        const cpu = await on('cpu', f);
        const wasm = await on('wasm', f);
        expect(Array.from(wasm)).toEqual(Array.from(cpu));
      }
    });
  }

  it('slices leading rows of a large tensor without reading the whole tensor back', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(values(4000 * 784, 10), [4000, 28, 28, 1]);
    const backend = tf.backend() as unknown as { readSync: (...args: unknown[]) => unknown };
    const readSync = backend.readSync;
    let reads = 0;
    backend.readSync = (...args: unknown[]) => (reads++, readSync.apply(backend, args));
    try {
      const part = tf.slice(x, [1000], [24]);
      expect(part.shape).toEqual([24, 28, 28, 1]);
      part.dispose();
    } finally {
      backend.readSync = readSync;
      x.dispose();
    }
    expect(reads).toBe(0);
  });

  for (const [shape, idx, idxShape] of [
    [[50, 3, 2], [49, 0, 7, 7, 12], [5]],
    [[9], [8, 1, 1, 0], [2, 2]],
    [[6, 4], [], [0]],
  ] as const) {
    it(`gathers rows ${JSON.stringify(idx)} of [${shape.join(',')}] as the CPU does, for float32, int32 and bool`, async () => {
      const n = shape.reduce((a: number, b: number) => a * b, 1);
      const v = values(n, 9);
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const data = dtype === 'float32' ? v : Int32Array.from(v, (x) => (dtype === 'bool' ? (x > 0 ? 1 : 0) : Math.round(x * 100)));
        const f = () => tf.gather(tf.tensor(data, [...shape], dtype), tf.tensor(idx as readonly number[] as number[], [...idxShape], 'int32'));
        const cpu = await on('cpu', f);
        const wasm = await on('wasm', f);
        expect(Array.from(wasm)).toEqual(Array.from(cpu));
      }
    });
  }

  it('refuses a row index out of range, leaving nothing behind; other axes still gather', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(values(12, 10), [4, 3]);
    const bad = tf.tensor1d([1, 4], 'int32');
    const buffers = tf.engine().backend.numDataIds();
    expect(() => tf.gather(x, bad)).toThrow('GatherV2: the index value 4 is not in [0, 3]');
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    const cols = () => tf.gather(tf.tensor2d(values(12, 10), [4, 3]), tf.tensor1d([2, 0], 'int32'), 1);
    expect(Array.from(await on('wasm', cols))).toEqual(Array.from(await on('cpu', cols)));
    tf.dispose([x, bad]);
  });

  it('clones without copying: a clone shares the memory, and outlives the original', async () => {
    await tf.setBackend('wasm');
    const buffers = () => tf.engine().backend.numDataIds();
    const x = tf.tensor2d(values(12, 8), [3, 4]);
    const base = buffers();
    // The gradient tape saves a clone of each input a gradient needs (a step's batch, a distillation's cached logits).
    const c = tf.clone(x);
    expect(buffers()).toBe(base);
    // Saved clones still give the right gradient: d/dx Σ x·x = 2x.
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, t)))(x);
    expect(maxDiff((await g.data()) as Float32Array, values(12, 8).map((v) => 2 * v))).toBeLessThan(1e-6);
    x.dispose();
    expect(Array.from(await c.data())).toEqual(Array.from(values(12, 8)));
    tf.dispose([c, g]);
    expect(buffers()).toBe(base - 1);
    const s = tf.tensor1d(['a', 'b'], 'string');
    const sc = tf.clone(s);
    expect(await sc.data()).toEqual(['a', 'b']);
    tf.dispose([s, sc]);
  });

  it('leaves no tensors and no backend buffers behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 5]) as tf.Tensor4D;
    const step = () =>
      tf.tidy(() => {
        const g = tf.grad((wt: tf.Tensor) => tf.sum(tf.conv2d(x, wt as tf.Tensor4D, 2, 'same')));
        const gx = tf.grad((xt: tf.Tensor) => tf.sum(tf.maxPool(tf.conv2d(xt as tf.Tensor4D, w, 1, 'same'), 2, 2, 'valid')));
        return [g(w), gx(x), tf.sum(x, [0, 1, 2]), tf.matMul(x.reshape([32, 12]), x.reshape([32, 12]), true, false), tf.matMul(x.reshape([32, 12]), x.reshape([32, 12]), false, true), tf.slice(x, [1], [1]), tf.slice(x, [0, 1, 2, 0], [2, 3, 4, 2])];
      });
    tf.dispose(step());
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([x, w]);
  });
});
