import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { HostAdam, makeOptimizer } from '../../src/engine/train/hostAdam';

/** Two variables and a loss that makes their gradients differ in sign and size. */
function problem(seed: number) {
  const w = tf.variable(tf.tensor2d([0.5, -1.2, 2.0, 0.1, -0.3, 0.7], [2, 3]), true, `w${seed}_${tf.getBackend()}`);
  const b = tf.variable(tf.tensor1d([0.05, -0.4, 0.9]), true, `b${seed}_${tf.getBackend()}`);
  const x = tf.tensor2d([1, 2, -1, 0.5, 3, -2, 0.2, 0.1], [4, 2]);
  const y = tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], [4, 3]);
  const loss = () => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, w), b)) as tf.Scalar;
  return { vars: [w, b], loss, dispose: () => tf.dispose([w, b, x, y]) };
}

/** Runs `steps` Adam steps from the same start and returns the variables' values. */
function train(optimizer: tf.Optimizer, seed: number, steps: number): Float32Array[] {
  const p = problem(seed);
  for (let i = 0; i < steps; i++) tf.tidy(() => void optimizer.minimize(p.loss, false, p.vars));
  const out = p.vars.map((v) => v.dataSync() as Float32Array);
  p.dispose();
  optimizer.dispose();
  return out;
}

/** Largest |a − b| over pairs of arrays. */
function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = 0;
  a.forEach((x, i) => x.forEach((v, k) => (m = Math.max(m, Math.abs(v - b[i]![k]!)))));
  return m;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('HostAdam on %s', (backend) => {
  // On CPU within float32 rounding (tfjs computes each op in float32, this optimiser each update in doubles); on WASM
  // bit for bit (its SIMD pass is tfjs's float32 operations in their order).
  it('takes the same steps as tfjs Adam (lr 0.05, 25 steps), and the weights really move', async () => {
    await tf.setBackend(backend);
    const ours = train(new HostAdam(0.05), 1, 25);
    const theirs = train(tf.train.adam(0.05), 2, 25);
    const start = train(tf.train.adam(0.05), 3, 0);
    if (backend === 'wasm') expect(maxDiff(ours, theirs)).toBe(0);
    else expect(maxDiff(ours, theirs)).toBeLessThan(1e-5);
    expect(maxDiff(ours, start)).toBeGreaterThan(0.3);
  });

  it('after the first step equals the hand-computed Adam step, ±lr·sign(g) per weight', async () => {
    await tf.setBackend(backend);
    const v = tf.variable(tf.tensor1d([1, -2, 0.5]), true, `hand_${backend}`);
    const opt = new HostAdam(0.1);
    // loss = Σ c·v: gradient c; the first bias-corrected step is lr·g/(|g| + ε) = lr·sign(g).
    tf.tidy(() => void opt.minimize(() => tf.sum(tf.mul(tf.tensor1d([3, -0.5, 0.002]), v)), false, [v]));
    const got = Array.from(v.dataSync());
    expect(got[0]).toBeCloseTo(0.9, 5);
    expect(got[1]).toBeCloseTo(-1.9, 5);
    expect(got[2]).toBeCloseTo(0.4, 4);
    opt.dispose();
    v.dispose();
  });

  it('saves and restores the state under tfjs Adam’s names, in either direction', async () => {
    await tf.setBackend(backend);
    // 10 steps in one go against 4 steps, a checkpoint into the other optimiser, then 6 more.
    const whole = train(new HostAdam(0.05), 4, 10);
    const p = problem(5);
    const first = tf.train.adam(0.05);
    for (let i = 0; i < 4; i++) tf.tidy(() => void first.minimize(p.loss, false, p.vars));
    const saved = await first.getWeights();
    const second = new HostAdam(0.05);
    await second.setWeights(saved);
    first.dispose();
    for (let i = 0; i < 6; i++) tf.tidy(() => void second.minimize(p.loss, false, p.vars));
    const resumed = p.vars.map((v) => v.dataSync() as Float32Array);
    expect(maxDiff(whole, resumed)).toBeLessThan(1e-5);
    const names = (await second.getWeights()).map((w) => w.name);
    expect(names).toEqual(['iter', ...['w5/m', 'b5/m', 'w5/v', 'b5/v'].map((n) => n.replace('5/', `5_${backend}/`))]);
    second.dispose();
    p.dispose();
  });

  it('leaves the tensor count flat across steps', async () => {
    await tf.setBackend(backend);
    const p = problem(6);
    const opt = makeOptimizer('adam', 0.01);
    expect(opt).toBeInstanceOf(HostAdam);
    tf.tidy(() => void opt.minimize(p.loss, false, p.vars));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) tf.tidy(() => void opt.minimize(p.loss, false, p.vars));
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    p.dispose();
  });
});
