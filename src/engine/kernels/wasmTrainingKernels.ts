import * as tf from '@tensorflow/tfjs';
import { heapSimd } from './heapSimd';

/*
 * Kernels that make the WASM backend fast at training (tfjs 4.22):
 * - BatchMatMul / _FusedMatMul: the wasm backend hands a matmul to XNNPACK (SIMD, thread pool) only when neither input is
 *   transposed; otherwise it runs a scalar loop. Every dense layer's backward pass multiplies by a transposed operand
 *   (dy·Wᵀ and xᵀ·dy), so these wrappers transpose explicitly (a memory-bound copy between heap views) and then take
 *   the XNNPACK path.
 * - Conv2DBackpropFilter: missing from the wasm backend (so no CNN could train there). It is built here as a transposed
 *   im2col written straight into the heap, then one XNNPACK matmul with dy.
 * - Conv2DBackpropInput: the backend's own kernel is a scalar loop; a stride-1 convolution's input gradient is a forward
 *   convolution (XNNPACK) of the padded dy with the filter turned 180°.
 * - Sum over leading axes (every bias gradient): the backend's kernel transposes the whole tensor first; one pass instead.
 * - MaxPoolGrad: the wasm backend's own kernel sends the gradient of a window whose values are all negative to the window's
 *   first element instead of its maximum (a tfjs-backend-wasm 4.22 defect the kernel parity test found). Once CNNs train
 *   on WASM, a tanh or gelu conv before a pool hits it, so it is replaced by a direct loop over the tensors in the wasm
 *   heap (memory-bound, like the original), picking the first maximum as the CPU backend does.
 * - Slice: the backend's kernel first copies the WHOLE input out of the heap (`readSync`), then the slice; an evaluation
 *   that slices a 2,000-example test set into batches copied the set once per batch (a 1024-row batch of an 8,000-row set
 *   cost more than the model's forward pass). Here rows are copied straight between heap views.
 * - Identity: the backend's kernel copies the tensor; it shares the memory here (see `identityShared`).
 * - GatherV2 of whole rows: copied between heap views, one `set` per row.
 * Each function only composes other wasm kernels or reads and fills the heap in place, and disposes every intermediate it
 * makes.
 */

/** A kernel's arguments as the engine passes them. */
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The wasm backend as the kernels see it: tensor data ids are reference-counted and freed with `disposeData`. */
export type Backend = KernelArgs['backend'] & { disposeData(dataId: object): boolean };

/** Runs another wasm kernel directly (as backends do inside their own kernels) and returns its single output. */
export function run(name: string, backend: Backend, inputs: tf.NamedTensorInfoMap | tf.TensorInfo[], attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  const out = kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs });
  if (Array.isArray(out)) throw new Error(`${name} returned several outputs.`);
  return out;
}

