import * as tf from '@tensorflow/tfjs';
import { heapSimd } from '../kernels/heapSimd';
import { hostMemory, type HostOutput } from '../hostMemory';

/*
 * Adam for the backends that keep tensors in host memory (WASM, CPU). tfjs's AdamOptimizer spends about fourteen kernels
 * and seven scalar tensors on every variable at every step; for the studio's small students that dispatch costs more
 * than the arithmetic. This optimiser updates each variable and its two moments in one pass over host memory (the wasm
 * heap, or the CPU backend's arrays), writing three new tensors that the variables then take over. Nothing is changed in
 * place, so the wasm backend's XNNPACK caches (keyed by tensor id) stay valid. On WASM the pass is WebAssembly SIMD
 * (`heapSimd`, float32 as tfjs's kernels); on CPU, or without SIMD, a JavaScript loop. Same maths as tfjs's Adam, and the
 * same `getWeights()` names and order, so checkpoints move between it and `tf.train.adam`.
 */

/** A named tensor, as optimisers save and restore their state (tfjs-core's `NamedTensor`, not re-exported by tfjs). */
type NamedTensor = { name: string; tensor: tf.Tensor };

/** One optimiser slot: a variable with the name it is saved under (tfjs-core's `OptimizerVariable`). */
type OptimizerVariable = { originalName: string; variable: tf.Variable };

/** True when `hostAdam` can run on the active backend (WASM or CPU). */
export function hostAdamAvailable(): boolean {
  return hostMemory() !== null;
}

/** Adam (Kingma & Ba) updating each variable in one pass over host memory; see the file comment. */
export class HostAdam extends tf.Optimizer {
  /** Serialisation name (as tfjs's Adam). */
  static get className(): string {
    return 'Adam';
  }

  private firstMoments: OptimizerVariable[] = [];
  private secondMoments: OptimizerVariable[] = [];

  /** Adam with tfjs's defaults (β₁ 0.9, β₂ 0.999, ε the backend's epsilon). */
  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = tf.backend().epsilon(),
  ) {
    super();
  }

  /** One Adam step for every variable with a gradient. */
  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const memory = hostMemory();
    if (!memory) throw new Error(`HostAdam needs the wasm or cpu backend (active: ${tf.getBackend()}).`);
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const t = this.iterations + 1;
    // Folded bias corrections: value −= lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + ε).
    const step = this.learningRate / (1 - this.beta1 ** t);
    const secondScale = 1 / (1 - this.beta2 ** t);
    const { beta1, beta2, epsilon } = this;
    const keep1 = 1 - beta1;
    const keep2 = 1 - beta2;
    // On WASM, the update runs in WebAssembly SIMD over the heap: float32 and tfjs's order of operations, with its
    // bias corrections 1 − βᵗ from β powers kept in float32 as tfjs keeps them, so the steps are tfjs's Adam's.
    const simd = heapSimd();
    const [c1, c2] = simd ? this.biasCorrections(t) : [0, 0];
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      const gradient = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
      if (!value || !gradient) return;
      this.firstMoments[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      this.secondMoments[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      const m = this.firstMoments[i]!.variable;
      const v = this.secondMoments[i]!.variable;
      const [nextValue, nextM, nextV] = memory.outputs([...value.shape], 3) as [HostOutput, HostOutput, HostOutput];
      const w = memory.view(value);
      const g = memory.view(gradient);
      const m0 = memory.view(m);
      const v0 = memory.view(v);
      const w1 = nextValue.values;
      const m1 = nextM.values;
      const v1 = nextV.values;
      if (simd) {
        simd.adam(w.byteOffset, g.byteOffset, m0.byteOffset, v0.byteOffset, w1.byteOffset, m1.byteOffset, v1.byteOffset, w.length, this.learningRate, c1, c2, beta1, beta2, keep1, keep2, epsilon);
      } else {
        for (let k = 0; k < w.length; k++) {
          const gk = g[k]!;
          const mk = beta1 * m0[k]! + keep1 * gk;
          const vk = beta2 * v0[k]! + keep2 * gk * gk;
          m1[k] = mk;
          v1[k] = vk;
          w1[k] = w[k]! - (step * mk) / (Math.sqrt(vk * secondScale) + epsilon);
        }
      }
      for (const [variable, out] of [[value, nextValue], [m, nextM], [v, nextV]] as const) {
        const made = tf.engine().makeTensorFromTensorInfo(out.info);
        variable.assign(made);
        made.dispose();
      }
    });
    this.incrementIterations();
  }

  /** β₁ᵗ and β₂ᵗ in float32 for the step t they were last computed for (tfjs's Adam multiplies them once a step). */
  private betaPowers = { t: 0, beta1: 1, beta2: 1 };

  /** 1 − β₁ᵗ and 1 − β₂ᵗ for step t, in float32 as tfjs's Adam computes them. */
  private biasCorrections(t: number): [number, number] {
    const f = Math.fround;
    const { beta1, beta2 } = this;
    const before = this.betaPowers;
    // Step by step, each power is the one before times β; at the first step (or after a restore, as tfjs's setWeights does) β to the t.
    this.betaPowers =
      before.t === t - 1 && t > 1
        ? { t, beta1: f(before.beta1 * f(beta1)), beta2: f(before.beta2 * f(beta2)) }
        : { t, beta1: f(beta1 ** t), beta2: f(beta2 ** t) };
    return [f(1 - this.betaPowers.beta1), f(1 - this.betaPowers.beta2)];
  }

  /** Frees the moment variables. */
  override dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((s) => s.variable));
    this.firstMoments = [];
    this.secondMoments = [];
  }

  /** The iteration count, then every first moment, then every second moment (tfjs Adam's order and names). */
  override async getWeights(): Promise<NamedTensor[]> {
    const slots = [...this.firstMoments, ...this.secondMoments];
    return [await this.saveIterations(), ...slots.map((s) => ({ name: s.originalName, tensor: s.variable }))];
  }

  /** Restores what `getWeights` (or tfjs's Adam) saved. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const slots = await this.extractIterations(weightValues);
    const half = slots.length / 2;
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((s) => s.variable));
    const toSlot = (s: NamedTensor): OptimizerVariable => ({ originalName: s.name, variable: s.tensor.variable(false) });
    this.firstMoments = slots.slice(0, half).map(toSlot);
    this.secondMoments = slots.slice(half).map(toSlot);
  }

  /** The settings, as tfjs's Adam reports them. */
  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/** The optimiser a training phase uses: Adam in one host pass on WASM/CPU, tfjs's own on the GPU backends; or SGD. */
export function makeOptimizer(name: 'adam' | 'sgd', learningRate: number): tf.Optimizer {
  if (name === 'sgd') return tf.train.sgd(learningRate);
  return hostAdamAvailable() ? new HostAdam(learningRate) : tf.train.adam(learningRate);
}
