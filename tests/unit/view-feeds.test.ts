import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { ExperimentConfig, LossPoint, Phase } from '../../src/engine/train/types';
import { boundaryFeed } from '../../src/worker/boundaryFeed';
import { classroomFeeds } from '../../src/worker/classroomFeeds';
import { InspectFeed } from '../../src/worker/inspectFeed';
import { predictors } from '../../src/worker/predictors';
import type { OpenViews, WorkerEvent } from '../../src/worker/protocol';
import { ViewFeeds, viewFeeds, type ViewGate } from '../../src/worker/viewFeeds';
import { openViewsOf } from '../../src/ui/bridge/openViews';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

beforeAll(async () => {
  await useCpu();
});

/** A 2-D point set with `n` test points: x = (i, −i), label i mod 3. */
function points(n: number): Dataset {
  const x = Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 === 0 ? 1 : -1) * Math.floor(j / 2));
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  return { id: 'p', name: 'points', inputShape: [2], numClasses: 3, classNames: ['a', 'b', 'c'], train: { x, y, count: n }, test: { x, y, count: n } };
}

/** A linear model 2 → 3 with known weights: logits = [x1, x2, x1 + x2 + b]. */
function linearModel(b = 1): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
  const weights = [tf.tensor2d([1, 0, 1, 0, 1, 1], [2, 3]), tf.tensor1d([0, 0, b])];
  m.setWeights(weights);
  tf.dispose(weights);
  return m;
}

/** A view gate whose openness the test switches, with the given catch-up models. */
function switchable(models: Partial<Record<Phase, tf.LayersModel>> = {}): ViewGate & { open: boolean } {
  const gate = { open: false, isOpen: () => gate.open, modelOf: (p: Phase) => models[p] ?? null };
  return gate;
}

const summary = (e: WorkerEvent) => (e.type === 'inspectLogits' || e.type === 'boundary' ? `${e.type} ${e.phase} ${e.epoch}` : e.type);

describe('the open views (worker)', () => {
  it('asks a feed to catch up only when its view opens, and only the latest run’s feeds', async () => {
    const views = new ViewFeeds();
    const filled: string[] = [];
    const feed = (name: string) => ({ fill: async () => void filled.push(name) });
    expect(views.isOpen('knowledge') && views.isOpen('boundaries')).toBe(true); // until the page says
    expect(views.setOpen({ knowledge: false, boundaries: false })).toEqual([]); // nothing attached yet
    views.attach({ knowledge: feed('k1'), boundaries: feed('b1') });
    const run = async (open: OpenViews) => {
      for (const fill of views.setOpen(open)) await fill();
    };
    await run({ knowledge: true, boundaries: false });
    await run({ knowledge: true, boundaries: false }); // still open: no second catch-up
    await run({ knowledge: false, boundaries: true });
    views.attach({ knowledge: feed('k2') }); // a run with no boundaries
    await run({ knowledge: true, boundaries: false });
    await run({ knowledge: false, boundaries: true });
    expect(filled).toEqual(['k1', 'b1', 'k2']);
    expect(views.isOpen('knowledge')).toBe(false);
    expect(views.isOpen('boundaries')).toBe(true);
  });

  it('maps the page’s open view to the feeds it shows', () => {
    expect(openViewsOf('train')).toEqual({ knowledge: false, boundaries: false });
    expect(openViewsOf('data')).toEqual({ knowledge: false, boundaries: true });
    expect(openViewsOf('knowledge')).toEqual({ knowledge: true, boundaries: false });
    expect(openViewsOf('history')).toEqual({ knowledge: false, boundaries: false });
  });
});

describe('inspect feed with its view closed', () => {
  it('posts nothing, then on opening the examples and each model’s latest logits, once', async () => {
    const events: WorkerEvent[] = [];
    const borrowed = linearModel(5);
    const gate = switchable({ teacher: borrowed });
    const feed = new InspectFeed(2, points(3), (e) => events.push(e), null, gate);
    const unusable = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [5] })] });
    const kept = (v: number) => new Float32Array(9).fill(v);
    const scratch2 = kept(2);
    await feed.onEvaluated('teacher', 4, unusable, null); // no logits kept: the catch-up asks `modelOf`
    await feed.onEvaluated('scratch', 1, unusable, kept(1));
    await feed.onEvaluated('scratch', 2, unusable, scratch2);
    expect(events).toEqual([]);
    gate.open = true;
    await feed.fill();
    expect(events.map(summary)).toEqual(['inspectExamples', 'inspectLogits teacher 4', 'inspectLogits scratch 2']);
    const [, teacher, scratch] = events;
    // Points (i, −i) through the catch-up model → logits (i, −i, 5).
    expect(teacher?.type === 'inspectLogits' ? Array.from(teacher.logits) : null).toEqual([0, 0, 5, 1, -1, 5, 2, -2, 5]);
    expect(scratch?.type === 'inspectLogits' ? scratch.logits : null).toEqual(scratch2);
    expect(scratch?.type === 'inspectLogits' ? scratch.logits : null).not.toBe(scratch2); // a copy: the evaluation keeps its own
    await feed.fill(); // the page has them all
    expect(events).toHaveLength(3);
    await feed.onEvaluated('distill', 1, unusable, kept(7)); // open: posted at once
    expect(events.map(summary).slice(3)).toEqual(['inspectLogits distill 1']);
    unusable.dispose();
    borrowed.dispose();
  });
});