/** Frees intermediate tensors made inside a kernel. */
export function free(backend: Backend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * Swaps the last two axes of a tensor with a copy. A float32 matrix (batch 1) is transposed in the heap here: in 4 × 4
 * blocks of WebAssembly SIMD (`heapSimd`), or else eight source rows at a time in JavaScript so that each write lands next
 * to the previous one (5–9× faster than the wasm Transpose kernel, a generic loop, for a 128×784 batch). Other tensors use
 * the kernel.
 */
function swapLastAxes(backend: Backend, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  if (x.dtype === 'float32' && batchSize(x.shape) === 1) {
    const [rows, cols] = x.shape.slice(-2) as [number, number];
    const heap = backend as unknown as WasmHeap;
    const out = heap.makeOutput([...x.shape.slice(0, -2), cols, rows], 'float32');
    // Views after the allocation (it may have grown the heap).
    const src = heap.typedArrayFromHeap(x);
    const dst = heap.typedArrayFromHeap(out);
    const simd = heapSimd();
    if (simd) simd.transpose(src.byteOffset, dst.byteOffset, rows, cols);
    else transposeInto(src, dst, rows, cols);
    return out;
  }
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return run('Transpose', backend, { x }, { perm });
}

/** Writes the transpose of the row-major `rows × cols` matrix `src` into `dst` (`cols × rows`). */
export function transposeInto(src: Float32Array, dst: Float32Array, rows: number, cols: number): void {
  let i = 0;
  for (; i + 8 <= rows; i += 8) {
    for (let j = 0; j < cols; j++) {
      const s = i * cols + j;
      const o = j * rows + i;
      dst[o] = src[s]!;
      dst[o + 1] = src[s + cols]!;
      dst[o + 2] = src[s + 2 * cols]!;
      dst[o + 3] = src[s + 3 * cols]!;
      dst[o + 4] = src[s + 4 * cols]!;
      dst[o + 5] = src[s + 5 * cols]!;
      dst[o + 6] = src[s + 6 * cols]!;
      dst[o + 7] = src[s + 7 * cols]!;
    }
  }
  for (; i < rows; i++) for (let j = 0; j < cols; j++) dst[j * rows + i] = src[i * cols + j]!;
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

/** The wasm backend's heap access (public methods of `BackendWasm`, untyped in tfjs's exports). */
export interface WasmHeap {
  /** A new tensor of `shape` in the heap (uninitialised memory). */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A live view of a tensor's values in the heap. */
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** The wasm backend as kernels that read or fill tensors in place see it. */
type HeapBackend = Backend & WasmHeap;

/**
 * The filter gradient of a 2-D convolution (NHWC input, HWIO filter): the transposed im2col matrix `[kh·kw·c, n·oh·ow]`
 * is written straight into the wasm heap (zeros where a patch reaches into the padding), then one untransposed matmul with
 * dy `[n·oh·ow, out]` runs on XNNPACK. Its rows are ordered (i, j, channel), the HWIO filter's own order.
 */
function conv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as HeapBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only (got ${dataFormat}).`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo([n, h, w, c], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, padInfo, outChannels } = info;
  const rows = n * oh * ow;
  const made: tf.TensorInfo[] = [];
  try {
    const colsT = backend.makeOutput([kh * kw * c, rows], 'float32');
    made.push(colsT);
    // Views after the allocation (a growing heap would leave earlier views stale).
    const cols = backend.typedArrayFromHeap(colsT);
    const xs = backend.typedArrayFromHeap(x);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let ch = 0; ch < c; ch++) {
          let at = ((i * kw + j) * c + ch) * rows;
          for (let b = 0; b < n; b++) {
            for (let r = 0; r < oh; r++) {
              const sr = r * sh + i - padInfo.top;
              if (sr < 0 || sr >= h) {
                cols.fill(0, at, at + ow);
                at += ow;
                continue;
              }
              const rowBase = (b * h + sr) * w;
              for (let col = 0; col < ow; col++) {
                const sc = col * sw + j - padInfo.left;
                cols[at++] = sc < 0 || sc >= w ? 0 : xs[(rowBase + sc) * c + ch]!;
              }
            }
          }
        }
      }
    }
    const dy2 = run('Reshape', backend, { x: dy }, { shape: [rows, outChannels] });
    made.push(dy2);
    const product = run('BatchMatMul', backend, { a: colsT, b: dy2 }, { transposeA: false, transposeB: false });
    made.push(product);
    return run('Reshape', backend, { x: product }, { shape: [kh, kw, c, outChannels] });
  } finally {
    free(backend, ...made);
  }
}

/**
 * The input gradient of a stride-1 2-D convolution as a forward convolution on XNNPACK: dy, padded by kh−1−top (and so
 * on), convolved with the filter turned 180° and with its channel axes swapped. The wasm backend's own kernel is a scalar
 * loop (about ten times slower); strided or dilated convolutions still use it.
 */
function conv2DBackpropInput(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as HeapBackend;
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (dataFormat !== 'NHWC') return original.kernelFunc(args);
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
    const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth, inChannels, outChannels, padInfo } = info;
    const top = kh - 1 - padInfo.top;
    const left = kw - 1 - padInfo.left;
    const bottom = inHeight - outHeight + padInfo.top;
    const right = inWidth - outWidth + padInfo.left;
    if (info.strideHeight !== 1 || info.strideWidth !== 1 || Math.min(top, left, bottom, right) < 0) return original.kernelFunc(args);
    const flipped = backend.makeOutput([kh, kw, outChannels, inChannels], 'float32');
    try {
      const src = backend.typedArrayFromHeap(filter);
      const dst = backend.typedArrayFromHeap(flipped);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const from = ((kh - 1 - i) * kw + (kw - 1 - j)) * inChannels * outChannels;
          const to = (i * kw + j) * outChannels * inChannels;
          for (let ci = 0; ci < inChannels; ci++) {
            for (let co = 0; co < outChannels; co++) dst[to + co * inChannels + ci] = src[from + ci * outChannels + co]!;
          }
        }
      }
      return run('Conv2D', backend, { x: dy, filter: flipped }, {
        strides: [1, 1],
        pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
        dataFormat: 'NHWC',
        dilations: [1, 1],
      } as unknown as tf.NamedAttrMap);
    } finally {
      free(backend, flipped);
    }
  };
}

/**
 * The input gradient of 2-D max pooling (NHWC): each window's dy goes to its first maximum, as on the CPU backend. It reads
 * and writes the wasm heap in place, channels innermost (the memory order), with no copies.
 */
function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as HeapBackend;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out);
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  dx.fill(0);
  const bestValue = new Float32Array(c);
  const bestAt = new Int32Array(c);
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
        bestAt.fill(-1);
        for (let r = rStart; r < rEnd; r++) {
          for (let col = cStart; col < cEnd; col++) {
            const base = xBase + (r * inWidth + col) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch]!;
              if (bestAt[ch]! < 0 || v > bestValue[ch]!) {
                bestValue[ch] = v;
                bestAt[ch] = base + ch;
              }
            }
          }
        }
        const gBase = ((b * outHeight + oh) * outWidth + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          const at = bestAt[ch]!;
          if (at >= 0) dx[at] = dx[at]! + g[gBase + ch]!;
        }
      }
    }
  }
  return out;
}

/**
 * Sums over the leading axes (a bias gradient: `[n, h, w, c]` → `[c]`) with one pass over the heap in memory order and
 * double-precision accumulators. The wasm backend's own Sum first transposes the reduced axes to the end (a full copy).
 * Other reductions use the original kernel.
 */
function sumLeadingAxes(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as HeapBackend;
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return original.kernelFunc(args);
    const inner = x.shape.slice(axes.length).reduce((a, b) => a * b, 1);
    const outer = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    const shape = keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
    const out = backend.makeOutput(shape, 'float32');
    const dst = backend.typedArrayFromHeap(out);
    const src = backend.typedArrayFromHeap(x);
    const acc = new Float64Array(inner);
    for (let o = 0; o < outer; o++) {
      const base = o * inner;
      for (let k = 0; k < inner; k++) acc[k]! += src[base + k]!;
    }
    dst.set(acc);
    return out;
  };
}

/**
 * A slice copied between views of the heap: each innermost run of the output is one `set` from the input's view (one
 * `set` in all when the slice is contiguous, as a batch of leading rows is). String tensors use the original kernel.
 */
function sliceInHeap(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as HeapBackend;
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string' || x.dtype === 'complex64') return original.kernelFunc(args);
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
    const out = backend.makeOutput(extent, x.dtype);
    const total = extent.reduce((a, b) => a * b, 1);
    if (total === 0) return out;
    // Views typed by dtype (float32, int32 or bool): the heap is read and written in place.
    const src = backend.typedArrayFromHeap(x) as unknown as Float32Array;
    const dst = backend.typedArrayFromHeap(out) as unknown as Float32Array;
    const strides = tf.util.computeStrides(x.shape);
    if (tf.slice_util.isSliceContinous(x.shape, start, extent)) {
      const offset = tf.slice_util.computeFlatOffset(start, strides);
      dst.set(src.subarray(offset, offset + total));
      return out;
    }
    const rank = x.shape.length;
    const inner = extent[rank - 1]!;
    const index = new Array<number>(rank - 1).fill(0);
    for (let o = 0; o < total / inner; o++) {
      let offset = start[rank - 1]!;
      for (let d = 0; d < rank - 1; d++) offset += (start[d]! + index[d]!) * strides[d]!;
      dst.set(src.subarray(offset, offset + inner), o * inner);
      for (let d = rank - 2; d >= 0; d--) {
        if (++index[d]! < extent[d]!) break;
        index[d] = 0;
      }
    }
    return out;
  };
}

/**
 * A gather of whole rows (axis 0, no batch dimensions) copied between views of the heap, row by row, after the
 * same bounds check as the backend's kernel. A distillation step gathers its batch's rows of the cached teacher logits
 * this way. Other gathers (and strings) use the original kernel.
 */
function gatherRowsInHeap(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as HeapBackend;
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as tf.GatherV2Attrs;
    const along = tf.util.parseAxisParam(axis, x.shape)[0];
    if (along !== 0 || batchDims !== 0 || x.dtype === 'string' || x.dtype === 'complex64' || indices.dtype !== 'int32') return original.kernelFunc(args);
    const rows = x.shape[0]!;
    const rowLength = tf.util.sizeFromShape(x.shape.slice(1));
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    // Views after the allocation (it may have grown the heap), typed by dtype: the heap is read and written in place.
    const idx = backend.typedArrayFromHeap(indices) as unknown as Int32Array;
    const src = backend.typedArrayFromHeap(x) as unknown as Float32Array;
    const dst = backend.typedArrayFromHeap(out) as unknown as Float32Array;
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i]!;
      if (!(r >= 0 && r <= rows - 1)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${r} is not in [0, ${rows - 1}]`);
      }
      // Short rows (a batch's logits) element by element: a subarray per row costs more than its copy.
      if (rowLength <= 16) for (let k = 0, from = r * rowLength, to = i * rowLength; k < rowLength; k++) dst[to + k] = src[from + k]!;
      else dst.set(src.subarray(r * rowLength, (r + 1) * rowLength), i * rowLength);
    }
    return out;
  };
}

/**
 * Identity (the engine's `clone`, which saves every input a gradient needs, at every step) sharing the input's memory,
 * as Reshape does and as the CPU backend's Identity does: tensors are immutable and the backend counts references.
 * The backend's own copies the whole tensor, e.g. a distillation's cached teacher logits of the whole set at every
 * step. Strings keep the original kernel.
 */
function identityShared(original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as Backend & { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
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
  rewrap('Conv2DBackpropInput', conv2DBackpropInput);
  rewrap('Sum', sumLeadingAxes);
  rewrap('Slice', sliceInHeap);
  rewrap('Identity', identityShared);
  rewrap('GatherV2', gatherRowsInHeap);
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
  }
}
