import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  compareRecords,
  missingKernel,
  missingKernelMessage,
  PARITY_CASES,
  PARITY_TOLERANCES,
  runParityCase,
  runParitySuite,
  type ParityCase,
  type ParityRecord,
} from '../../src/engine/parity';
import { useCpu } from './tfSetup';

const caseById = (id: string): ParityCase => PARITY_CASES.find((c) => c.id === id)!;
const tol = PARITY_TOLERANCES.webgl;

/** A record with one gradient and one weight, for the comparison tests. */
function record(loss: number[], grad: number[], weight: number[]): ParityRecord {
  return { losses: loss, grads: { 'step 1 w': Float32Array.from(grad) }, weights: { w: Float32Array.from(weight) }, leakedTensors: 0, ms: 0 };
}

describe('compareRecords', () => {
  it('is zero for identical records and names the worst value otherwise', () => {
    const ref = record([1, 0.5], [0.1, -0.2], [3, 4]);
    expect(compareRecords(ref, ref, tol)).toMatchObject({ maxAbs: 0, worstRatio: 0, worstTensors: [] });
    const got = record([1, 0.5], [0.1, -0.2 + 1e-3], [3, 4]);
    const err = compareRecords(ref, got, tol);
    expect(err.where).toBe('grad step 1 w[1]');
    expect(err.maxAbs).toBeCloseTo(1e-3, 6);
    expect(err.worstRatio).toBeCloseTo(1e-3 / (1e-4 + 1e-3 * 0.2), 2);
    expect(err.parts).toEqual({ loss: 0, grads: err.maxAbs, weights: 0 });
    expect(err.worstTensors).toEqual([expect.stringMatching(/^grad step 1 w: max abs 1\.00e-3 \(3\.3× tolerance\)$/)]);
  });

  it('passes values inside atol + rtol·|ref| and fails NaN and missing tensors', () => {
    const ref = record([100], [0], [1]);
    expect(compareRecords(ref, record([100 + 0.1], [9e-5], [1]), tol).worstRatio).toBeLessThanOrEqual(1);
    expect(compareRecords(ref, record([Number.NaN], [0], [1]), tol).worstRatio).toBe(Infinity);
    const missing: ParityRecord = { ...ref, grads: {} };
    expect(compareRecords(ref, missing, tol).where).toBe('grad step 1 w (missing)');
  });
});

describe('missing kernels', () => {
  it("parses tfjs's error and turns it into a clear message", () => {
    const parsed = missingKernel("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'");
    expect(parsed).toEqual({ kernel: 'Conv2DBackpropFilter', backend: 'wasm' });
    expect(missingKernel('Something else')).toBeNull();
    expect(missingKernelMessage('Conv2DBackpropFilter', 'wasm')).toBe(
      'The wasm backend cannot train this architecture: tfjs has no Conv2DBackpropFilter kernel for it (the gradient of convolution weights). Choose Auto, WebGL, WebGPU or CPU.',
    );
  });
});

describe('parity cases on the CPU backend', () => {
  beforeAll(async () => {
    await useCpu();
  });

  it('are deterministic, leak nothing, and record both steps of every weight and the input', async () => {
    const c = caseById('conv-batchnorm');
    const a = await runParityCase(c);
    const b = await runParityCase(c);
    expect(a.leakedTensors).toBe(0);
    expect(compareRecords(a, b, PARITY_TOLERANCES.cpu).maxAbs).toBe(0);
    expect(a.losses).toHaveLength(2);
    expect(a.losses[1]).toBeLessThan(a.losses[0]!);
    expect(Object.keys(a.grads)).toEqual(expect.arrayContaining(['step 1 input', 'step 2 input', 'step 1 conv_1/kernel', 'step 2 bn_1/gamma', 'step 2 logits/bias']));
    // Batch norm in training mode moved its moving statistics away from their initial 0 and 1.
    expect(Array.from(a.weights['bn_1/moving_mean']!).some((v) => v !== 0)).toBe(true);
    expect(Array.from(a.weights['bn_1/moving_variance']!).some((v) => v !== 1)).toBe(true);
  });

  it('include conv on 3 channels: the colour teacher preset on 16×16×3 records its RGB input gradient and batch-norm weights', async () => {
    const c = caseById('colour-preset');
    expect(c.inputShape).toEqual([16, 16, 3]);
    const a = await runParityCase(c);
    expect(a.leakedTensors).toBe(0);
    expect(a.losses).toHaveLength(2);
    expect(a.grads['step 1 input']).toHaveLength(2 * 16 * 16 * 3);
    expect(a.grads['step 1 conv_1/kernel']).toHaveLength(3 * 3 * 3 * 16);
    expect(Object.keys(a.weights)).toEqual(expect.arrayContaining(['bn_1/gamma', 'bn_3/moving_mean', 'logits/kernel']));
  });

  it('draw dropout masks from the seed: the same on every run, and different from no dropout', async () => {
    const drop = caseById('dense-dropout');
    const a = await runParityCase(drop);
    const b = await runParityCase(drop);
    expect(compareRecords(a, b, PARITY_TOLERANCES.cpu).maxAbs).toBe(0);
    const noDrop = await runParityCase({ ...drop, spec: { kind: 'mlp', hidden: [32, 32], activation: 'relu' } });
    expect(a.losses[0]).not.toBe(noDrop.losses[0]);
  });

  it('the suite judges the CPU backend against itself as exact', async () => {
    const cases = ['dense-gelu', 'maxpool', 'kd-loss'].map(caseById);
    const report = await runParitySuite(['cpu'], async (name) => {
      await tf.setBackend(name);
    }, cases);
    expect(report.backends).toHaveLength(1);
    for (const o of Object.values(report.backends[0]!.cases)) expect(o).toMatchObject({ status: 'ok', maxAbs: 0, leakedTensors: 0 });
  });
});