describe('boundary feed with its view closed', () => {
  it('draws nothing, then on opening each model’s grid from its latest copy, without leaking tensors', async () => {
    const events: WorkerEvent[] = [];
    const copies = { teacher: linearModel(), scratch: linearModel(-100) };
    const gate = switchable(copies);
    const feed = boundaryFeed(points(4), 3, (e) => events.push(e), 5, () => 0, gate)!;
    const training = linearModel();
    await feed.onEvaluated('teacher', 5, training, null);
    await feed.onEvaluated('scratch', 1, training, null);
    await feed.onEvaluated('scratch', 2, training, null);
    await feed.onEvaluated('teacher', 5, null, null); // a teacher known by its logits: no grid
    expect(events).toEqual([]);
    gate.open = true;
    await feed.fill(); // warm-up of the kernels
    const before = tf.memory().numTensors;
    await feed.fill();
    expect(tf.memory().numTensors).toBe(before);
    expect(events.map(summary)).toEqual(['boundary teacher 5', 'boundary scratch 2']);
    const scratch = events[1];
    // The scratch copy's bias of −100 on class 2 leaves classes 0 and 1 only: the grid came from the copy.
    expect(scratch?.type === 'boundary' ? new Set(scratch.classes) : null).toEqual(new Set([0, 1]));
    await feed.onEvaluated('distill', 1, training, null);
    expect(events.map(summary).slice(2)).toEqual(['boundary distill 1']);
    training.dispose();
    copies.teacher.dispose();
    copies.scratch.dispose();
  });
});

describe('open or closed views leave the run bit-identical (CPU)', () => {
  const cfg: ExperimentConfig = toyConfig({ epochs: 3, teacher: { kind: 'mlp', hidden: [16], activation: 'tanh', dropout: 0.1 } });

  afterEach(() => {
    viewFeeds.setOpen({ knowledge: true, boundaries: true });
    viewFeeds.attach({});
    predictors.clear();
  });

  /** One run with the classroom feeds as the worker wires them; `views` says what is open, `openAt` opens both after that epoch of the scratch phase. */
  async function run(views: OpenViews, openAt: number | null) {
    const data = await DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
    viewFeeds.setOpen(views);
    const events: WorkerEvent[] = [];
    const losses: LossPoint[] = [];
    const accuracies: number[] = [];
    const fills: Promise<void>[] = [];
    const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), {
      onPhase: () => {},
      onLoss: (p) => losses.push(...p),
      onEpoch: (e) => {
        accuracies.push(e.testAccuracy);
        // The catch-up starts between epochs, as a message would arrive, and is not awaited by the run.
        if (e.phase === 'scratch' && e.epoch === openAt) fills.push(...viewFeeds.setOpen({ knowledge: true, boundaries: true }).map((fill) => fill()));
      },
      ...classroomFeeds(1, cfg, data, (e) => events.push(e), null),
    });
    await Promise.all(fills);
    const weights = out.student.getWeights().map((w) => Array.from(w.dataSync()));
    const { teacher, scratch, distilled, gainPoints } = out.results;
    const results = [teacher, scratch, distilled].map((r) => [r.accuracy, r.loss, r.agreement, r.ece]);
    out.dispose();
    return { events: events.map(summary), same: { losses, accuracies, results, gainPoints, weights } };
  }

  it('gives the same losses, accuracies and student weights with the views closed, open, or opened mid-run', async () => {
    const closed = await run({ knowledge: false, boundaries: false }, null);
    const open = await run({ knowledge: true, boundaries: true }, null);
    const opened = await run({ knowledge: false, boundaries: false }, 2);
    expect(closed.events).toEqual([]);
    expect(open.events).toContain('inspectExamples');
    expect(open.events).toContain('boundary distill 3');
    expect(open.events).toContain('inspectLogits distill 3');
    // Opened during the scratch student's training: the teacher's last epoch is caught up, the rest follows live.
    expect(opened.events[0]).toBe('inspectExamples');
    expect(opened.events).toEqual(expect.arrayContaining(['inspectLogits teacher 3', 'boundary teacher 3', 'inspectLogits distill 3', 'boundary distill 3']));
    expect(opened.events.filter((e) => e.endsWith('teacher 3'))).toHaveLength(2);
    expect(closed.same.losses.length).toBeGreaterThan(0);
    expect(open.same).toEqual(closed.same);
    expect(opened.same).toEqual(closed.same);
  }, 60_000);
});
