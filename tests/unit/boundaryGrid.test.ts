import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { boundaryExtent, cellOf, gridPoints, predictGrid, type Extent } from '../../src/engine/inspect/boundaryGrid';
import type { Dataset } from '../../src/engine/data/types';
import type { WorkerEvent } from '../../src/worker/protocol';
import { boundaryFeed, GridBudget } from '../../src/worker/boundaryFeed';
import { useCpu } from './tfSetup';

beforeAll(async () => {
  await useCpu();
});

/** A 2 → 2 linear model with hand-set weights: logits = x·kernel + bias. */
function linearModel(kernel: number[][], bias: number[]): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] });
  model.layers[0]!.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  return model;
}

const SQUARE: Extent = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

describe('decision-boundary grid', () => {
  it('widens the data extent by the margin on every side', () => {
    const e = boundaryExtent([Float32Array.from([0, 0, 2, 1]), Float32Array.from([1, -1])], 0.1);
    // x spans 0…2 (span 2 → 0.2 either side), y spans −1…1 (span 2 → 0.2 either side).
    expect(e.xMin).toBeCloseTo(-0.2, 6);
    expect(e.xMax).toBeCloseTo(2.2, 6);
    expect(e.yMin).toBeCloseTo(-1.2, 6);
    expect(e.yMax).toBeCloseTo(1.2, 6);
  });

  it('puts cell centres row-major with row 0 at the top', () => {
    const p = gridPoints({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2);
    // Cells are 2 wide and 1 high: centres x ∈ {1, 3}, y ∈ {1.5 (top row), 0.5}.
    expect(Array.from(p)).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
    expect(cellOf({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2, 3.9, 0.1)).toEqual({ row: 1, col: 1 });
    expect(cellOf({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2, -5, 9)).toEqual({ row: 0, col: 0 });
  });

  it("gives a hand-made linear model's classes and confidences per cell", async () => {
    // logits = [x − 0.1, −(x − 0.1)]: class 0 right of x = 0.1, class 1 left of it.
    const model = linearModel([[1, -1], [0, 0]], [-0.1, 0.1]);
    const g = await predictGrid(model, SQUARE, 4);
    // Column centres x = −0.75, −0.25, 0.25, 0.75; confidence = 255 / (1 + e^(−2|x − 0.1|)), rounded.
    const rowClasses = [1, 1, 0, 0];
    const rowConfidence = [216, 170, 146, 200];
    expect(g.size).toBe(4);
    expect(Array.from(g.classes)).toEqual([...rowClasses, ...rowClasses, ...rowClasses, ...rowClasses]);
    expect(Array.from(g.confidence)).toEqual([...rowConfidence, ...rowConfidence, ...rowConfidence, ...rowConfidence]);
    model.dispose();
  });

  it('orients rows from the top: a model that splits on y labels the upper half class 0', async () => {
    const model = linearModel([[0, 0], [1, -1]], [0, 0]);
    const g = await predictGrid(model, SQUARE, 4);
    expect(Array.from(g.classes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    model.dispose();
  });

  it('predicts a 100 × 100 grid without leaking tensors', async () => {
    const model = linearModel([[1, -1], [0.5, 0.5]], [0, 0]);
    await predictGrid(model, SQUARE, 100); // warm-up
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const g = await predictGrid(model, SQUARE, 100);
      expect(g.classes.length).toBe(10_000);
      expect(g.confidence.length).toBe(10_000);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

/** A tiny dataset of the given input shape. */
function dataset(inputShape: number[], x: number[]): Dataset {
  const split = { x: Float32Array.from(x), y: Int32Array.from([0, 1]), count: 2 };
  return { id: 't', name: 't', inputShape, numClasses: 2, classNames: ['a', 'b'], train: split, test: split };
}

describe('boundary feed (worker)', () => {
  it('posts a 100 × 100 grid over the data for 2-D sets, transferring its buffers', async () => {
    const posted: { event: WorkerEvent; transfer: Transferable[] }[] = [];
    const hook = boundaryFeed(dataset([2], [0, 0, 1, 2]), 7, (event, transfer = []) => posted.push({ event, transfer }), 5);
    expect(hook).toBeDefined();
    const model = linearModel([[1, -1], [0, 0]], [-0.5, 0.5]);
    await hook!.onEvaluated('scratch', 3, model, null);
    expect(posted).toHaveLength(1);
    const { event, transfer } = posted[0]!;
    if (event.type !== 'boundary') throw new Error(`unexpected ${event.type}`);
    expect(event).toMatchObject({ runId: 7, phase: 'scratch', epoch: 3, size: 100 });
    // x spans 0…1 and y 0…2, widened by 10 % of the span on each side.
    expect(event.extent.xMin).toBeCloseTo(-0.1, 6);
    expect(event.extent.xMax).toBeCloseTo(1.1, 6);
    expect(event.extent.yMin).toBeCloseTo(-0.2, 6);
    expect(event.extent.yMax).toBeCloseTo(2.2, 6);
    // Boundary at x = 0.5: the left half of every row is class 1, the right half class 0.
    expect(event.classes[0]).toBe(1);
    expect(event.classes[99]).toBe(0);
    expect(transfer).toEqual([event.classes.buffer, event.confidence.buffer]);
    model.dispose();
  });

  it('does nothing for images', () => {
    expect(boundaryFeed(dataset([1, 1, 2], [0, 0, 1, 1]), 1, () => {}, 5)).toBeUndefined();
  });
});

describe('grid budget', () => {
  it('skips middle epochs while less than twice the last grid time has passed, never the first or last', () => {
    const b = new GridBudget();
    expect(b.shouldDraw(1, 10, 0)).toBe(true);
    b.record(0, 100); // a 100 ms grid ending at t = 100
    expect(b.shouldDraw(2, 10, 150)).toBe(false);
    expect(b.shouldDraw(3, 10, 299)).toBe(false);
    expect(b.shouldDraw(4, 10, 300)).toBe(true);
    expect(b.shouldDraw(10, 10, 101)).toBe(true);
    expect(b.shouldDraw(1, 10, 101)).toBe(true);
  });

  it('lets the feed skip an epoch when grids are slow', async () => {
    let clock = 0;
    const posted: number[] = [];
    const hook = boundaryFeed(dataset([2], [0, 0, 1, 2]), 1, (e) => e.type === 'boundary' && posted.push(e.epoch), 3, () => (clock += 50));
    const model = linearModel([[1, -1], [0, 0]], [0, 0]);
    for (let epoch = 1; epoch <= 3; epoch++) await hook!.onEvaluated('teacher', epoch, model, null);
    // Epoch 1's grid took 50 ms (t 50 → 100); epoch 2 asks at t = 150 < 100 + 2·50: skipped; epoch 3 is the last.
    expect(posted).toEqual([1, 3]);
    model.dispose();
  });
});
