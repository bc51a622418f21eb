import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/engine/data/types';
import { inspectExamples } from '../../src/engine/inspect/examples';
import { EMPTY_INSPECT, reduceInspect, resetInspect } from '../../src/store/inspectState';
import { InspectFeed } from '../../src/worker/inspectFeed';
import type { WorkerEvent } from '../../src/worker/protocol';
import { useCpu } from './tfSetup';

/** A 2-D point set with `n` test points: x = (i, −i), label i mod 3. */
function points(n: number): Dataset {
  const x = Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 === 0 ? 1 : -1) * Math.floor(j / 2));
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  return { id: 'p', name: 'points', inputShape: [2], numClasses: 3, classNames: ['a', 'b', 'c'], train: { x, y, count: n }, test: { x, y, count: n } };
}

/** A linear model 2 → 3 with known weights: logits = [x1, x2, x1 + x2 + 1]. */
function linearModel(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
  const weights = [tf.tensor2d([1, 0, 1, 0, 1, 1], [2, 3]), tf.tensor1d([0, 0, 1])];
  m.setWeights(weights);
  tf.dispose(weights);
  return m;
}

beforeAll(async () => {
  await useCpu();
});

describe('inspected examples', () => {
  it('takes the first min(limit, count) test examples; images become 0–255 bytes', () => {
    const { examples, x } = inspectExamples(points(5), 3);
    expect(examples.count).toBe(3);
    expect(Array.from(examples.labels)).toEqual([0, 1, 2]);
    expect(Array.from(examples.features!)).toEqual([0, -0, 1, -1, 2, -2]);
    expect(examples.pixels).toBeNull();
    expect(x).toHaveLength(6);
    const img: Dataset = { ...points(2), inputShape: [1, 2, 1], test: { x: Float32Array.from([0, 0.5, 1, 2]), y: Int32Array.from([1, 0]), count: 2 } };
    const shown = inspectExamples(img).examples;
    expect(Array.from(shown.pixels!)).toEqual([0, 128, 255, 255]);
    expect(shown.features).toBeNull();
  });

  it('keeps colour images as RGB bytes, channels last', () => {
    const rgb = [0, 0.2, 1, 0.5, 0.25, 0.75, 1, 0, 0, 0.1, 0.9, 0.4];
    const img: Dataset = { ...points(2), inputShape: [1, 2, 3], test: { x: Float32Array.from([...rgb, ...rgb]), y: Int32Array.from([1, 0]), count: 2 } };
    const shown = inspectExamples(img, 1).examples;
    expect(Array.from(shown.pixels!)).toEqual([0, 51, 255, 128, 64, 191]);
    expect(shown.features).toBeNull();
    expect(shown.inputShape).toEqual([1, 2, 3]);
  });
});

describe('inspect feed (worker)', () => {
  it('posts the examples once, then the logits after each evaluation, without leaking tensors', async () => {
    const events: WorkerEvent[] = [];
    const feed = new InspectFeed(7, points(4), (e) => events.push(e));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'inspectExamples', runId: 7, examples: { count: 4, numClasses: 3 } });
    const model = linearModel();
    await feed.onEvaluated('teacher', 1, model, null); // warm-up (kernels, backend state)
    const before = tf.memory().numTensors;
    for (let epoch = 2; epoch <= 6; epoch++) await feed.onEvaluated('distill', epoch, model, null);
    expect(tf.memory().numTensors).toBe(before);
    expect(events).toHaveLength(7);
    const last = events[6]!;
    if (last.type !== 'inspectLogits') throw new Error('expected logits');
    expect(last.phase).toBe('distill');
    expect(last.epoch).toBe(6);
    // Points (i, −i) → logits (i, −i, 1).
    expect(Array.from(last.logits)).toEqual([0, 0, 1, 1, -1, 1, 2, -2, 1, 3, -3, 1]);
    model.dispose();
  });
});

describe('inspect slice reducer', () => {
  const examples = inspectExamples(points(2)).examples;
  const logits = (v: number) => new Float32Array(6).fill(v);

  it('keeps the examples and the latest logits per model of its own run', () => {
    let s = resetInspect(3);
    s = reduceInspect(s, { type: 'inspectLogits', runId: 3, phase: 'teacher', epoch: 1, logits: logits(1) });
    expect(s.logits.teacher).toBeUndefined(); // no examples yet
    s = reduceInspect(s, { type: 'inspectExamples', runId: 3, examples });
    s = reduceInspect(s, { type: 'inspectLogits', runId: 3, phase: 'teacher', epoch: 1, logits: logits(1) });
    s = reduceInspect(s, { type: 'inspectLogits', runId: 3, phase: 'teacher', epoch: 2, logits: logits(2) });
    s = reduceInspect(s, { type: 'inspectLogits', runId: 3, phase: 'scratch', epoch: 1, logits: logits(5) });
    expect(s.logits.teacher!.epoch).toBe(2);
    expect(s.logits.teacher!.logits[0]).toBe(2);
    expect(s.logits.scratch!.logits[0]).toBe(5);
    expect(s.logits.distill).toBeUndefined();
    const same = reduceInspect(s, { type: 'inspectLogits', runId: 2, phase: 'distill', epoch: 1, logits: logits(9) });
    expect(same).toBe(s);
    expect(reduceInspect(s, { type: 'inspectLogits', runId: 3, phase: 'distill', epoch: 1, logits: new Float32Array(5) })).toBe(s);
    expect(reduceInspect(s, { type: 'paused', runId: 3 })).toBe(s);
  });

  it('starts empty and resets for a new run', () => {
    expect(EMPTY_INSPECT.examples).toBeNull();
    const s = reduceInspect(resetInspect(4), { type: 'inspectExamples', runId: 4, examples });
    const again = reduceInspect({ ...s, logits: { teacher: { epoch: 1, logits: logits(1) } } }, { type: 'inspectExamples', runId: 4, examples });
    expect(again.logits).toEqual({});
    expect(resetInspect(5)).toEqual({ runId: 5, examples: null, logits: {} });
  });
});

