import * as tf from '@tensorflow/tfjs';

/*
 * Kernels that make the WASM backend fast at training (tfjs 4.22):
 * - BatchMatMul / _FusedMatMul: the wasm backend hands a matmul to XNNPACK (SIMD, thread pool) only when neither input is
 *   transposed; otherwise it runs a scalar loop. Every dense layer's backward pass multiplies by a transposed operand
 *   (dy·Wᵀ and xᵀ·dy), so these wrappers transpose explicitly (a memory-bound copy) and then take the XNNPACK path.
 * - Conv2DBackpropFilter: missing from the wasm backend (so no CNN could train there). It is built here from kernels the
 *   backend has: im2col as kh·kw (strided) slices of the padded input, concatenated, then one XNNPACK matmul with dy.
 * - MaxPoolGrad: the wasm backend's own kernel sends the gradient of a window whose values are all negative to the window's
 *   first element instead of its maximum (a tfjs-backend-wasm 4.22 defect the kernel parity test found). Once CNNs train
 *   on WASM, a tanh or gelu conv before a pool hits it, so it is replaced by a direct loop over the tensors in the wasm
 *   heap (memory-bound, like the original), picking the first maximum as the CPU backend does.
 * Each function only composes other wasm kernels (or reads the heap) and disposes every intermediate it makes.
 */

/** A kernel's arguments as the engine passes them. */
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The wasm backend as the kernels see it: tensor data ids are reference-counted and freed with `disposeData`. */
type Backend = KernelArgs['backend'] & { disposeData(dataId: object): boolean };

/** Runs another wasm kernel directly (as backends do inside their own kernels) and returns its single output. */
function run(name: string, backend: Backend, inputs: tf.NamedTensorInfoMap | tf.TensorInfo[], attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  const out = kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs });
  if (Array.isArray(out)) throw new Error(`${name} returned several outputs.`);
  return out;
}

