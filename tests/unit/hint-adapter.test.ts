import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_TEACHER_PRESETS } from '../../src/engine/models/presets';
import { hiddenLayerOptions, type ArchSpec } from '../../src/engine/models/spec';
import { applyHintAdapter, hintAdapterProblem, makeHintAdapter, MAX_HINT_ADAPTER_PARAMS, planHintAdapter } from '../../src/engine/train/hintAdapter';
import { validateConfig } from '../../src/engine/train/validateConfig';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

beforeAll(async () => {
  await useCpu();
});

const conv = (filters: number): ArchSpec => ({
  kind: 'cnn',
  layers: [
    { type: 'conv', filters, kernel: 3, stride: 1, activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 32, activation: 'relu' },
  ],
});

describe('FitNets hint adapter', () => {
  it('uses a 1×1 convolution between conv maps of one size, dense otherwise, nothing when shapes match', () => {
    expect(planHintAdapter([26, 26, 8], [26, 26, 32])).toEqual({ kind: 'conv1x1', inChannels: 8, outChannels: 32, params: 8 * 32 + 32 });
    expect(planHintAdapter([8], [16])).toEqual({ kind: 'dense', inWidth: 8, outWidth: 16, params: 8 * 16 + 16 });
    expect(planHintAdapter([26, 26, 8], [26, 26, 8]).kind).toBe('none');
    expect(planHintAdapter([16], [16]).kind).toBe('none');
    expect(planHintAdapter([13, 13, 8], [11, 11, 64]).kind).toBe('dense');
  });

  it('the conv regressor is tiny where the old dense adapter over flattened maps had millions of parameters', () => {
    const s = hiddenLayerOptions(conv(8), [28, 28, 1])[0]!;
    const t = hiddenLayerOptions(conv(32), [28, 28, 1])[0]!;
    expect(s.width * t.width).toBe(5408 * 21632); // 117 million weights the dense adapter needed
    const plan = planHintAdapter(s.shape, t.shape);
    expect(plan.params).toBe(288);
    expect(hintAdapterProblem(plan)).toBeNull();
  });

  it('caps the adapter with a clear message, in the UI and before a run', () => {
    const plan = planHintAdapter([13, 13, 32], [5, 5, 64]);
    expect(plan.params).toBe(5408 * 1600 + 1600);
    expect(hintAdapterProblem(plan)).toEqual({ code: 'hintAdapterTooLarge', params: plan.params, max: MAX_HINT_ADAPTER_PARAMS, kind: 'dense' });
    const teacher = IMAGE_TEACHER_PRESETS[0]!.spec; // conv32 → pool → conv64 → pool → dense128
    const cfg = toyConfig({ dataset: 'mnist', teacher, student: conv(8), hint: { teacherLayer: 1, studentLayer: 0, beta: 1 } });
    expect(validateConfig(cfg)).toMatch(/^The hint adapter would have [\d,]+ parameters \(at most 2,000,000\): pick hint layers/);
    expect(validateConfig({ ...cfg, teacher: conv(32), hint: { teacherLayer: 0, studentLayer: 0, beta: 1 } })).toBeNull();
  });

  it('a 1×1 conv maps every pixel by the same channel matrix (checked against a hand computation)', () => {
    const adapter = makeHintAdapter({ kind: 'conv1x1', inChannels: 2, outChannels: 3, params: 9 }, 1)!;
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const out = applyHintAdapter(x, adapter);
    expect(out.shape).toEqual([1, 12]);
    const k = adapter.kernel.dataSync();
    const got = out.dataSync();
    for (let p = 0; p < 4; p++) {
      for (let o = 0; o < 3; o++) {
        const want = (p * 2 + 1) * k[o]! + (p * 2 + 2) * k[3 + o]!; // bias starts at 0
        expect(got[p * 3 + o]).toBeCloseTo(want, 5);
      }
    }
    tf.dispose([x, out, adapter.kernel, adapter.bias]);
  });
});