describe('inspect feed failures', () => {
  it('stops feeding, without throwing into the run, when the model cannot run on the examples', async () => {
    const events: WorkerEvent[] = [];
    const feed = new InspectFeed(1, points(3), (e) => events.push(e));
    const wrong = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [5] })] });
    const right = linearModel();
    const before = tf.memory().numTensors;
    await expect(feed.onEvaluated('teacher', 1, wrong, null)).resolves.toBeUndefined();
    await feed.onEvaluated('teacher', 2, right, null);
    expect(events.map((e) => e.type)).toEqual(['inspectExamples']);
    expect(tf.memory().numTensors).toBe(before);
    wrong.dispose();
    right.dispose();
  });
});

describe('inspect feed reuse of the evaluation', () => {
  it("posts a copy of the evaluation's logits without running the model again", async () => {
    const events: WorkerEvent[] = [];
    const feed = new InspectFeed(1, points(3), (e) => events.push(e));
    // A model that cannot run on these examples: any forward pass would stop the feed.
    const unusable = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [5] })] });
    const kept = Float32Array.from({ length: feed.logitCount * 3 }, (_, i) => i / 10);
    await feed.onEvaluated('distill', 4, unusable, kept);
    const posted = events.find((e) => e.type === 'inspectLogits');
    expect(posted?.type === 'inspectLogits' ? Array.from(posted.logits) : null).toEqual(Array.from(kept));
    expect(posted?.type === 'inspectLogits' ? posted.logits : null).not.toBe(kept);
    unusable.dispose();
  });
});

describe('inspect feed: which evaluations keep the logits', () => {
  /** A view gate whose open state the test flips, with `model` for a catch-up. */
  function gate(model: tf.LayersModel | null) {
    const state = { open: false };
    return { state, view: { isOpen: () => state.open, modelOf: () => model } };
  }

  /** Spacing that passes only epochs in `pass` (a stand-in for the clock), recording each `allow` call. */
  function spacing(pass: number[]) {
    const allowed: number[] = [];
    return { allowed, allow: (e: number) => (pass.includes(e) ? (allowed.push(e), true) : false), wouldAllow: (e: number) => pass.includes(e) };
  }

  it('asks for no logits while its view is closed, and catches up from the model when it opens', async () => {
    const events: WorkerEvent[] = [];
    const model = linearModel();
    const { state, view } = gate(model);
    const feed = new InspectFeed(2, points(3), (e) => events.push(e), null, view);
    expect(feed.wantsLogits('distill', 1)).toBe(false);
    await feed.onEvaluated('distill', 1, model, null);
    expect(events).toEqual([]);
    state.open = true;
    expect(feed.wantsLogits('distill', 2)).toBe(true);
    await feed.fill();
    const posted = events.filter((e) => e.type === 'inspectLogits');
    // logits = [x1, x2, x1 + x2 + 1] on (0, 0), (1, −1), (2, −2)
    expect(posted.map((e) => (e.type === 'inspectLogits' ? [e.epoch, Array.from(e.logits)] : null))).toEqual([[1, [0, 0, 1, 1, -1, 1, 2, -2, 1]]]);
    model.dispose();
  });

  it('asks for none when the spacing would not post, and then makes no forward pass of its own', async () => {
    const events: WorkerEvent[] = [];
    const model = linearModel();
    const { state, view } = gate(model);
    state.open = true;
    const space = spacing([1, 3]);
    const feed = new InspectFeed(2, points(3), (e) => events.push(e), space, view);
    const kept = Float32Array.from({ length: 9 }, (_, i) => i);
    const before = tf.memory().numTensors;
    for (const epoch of [1, 2, 3]) {
      const want = feed.wantsLogits('scratch', epoch);
      expect(want).toBe(epoch !== 2);
      await feed.onEvaluated('scratch', epoch, model, want ? kept : null);
    }
    expect(events.filter((e) => e.type === 'inspectLogits').map((e) => (e.type === 'inspectLogits' ? e.epoch : null))).toEqual([1, 3]);
    expect(space.allowed).toEqual([1, 3]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('still posts the epoch when its view opened between the question and the evaluation', async () => {
    const events: WorkerEvent[] = [];
    const model = linearModel();
    const { state, view } = gate(model);
    const feed = new InspectFeed(2, points(3), (e) => events.push(e), spacing([1, 2]), view);
    expect(feed.wantsLogits('teacher', 2)).toBe(false);
    state.open = true;
    await feed.onEvaluated('teacher', 2, model, null);
    expect(events.filter((e) => e.type === 'inspectLogits').map((e) => (e.type === 'inspectLogits' ? e.epoch : null))).toEqual([2]);
    model.dispose();
  });
});