/** Frees intermediate tensors made inside a kernel. */
function free(backend: Backend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Swaps the last two axes of a tensor with a copy (wasm Transpose). */
function swapLastAxes(backend: Backend, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return run('Transpose', backend, { x }, { perm });
}

/** Product of the batch (leading) dimensions of a matmul operand. */
function batchSize(shape: number[]): number {
  return shape.slice(0, -2).reduce((a, b) => a * b, 1);
}

/**
 * Wraps a wasm matmul kernel (BatchMatMul or _FusedMatMul) so a transposed operand is transposed explicitly first and the
 * product runs on XNNPACK. Batched products (batch > 1) never reach XNNPACK anyway and pass through unchanged.
 */
function transposeFirst(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
    const inputs = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { a, b } = inputs;
    if (!(attrs.transposeA || attrs.transposeB) || batchSize(a.shape) !== 1 || batchSize(b.shape) !== 1) return original.kernelFunc(args);
    const backend = args.backend as Backend;
    const made: tf.TensorInfo[] = [];
    const a2 = attrs.transposeA ? swapLastAxes(backend, a) : a;
    if (a2 !== a) made.push(a2);
    const b2 = attrs.transposeB ? swapLastAxes(backend, b) : b;
    if (b2 !== b) made.push(b2);
    try {
      return original.kernelFunc({ ...args, inputs: { ...inputs, a: a2, b: b2 }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      free(backend, ...made);
    }
  };
}

/** The filter gradient of a 2-D convolution (NHWC input, HWIO filter) by im2col and one matmul. */
function conv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as Backend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only (got ${dataFormat}).`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo([n, h, w, c], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, padInfo, outChannels } = info;
  const made: tf.TensorInfo[] = [];
  try {
    const top = Math.max(0, padInfo.top);
    const left = Math.max(0, padInfo.left);
    const bottom = Math.max(0, padInfo.bottom);
    const right = Math.max(0, padInfo.right);
    let padded = x;
    if (top + left + bottom + right > 0) {
      padded = run('PadV2', backend, { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
      made.push(padded);
    }
    // Patch offset (i, j) of every output position: rows i, i+sh, …, i+sh·(oh−1); columns likewise.
    const patches: tf.TensorInfo[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const patch =
          sh === 1 && sw === 1
            ? run('Slice', backend, { x: padded }, { begin: [0, i, j, 0], size: [n, oh, ow, c] })
            : run('StridedSlice', backend, { x: padded }, {
                begin: [0, i, j, 0],
                end: [n, i + sh * (oh - 1) + 1, j + sw * (ow - 1) + 1, c],
                strides: [1, sh, sw, 1],
                beginMask: 0,
                endMask: 0,
                ellipsisMask: 0,
                newAxisMask: 0,
                shrinkAxisMask: 0,
              });
        patches.push(patch);
        made.push(patch);
      }
    }
    // Columns ordered (i, j, channel), the HWIO filter's own order.
    const cols4 = patches.length === 1 ? patches[0]! : run('Concat', backend, patches, { axis: 3 });
    if (cols4 !== patches[0]) made.push(cols4);
    const rows = n * oh * ow;
    const cols = run('Reshape', backend, { x: cols4 }, { shape: [rows, kh * kw * c] });
    made.push(cols);
    const dy2 = run('Reshape', backend, { x: dy }, { shape: [rows, outChannels] });
    made.push(dy2);
    const product = run('BatchMatMul', backend, { a: cols, b: dy2 }, { transposeA: true, transposeB: false });
    made.push(product);
    return run('Reshape', backend, { x: product }, { shape: [kh, kw, c, outChannels] });
  } finally {
    free(backend, ...made);
  }
}

/** The input gradient of 2-D max pooling (NHWC): each window's dy goes to its first maximum, as on the CPU backend. */
function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as Backend & {
    readSync(dataId: object): Float32Array;
    makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
  };
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const x = backend.readSync(input.dataId);
  const g = backend.readSync(dy.dataId);
  const dx = new Float32Array(x.length);
  for (let b = 0; b < batchSize; b++) {
    const xBase = b * inHeight * inWidth * c;
    for (let oh = 0; oh < outHeight; oh++) {
      const r0 = oh * strideHeight - top;
      const rStart = Math.max(0, r0);
      const rEnd = Math.min(inHeight, r0 + fh);
      for (let ow = 0; ow < outWidth; ow++) {
        const c0 = ow * strideWidth - left;
        const cStart = Math.max(0, c0);
        const cEnd = Math.min(inWidth, c0 + fw);
        const gBase = ((b * outHeight + oh) * outWidth + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -1;
          let bestValue = Number.NEGATIVE_INFINITY;
          for (let r = rStart; r < rEnd; r++) {
            for (let col = cStart; col < cEnd; col++) {
              const at = xBase + (r * inWidth + col) * c + ch;
              if (x[at]! > bestValue || best < 0) {
                bestValue = x[at]!;
                best = at;
              }
            }
          }
          if (best >= 0) dx[best] = dx[best]! + g[gBase + ch]!;
        }
      }
    }
  }
  return backend.makeOutput(input.shape, 'float32', undefined, dx);
}

/** Wraps a registered wasm kernel with `wrap` (keeping its setup), once. */
function rewrap(name: string, wrap: (original: tf.KernelConfig) => tf.KernelFunc): void {
  const original = tf.getKernel(name, 'wasm');
  if (!original) throw new Error(`The wasm backend has no ${name} kernel to wrap.`);
  if ((original as tf.KernelConfig & { distillWrapped?: boolean }).distillWrapped) return;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: wrap(original), distillWrapped: true } as tf.KernelConfig);
}

/**
 * Registers the studio's training kernels for the wasm backend (idempotent; call after importing
 * `@tensorflow/tfjs-backend-wasm`, before or after the backend starts).
 */
export function registerWasmTrainingKernels(): void {
  rewrap('BatchMatMul', transposeFirst);
  rewrap('_FusedMatMul', transposeFirst);
  rewrap('MaxPoolGrad', () => maxPoolGrad as unknown as tf.KernelFunc);
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
  }
}
