import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/engine/kernels/wasmTrainingKernels';
import { denseStack, setWasmDenseForwardEnabled, trainingForward } from '../../src/engine/kernels/wasmDenseForward';
import { distillationLoss } from '../../src/engine/losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../../src/engine/models/build';
import type { ArchSpec } from '../../src/engine/models/spec';
import { RunController } from '../../src/engine/train/controller';
import { makeOptimizer } from '../../src/engine/train/hostAdam';
import { trainPhase, type TrainTensors } from '../../src/engine/train/loop';
import { values } from './seededValues';

/*
 * A dense network's training forward on WASM as one custom-gradient node (wasmDenseForward.ts): which models take it, and
 * that its logits, its gradients and a whole training phase match the tape's (tfjs-layers' own ops and autodiff) within
 * float32 rounding, with no kernel dispatched through the engine for the layers and no tensor left behind.
 */

/** Largest |a − b| relative to the largest |b| (1 when b is all zeros). */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / (scale || 1);
}

const MLP: ArchSpec = { kind: 'mlp', hidden: [32, 16], activation: 'relu' };

/** A seeded model of `spec` on inputs of `shape`, 5 classes. */
function model(spec: ArchSpec, shape: number[], name: string): tf.Sequential {
  const m = buildModel(spec, shape, 5, name);
  assignWeights(m, seededWeights(m, 3));
  return m;
}

describe('the direct dense path’s models', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  it('takes dense stacks with relu (after a flatten) and leaves every other model to the tape', () => {
    const flat = model(MLP, [12], 'stack_flat');
    const image = model({ kind: 'mlp', hidden: [8], activation: 'relu' }, [4, 3, 1], 'stack_image');
    expect(denseStack(flat)?.map((l) => [l.kernel.shape, l.relu])).toEqual([
      [[12, 32], true],
      [[32, 16], true],
      [[16, 5], false],
    ]);
    expect(denseStack(image)?.map((l) => l.kernel.shape)).toEqual([
      [12, 8],
      [8, 5],
    ]);
    const others: ArchSpec[] = [
      { kind: 'mlp', hidden: [8], activation: 'tanh' },
      { kind: 'mlp', hidden: [8], activation: 'gelu' },
      { kind: 'mlp', hidden: [8], activation: 'relu', dropout: 0.2 },
      { kind: 'cnn', layers: [{ type: 'conv', filters: 2, kernel: 3, stride: 1, activation: 'relu' }, { type: 'flatten' }] },
    ];
    const built = others.map((spec, i) => model(spec, spec.kind === 'cnn' ? [6, 6, 1] : [12], `stack_other_${i}`));
    for (const m of built) expect(denseStack(m)).toBeNull();
    for (const m of [flat, image, ...built]) m.dispose();
  });
});

