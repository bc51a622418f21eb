import * as tf from '@tensorflow/tfjs';
import type { HintAdapter } from '../losses';
import { Rng } from '../rng';

/** Most trainable parameters a FitNets adapter may have (its Adam slots triple the memory). */
export const MAX_HINT_ADAPTER_PARAMS = 2_000_000;

/**
 * How the student's hint features are mapped to the teacher's: not at all (same shape), by a 1×1 convolution
 * (both conv feature maps of the same height and width, as in FitNets), or by a dense layer over the flattened features.
 */
export type HintAdapterPlan =
  | { kind: 'none'; params: 0 }
  | { kind: 'conv1x1'; inChannels: number; outChannels: number; params: number }
  | { kind: 'dense'; inWidth: number; outWidth: number; params: number };

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The adapter between a student and a teacher hidden block, from their per-example output shapes. */
export function planHintAdapter(studentShape: readonly number[], teacherShape: readonly number[]): HintAdapterPlan {
  if (sameShape(studentShape, teacherShape)) return { kind: 'none', params: 0 };
  if (studentShape.length === 3 && teacherShape.length === 3 && studentShape[0] === teacherShape[0] && studentShape[1] === teacherShape[1]) {
    const inChannels = studentShape[2]!;
    const outChannels = teacherShape[2]!;
    return { kind: 'conv1x1', inChannels, outChannels, params: inChannels * outChannels + outChannels };
  }
  const inWidth = product(studentShape);
  const outWidth = product(teacherShape);
  if (inWidth === outWidth && studentShape.length === 1 && teacherShape.length === 1) return { kind: 'none', params: 0 };
  return { kind: 'dense', inWidth, outWidth, params: inWidth * outWidth + outWidth };
}

/** Why a planned adapter may not be used (too many parameters), as a code with parameters, or null. */
export function hintAdapterProblem(plan: HintAdapterPlan): { code: 'hintAdapterTooLarge'; params: number; max: number; kind: 'conv1x1' | 'dense' } | null {
  return plan.kind !== 'none' && plan.params > MAX_HINT_ADAPTER_PARAMS ? { code: 'hintAdapterTooLarge', params: plan.params, max: MAX_HINT_ADAPTER_PARAMS, kind: plan.kind } : null;
}

/** English sentence of an adapter problem (the worker's run error; the UI words the code itself). */
export function englishHintAdapterProblem(p: NonNullable<ReturnType<typeof hintAdapterProblem>>): string {
  return `The hint adapter would have ${p.params.toLocaleString('en-US')} parameters (at most ${p.max.toLocaleString('en-US')}): pick hint layers with fewer features, e.g. conv layers of the same height and width (a 1×1 convolution maps them).`;
}

/** A Glorot-initialised adapter for a plan (null for `none`): a [1, 1, in, out] conv kernel or an [in, out] dense kernel, plus a bias. */
export function makeHintAdapter(plan: HintAdapterPlan, seed: number): HintAdapter | null {
  if (plan.kind === 'none') return null;
  const [fanIn, fanOut] = plan.kind === 'conv1x1' ? [plan.inChannels, plan.outChannels] : [plan.inWidth, plan.outWidth];
  const rng = new Rng(seed);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = Float32Array.from({ length: fanIn * fanOut }, () => rng.uniform(-limit, limit));
  const shape = plan.kind === 'conv1x1' ? [1, 1, fanIn, fanOut] : [fanIn, fanOut];
  return tf.tidy(() => ({ kernel: tf.variable(tf.tensor(w, shape), true), bias: tf.variable(tf.zeros([fanOut]), true) }));
}

/** The student's hint features mapped to the teacher's shape (flattened per example), ready for `hintLoss` without an adapter. */
export function applyHintAdapter(studentHidden: tf.Tensor, adapter: HintAdapter | null): tf.Tensor {
  return tf.tidy(() => {
    const n = studentHidden.shape[0]!;
    if (!adapter) return tf.reshape(studentHidden, [n, -1]);
    if (adapter.kernel.rank === 4) {
      const mapped = tf.add(tf.conv2d(studentHidden as tf.Tensor4D, adapter.kernel as tf.Tensor4D, 1, 'valid'), adapter.bias);
      return tf.reshape(mapped, [n, -1]);
    }
    return tf.add(tf.matMul(tf.reshape(studentHidden, [n, -1]) as tf.Tensor2D, adapter.kernel as tf.Tensor2D), adapter.bias);
  });
}
