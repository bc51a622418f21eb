import * as tf from '@tensorflow/tfjs';
import type { WasmHeap } from './kernels/wasmTrainingKernels';

/*
 * Direct access to tensor memory on the backends that keep tensors in host memory (the wasm heap, the CPU backend's
 * arrays): a pass of JavaScript over a small tensor costs less there than the dozens of kernels tfjs would dispatch for
 * it (Adam's update, a loss and its gradient). Views are read-only by contract: tensors are immutable and may share
 * memory; results go into new tensors made by `outputs`.
 */

/** A float32 tensor made by the backend, with a writable view of its memory. */
export interface HostOutput {
  info: tf.TensorInfo;
  values: Float32Array;
}

/** The two host backends as host passes use them. */
export interface HostMemory {
  /** A read-only view of a float32 tensor's values (no copy). */
  view(t: tf.TensorInfo): Float32Array;
  /** New float32 tensors of one shape with writable views (views taken after every allocation). */
  outputs(shape: number[], count: number): HostOutput[];
}

/** The CPU backend's storage (public methods of `MathBackendCPU`). */
interface CpuBackendStore {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): tf.TensorInfo;
}

/** Host memory access for the active backend, or null on a GPU backend. */
export function hostMemory(): HostMemory | null {
  const name = tf.getBackend();
  if (name === 'wasm') {
    const b = tf.backend() as unknown as WasmHeap;
    return {
      view: (t) => b.typedArrayFromHeap(t),
      outputs: (shape, count) => {
        const infos = Array.from({ length: count }, () => b.makeOutput(shape, 'float32'));
        return infos.map((info) => ({ info, values: b.typedArrayFromHeap(info) }));
      },
    };
  }
  if (name === 'cpu') {
    const b = tf.backend() as unknown as CpuBackendStore;
    return {
      view: (t) => b.readSync(t.dataId) as Float32Array,
      outputs: (shape, count) =>
        Array.from({ length: count }, () => {
          const values = new Float32Array(shape.reduce((a, d) => a * d, 1));
          return { info: b.makeTensorInfo(shape, 'float32', values), values };
        }),
    };
  }
  return null;
}

