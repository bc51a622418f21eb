import * as tf from '@tensorflow/tfjs';
import { hostMemory } from '../hostMemory';

/*
 * The distillation loss and its gradient in one pass of JavaScript over host memory (the wasm heap, or the CPU
 * backend's arrays). A batch's logits are a few thousand numbers, and tfjs spends some forty kernels on the loss and its closed-form
 * gradient (two log-softmaxes, the KL, the cross-entropy, their gradients), each costing more in dispatch than in
 * arithmetic. Same maths as the kernel path in `losses.ts`, in double precision; the gradient reaches the student's
 * logits through one `tf.customGrad` node.
 */

/**
 * True when the losses take the host pass: on WASM, where kernel dispatch costs most. The CPU backend keeps the
 * kernels: it is the unit tests' deterministic reference (their recorded fixtures are its float32 arithmetic), and a
 * fallback too slow for the pass to matter. `hostLossParts` itself works on both.
 */
export function hostLossBackend(): boolean {
  return tf.getBackend() === 'wasm';
}

/** What the host pass computes: the soft term, its weight α and T, and the hard term's weight. */
export interface HostLossTerms {
  /** The soft term: KL at temperature `temperature` (× T² when `scaleByT2`), MSE of logits, or none (hard labels only). */
  soft: 'kl' | 'mse' | 'none';
  temperature: number;
  alpha: number;
  scaleByT2: boolean;
  /** Weight of the hard cross-entropy. */
  hardWeight: number;
}

/** The loss parts the host pass returns: the two terms (not on the tape) and their sum (with its gradient). */
export interface HostLossParts {
  soft: tf.Scalar;
  hard: tf.Scalar;
  total: tf.Scalar;
}

/**
 * The softmax of `z / t` over the `c` values of the row starting at `at`: probabilities into `prob`, their logarithms into
 * `log` (one `exp` per value). Stable for huge logits: the row maximum is subtracted before `exp`.
 */
function softmaxRow(z: Float32Array, at: number, c: number, t: number, prob: Float64Array, log: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < c; j++) {
    const v = z[at + j]! / t;
    log[j] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let j = 0; j < c; j++) {
    const e = Math.exp(log[j]! - max);
    prob[j] = e;
    sum += e;
  }
  const shift = max + Math.log(sum);
  for (let j = 0; j < c; j++) {
    log[j] = log[j]! - shift;
    prob[j] = prob[j]! / sum;
  }
}

/**
 * The loss of a batch of student logits `zs` against one-hot labels and (for a soft term) teacher logits `zt`, with
 * the closed-form gradient; null on a backend without host memory (the caller then uses the kernels).
 */
export function hostLossParts(oneHot: tf.Tensor2D, zt: tf.Tensor2D | null, zs: tf.Tensor2D, terms: HostLossTerms): HostLossParts | null {
  const memory = hostMemory();
  if (!memory) return null;
  if (terms.soft !== 'none' && !zt) throw new Error('A soft term needs the teacher’s logits.');
  let soft = 0;
  let hard = 0;
  const total = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const z = args[0] as tf.Tensor2D;
    const [b, c] = z.shape;
    const [out] = memory.outputs([b, c], 1);
    // Views after the allocation (it may have grown the wasm heap).
    const grad = out!.values;
    const s = memory.view(z);
    const y = memory.view(oneHot);
    const t = zt ? memory.view(zt) : null;
    const { temperature: T, alpha, hardWeight } = terms;
    const q = new Float64Array(c);
    const logQ = new Float64Array(c);
    const p = new Float64Array(c);
    const logP = new Float64Array(c);
    let kl = 0;
    let se = 0;
    let ce = 0;
    const softScale = terms.soft === 'kl' ? (alpha * (terms.scaleByT2 ? T : 1 / T)) / b : (2 * alpha) / (b * c);
    for (let i = 0; i < b; i++) {
      const at = i * c;
      for (let j = 0; j < c; j++) grad[at + j] = 0;
      if (terms.soft === 'kl') {
        softmaxRow(s, at, c, T, q, logQ);
        softmaxRow(t!, at, c, T, p, logP);
        for (let j = 0; j < c; j++) {
          kl += p[j]! * (logP[j]! - logQ[j]!);
          grad[at + j] = softScale * (q[j]! - p[j]!);
        }
      } else if (terms.soft === 'mse') {
        for (let j = 0; j < c; j++) {
          const d = s[at + j]! - t![at + j]!;
          se += d * d;
          grad[at + j] = softScale * d;
        }
      }
      softmaxRow(s, at, c, 1, q, logQ);
      for (let j = 0; j < c; j++) {
        ce -= y[at + j]! * logQ[j]!;
        grad[at + j] = grad[at + j]! + (hardWeight * (q[j]! - y[at + j]!)) / b;
      }
    }
    soft = terms.soft === 'kl' ? alpha * (terms.scaleByT2 ? T * T : 1) * (kl / b) : terms.soft === 'mse' ? alpha * (se / (b * c)) : 0;
    hard = hardWeight * (ce / b);
    const gradient = tf.engine().makeTensorFromTensorInfo(out!.info) as tf.Tensor2D;
    (args[1] as tf.GradSaveFunc)([gradient]);
    return { value: tf.scalar(soft + hard), gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.mul(saved[0]!, dy as tf.Tensor) };
  })(zs) as tf.Scalar;
  return { soft: tf.scalar(soft), hard: tf.scalar(hard), total };
}
