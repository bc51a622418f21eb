import * as tf from '@tensorflow/tfjs';
import { hostMemory } from '../hostMemory';
import { heapSimd } from './heapSimd';
import { free, run, type Backend } from './wasmTrainingKernels';

/*
 * A dense network's training forward pass on WASM as ONE node of the gradient tape. tfjs-layers records every op of a
 * dense layer (matmul, bias, relu; in training they are not fused) and its autodiff adds a gradient op per op and a
 * saved copy per input: about forty kernel dispatches for a two-layer student, each costing more bookkeeping than
 * arithmetic at the studio's sizes. Here a `tf.customGrad` over the layers' weights runs the wasm kernels directly:
 * forward one fused matmul + bias + relu per layer; backward relu's mask in one SIMD pass over the heap, the bias
 * gradient as a column sum and the two matmuls (XNNPACK, through the studio's transposing wrappers). Same maths as the
 * tape; float32 rounding may differ in the last bits, as XNNPACK adds the bias into its accumulators.
 * Models with any other layer (dropout, convolutions, batch norm) or activation (tanh, gelu), and every other backend,
 * keep `model.apply`.
 */

/** One dense layer as the direct path runs it. */
interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
  relu: boolean;
}

let enabled = true;

/** Turns the direct path off (or back on), so tests and benchmarks can compare it with the tape. */
export function setWasmDenseForwardEnabled(on: boolean): void {
  enabled = on;
}

/** `denseStack`'s answer per model (layers and their weight variables stay the same objects for a model's life). */
const stacks = new WeakMap<tf.LayersModel, DenseLayer[] | null>();

/** The model as a stack of dense layers (relu or linear, with bias) after an optional flatten, or null. */
export function denseStack(model: tf.LayersModel): DenseLayer[] | null {
  if (!stacks.has(model)) stacks.set(model, readDenseStack(model));
  return stacks.get(model)!;
}

/** Reads the model's layers for `denseStack`. */
function readDenseStack(model: tf.LayersModel): DenseLayer[] | null {
  const layers: DenseLayer[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'Flatten' && layers.length === 0) continue;
    if (kind !== 'Dense') return null;
    const config = layer.getConfig() as { activation?: string; useBias?: boolean };
    if (config.useBias === false || (config.activation !== 'relu' && config.activation !== 'linear')) return null;
    const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    if (!kernel || !bias || kernel.rank !== 2) return null;
    layers.push({ kernel, bias, relu: config.activation === 'relu' });
  }
  return layers.length > 0 ? layers : null;
}

/**
 * The model's logits in training mode, for a loss inside an optimiser's tape: on WASM for a stack of dense layers, one
 * custom-gradient node that runs the kernels directly (see the file comment); otherwise `model.apply`.
 */
export function trainingForward(model: tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  const layers = enabled && tf.getBackend() === 'wasm' && x.dtype === 'float32' && x.rank >= 2 ? denseStack(model) : null;
  const batch = x.shape[0]!;
  const features = tf.util.sizeFromShape(x.shape.slice(1));
  // An input the first layer does not take goes to model.apply, whose shape check words the error.
  if (!layers || batch === 0 || features !== layers[0]!.kernel.shape[0]) return model.apply(x, { training: true }) as tf.Tensor2D;
  const weights = layers.flatMap((l) => [l.kernel, l.bias]);
  const forward = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const backend = tf.backend() as Backend;
    const tensor = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);
    // Every intermediate becomes a tensor of this forward's scope: saved ones are kept for the backward pass, the rest
    // are disposed when the forward ends.
    let h = tensor(run('Reshape', backend, { x }, { shape: [1, batch, features] }));
    const inputs: tf.Tensor[] = [];
    const kernels: tf.Tensor[] = [];
    const outputs: tf.Tensor[] = [];
    for (const l of layers) {
      const kernel = tensor(run('Reshape', backend, { x: l.kernel }, { shape: [1, ...l.kernel.shape] }));
      const activation = l.relu ? 'relu' : 'linear';
      const out = tensor(run('_FusedMatMul', backend, { a: h, b: kernel, bias: l.bias }, { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 }));
      inputs.push(h);
      kernels.push(kernel);
      outputs.push(out);
      h = out;
    }
    save([...inputs, ...kernels, ...outputs]);
    const logits = tensor(run('Reshape', backend, { x: h }, { shape: [batch, h.shape[2]!] }));
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
      const n = layers.length;
      const [savedInputs, savedKernels, savedOutputs] = [saved.slice(0, n), saved.slice(n, 2 * n), saved.slice(2 * n)];
      const grads: tf.Tensor[] = new Array<tf.Tensor>(2 * n);
      const made: tf.TensorInfo[] = [];
      const keep = <T extends tf.TensorInfo>(info: T): T => (made.push(info), info);
      try {
        let g = keep(run('Reshape', backend, { x: dy as tf.Tensor }, { shape: [1, batch, (dy as tf.Tensor).shape[1]!] }));
        for (let i = n - 1; i >= 0; i--) {
          if (layers[i]!.relu) g = keep(reluGrad(g, savedOutputs[i]!));
          const kernelGrad = keep(run('BatchMatMul', backend, { a: savedInputs[i]!, b: g }, { transposeA: true, transposeB: false }));
          grads[2 * i] = tensor(run('Reshape', backend, { x: kernelGrad }, { shape: layers[i]!.kernel.shape }));
          grads[2 * i + 1] = tensor(run('Sum', backend, { x: g }, { axis: [0, 1], keepDims: false }));
          if (i > 0) g = keep(run('BatchMatMul', backend, { a: g, b: savedKernels[i]! }, { transposeA: false, transposeB: true }));
        }
      } finally {
        free(backend, ...made);
      }
      return grads;
    };
    return { value: logits, gradFunc };
  });
  return forward(...weights) as tf.Tensor2D;
}

/** relu's gradient: `g` where relu's output `y` is positive, else 0, into a new tensor (SIMD over the heap, or a loop). */
function reluGrad(g: tf.TensorInfo, y: tf.TensorInfo): tf.TensorInfo {
  const memory = hostMemory()!;
  const [out] = memory.outputs(g.shape, 1);
  const gv = memory.view(g);
  const yv = memory.view(y);
  const simd = heapSimd();
  if (simd) simd.reluGrad(gv.byteOffset, yv.byteOffset, out!.values.byteOffset, gv.length);
  else for (let k = 0; k < gv.length; k++) out!.values[k] = yv[k]! > 0 ? gv[k]! : 0;
  return out!.info;
}