describe('the direct dense path on WASM', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    setWasmDenseForwardEnabled(true);
    await tf.setBackend('cpu');
  });

  /** Loss, logits and gradients of a distillation loss through `trainingForward`, with the direct path on or off. */
  function lossAndGrads(m: tf.LayersModel, x: tf.Tensor, direct: boolean, kernels?: string[]) {
    setWasmDenseForwardEnabled(direct);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 3, 1, 4, 2, 2, 0], 'int32'), 5).toFloat() as tf.Tensor2D);
    const zt = tf.tidy(() => tf.tensor2d(values(7 * 5, 9), [7, 5]).mul(3) as tf.Tensor2D);
    const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
    const original = engine.runKernel;
    if (kernels) engine.runKernel = (name, ...rest) => (kernels.push(name), original.call(engine, name, ...rest));
    try {
      const logits = tf.tidy(() => trainingForward(m, x).dataSync().slice());
      const { value, grads } = tf.variableGrads(() => distillationLoss(y, zt, trainingForward(m, x), { temperature: 3, alpha: 0.6, scaleByT2: true }).total, trainableVariables(m));
      const out = { logits, loss: value.dataSync()[0]!, grads: trainableVariables(m).map((v) => grads[v.name]!.dataSync().slice()) };
      tf.dispose([value, ...Object.values(grads), y, zt]);
      return out;
    } finally {
      engine.runKernel = original;
    }
  }

  it.each([
    ['a flat input', [12]],
    ['an image input (flattened)', [4, 3, 1]],
  ])('gives the tape’s logits, loss and gradients for %s, dispatching no layer kernel through the engine', (_, shape) => {
    const m = model(MLP, shape as number[], `direct_${shape.length}`);
    const x = tf.tensor(values(7 * 12, 4), [7, ...(shape as number[])]);
    const before = tf.memory().numTensors;
    const tape = lossAndGrads(m, x, false);
    const kernels: string[] = [];
    const direct = lossAndGrads(m, x, true, kernels);
    expect(tf.memory().numTensors).toBe(before);
    expect(kernels).not.toContain('BatchMatMul');
    expect(kernels).not.toContain('_FusedMatMul');
    expect(kernels).not.toContain('Relu');
    expect(relativeDiff(direct.logits, tape.logits)).toBeLessThan(1e-6);
    expect(Math.abs(direct.loss - tape.loss)).toBeLessThan(1e-6 * Math.abs(tape.loss));
    // Six gradients (three kernels, three biases), none of them all zero.
    expect(direct.grads).toHaveLength(6);
    direct.grads.forEach((g, i) => {
      expect(relativeDiff(g, tape.grads[i]!)).toBeLessThan(1e-5);
      expect(g.some((v) => v !== 0)).toBe(true);
    });
    m.dispose();
    x.dispose();
  });

  it('trains a distillation phase as the tape does (3 epochs, Adam), leaving no tensor behind', async () => {
    const run = async (direct: boolean) => {
      setWasmDenseForwardEnabled(direct);
      const n = 40;
      const xs = values(n * 12, 21);
      const ys = Int32Array.from({ length: n }, (_, i) => (i * 3) % 5);
      const before = tf.memory().numTensors;
      const train: TrainTensors = {
        x: tf.tensor2d(xs, [n, 12]),
        yOneHot: tf.tidy(() => tf.oneHot(tf.tensor1d(ys, 'int32'), 5).toFloat() as tf.Tensor2D),
        count: n,
        host: { x: xs, y: ys, numClasses: 5 },
      };
      const cached = tf.tensor2d(values(n * 5, 22), [n, 5]);
      const student = model(MLP, [12], `phase_${direct}`);
      const optimizer = makeOptimizer('adam', 0.02);
      const losses: number[] = [];
      await trainPhase({
        phase: 'distill',
        epochs: 3,
        batchSize: 16,
        orderSeed: 5,
        train,
        optimizer,
        vars: trainableVariables(student),
        controller: new RunController({ temperature: 2, alpha: 0.5 }),
        lossForBatch: (b) => distillationLoss(b.yOneHot, tf.gather(cached, b.idx), trainingForward(student, b.x), { temperature: 2, alpha: 0.5, scaleByT2: true }),
        onLoss: (p) => losses.push(...p.map((q) => q.total)),
        onEpochEnd: async () => {},
      });
      const weights = student.getWeights().map((w) => w.dataSync().slice());
      optimizer.dispose();
      student.dispose();
      tf.dispose([train.x, train.yOneHot, cached]);
      return { weights, losses, leaked: tf.memory().numTensors - before };
    };
    const tape = await run(false);
    const direct = await run(true);
    expect(tape.leaked).toBe(0);
    expect(direct.leaked).toBe(0);
    expect(direct.losses).toHaveLength(9);
    expect(relativeDiff(direct.losses, tape.losses)).toBeLessThan(1e-4);
    direct.weights.forEach((w, i) => expect(relativeDiff(w, tape.weights[i]!)).toBeLessThan(1e-4));
    // Training moved the loss.
    expect(direct.losses[8]!).toBeLessThan(direct.losses[0]!);
  });

  it('leaves an input of the wrong width to model.apply, which says so', () => {
    const m = model(MLP, [12], 'wrong_width');
    const x = tf.zeros([3, 11]);
    expect(() => tf.tidy(() => trainingForward(m, x))).toThrow(/expected .*12|shape/i);
    m.dispose();
    x.dispose();
  });

  it('is the tape itself on the CPU backend (bit for bit)', async () => {
    await tf.setBackend('cpu');
    try {
      const m = model(MLP, [12], 'cpu_same');
      const x = tf.tensor2d(values(7 * 12, 4), [7, 12]);
      const viaApply = tf.tidy(() => (m.apply(x, { training: true }) as tf.Tensor).dataSync().slice());
      const viaForward = tf.tidy(() => trainingForward(m, x).dataSync().slice());
      expect(viaForward).toEqual(viaApply);
      m.dispose();
      x.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
