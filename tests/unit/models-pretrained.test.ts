import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { toLogitsTopology } from '../../src/engine/import/logitsOutput';
import { buildModel } from '../../src/engine/models/build';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { EpochPoint, ExperimentConfig, LossPoint, Phase } from '../../src/engine/train/types';
import { serializeModel } from '../../src/worker/exportModel';
import { TEACHER_GONE } from '../../src/worker/modelMessages';
import { PretrainedStore } from '../../src/worker/pretrainedTeachers';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

const BASE: ExperimentConfig = toyConfig();

const load = (cfg: ExperimentConfig): Promise<Dataset> => DATASETS.spiral.load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
const controller = () => new RunController({ temperature: 4, alpha: 0.7 });

/** Serialised artifacts as the files a user would pick: model.json text and one weights.bin. */
async function asFiles(model: tf.LayersModel): Promise<{ json: string; files: { name: string; bytes: ArrayBuffer }[] }> {
  const a = await serializeModel(model);
  const json = JSON.stringify({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] });
  return { json, files: [{ name: 'weights.bin', bytes: a.weightData as ArrayBuffer }] };
}

beforeAll(async () => {
  await useCpu();
});

describe('experiment with a pretrained teacher', () => {
  it('skips teacher training, reports the teacher first, trains the same students as a trained teacher of the same weights, leaks nothing', async () => {
    const data = await load(BASE);
    // 1. A normal run; capture the trained teacher's weights through the onEvaluated hook.
    let teacherWeights: Float32Array[] = [];
    const trainedLosses: LossPoint[] = [];
    const trained = await runExperiment(BASE, data, controller(), {
      onPhase: () => {},
      onLoss: (p) => trainedLosses.push(...p),
      onEpoch: () => {},
      onEvaluated: async (phase, epoch, model) => {
        if (phase === 'teacher' && epoch === BASE.epochs) teacherWeights = model!.getWeights().map((w) => w.dataSync().slice() as Float32Array);
      },
    });
    trained.dispose();
    expect(teacherWeights.length).toBeGreaterThan(0);

    // 2. The same weights in a separately built model, given as the teacher.
    const given = buildModel(BASE.teacher, data.inputShape, data.numClasses, 'loaded');
    given.setWeights(teacherWeights.map((w, i) => tf.tensor(w, given.getWeights()[i]!.shape)));
    const before = tf.memory().numTensors;
    const events: string[] = [];
    const epochs: EpochPoint[] = [];
    const losses: LossPoint[] = [];
    const out = await runExperiment(
      BASE,
      data,
      controller(),
      {
        onPhase: (p: Phase, _steps, ctx) => events.push(`phase:${p}${ctx ? ':' + ctx.kind : ''}`),
        onLoss: (p) => {
          losses.push(...p);
          events.push(`loss:${p[0]!.phase}`);
        },
        onEpoch: (e) => {
          epochs.push(e);
          events.push(`epoch:${e.phase}`);
        },
      },
      { teacher: given },
    );
    // Skipped: no teacher loss points; its phase and its epoch points come first, before any student step.
    expect(losses.some((p) => p.phase === 'teacher')).toBe(false);
    expect(events.slice(0, 1 + BASE.epochs)).toEqual(['phase:teacher', ...Array(BASE.epochs).fill('epoch:teacher')]);
    const teacherPoints = epochs.filter((e) => e.phase === 'teacher');
    expect(teacherPoints.map((e) => e.epoch)).toEqual([1, 2]);
    expect(teacherPoints[0]!.testAccuracy).toBe(trained.results.teacher.accuracy);
    expect(out.results.teacher.accuracy).toBe(trained.results.teacher.accuracy);
    expect(out.results.teacher.trainMs).toBe(0);
    expect(out.results.teacher.params).toBe(given.countParams());
    // Same students, step for step.
    const students = (l: LossPoint[]) => l.filter((p) => p.phase !== 'teacher');
    expect(students(losses)).toEqual(students(trainedLosses));
    for (const k of ['scratch', 'distilled'] as const) {
      expect(out.results[k].accuracy).toBe(trained.results[k].accuracy);
      expect(out.results[k].loss).toBe(trained.results[k].loss);
      expect(out.results[k].agreement).toBe(trained.results[k].agreement);
    }
    out.dispose();
    // Nothing leaked, and the borrowed teacher is still usable.
    expect(tf.memory().numTensors).toBe(before);
    tf.tidy(() => {
      expect((given.predict(tf.zeros([1, 2])) as tf.Tensor).shape).toEqual([1, 3]);
    });
    given.dispose();
  });

  it('refuses a hint term with a given teacher', async () => {
    const data = await load(BASE);
    const given = buildModel(BASE.teacher, data.inputShape, data.numClasses, 'loaded_hint');
    const before = tf.memory().numTensors;
    const noop = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };
    await expect(runExperiment({ ...BASE, hint: { teacherLayer: 0, studentLayer: 0, beta: 1 } }, data, controller(), noop, { teacher: given })).rejects.toThrow(/hint term/);
    expect(tf.memory().numTensors).toBe(before);
    given.dispose();
  });
});

describe('pretrained teachers in the worker', () => {
  it('keeps a valid teacher and checks it against the run data (shape, classes, gone)', async () => {
    const data = await load(BASE);
    const source = buildModel(BASE.teacher, [2], 3, 'src_teacher');
    const { json, files } = await asFiles(source);
    const store = new PretrainedStore();
    const info = await store.load('model.json', json, files, { inputShape: [2], numClasses: 3 });
    if ('code' in info) throw new Error(info.message);
    expect(info.params).toBe(source.countParams());
    expect(info.softmaxRemoved).toBe(false);
    const cfg = { ...BASE, pretrainedTeacher: info.ref };
    const run = store.forRun(cfg, data);
    expect(run && 'kind' in run && run.kind).toBe('tfjs');
    const model = run && 'kind' in run && run.kind === 'tfjs' ? run.model : null;
    // Same outputs as the source.
    const x = tf.tensor2d([[0.3, -0.2], [1, 2]]);
    const a = (source.predict(x) as tf.Tensor).arraySync() as number[][];
    const b = ((model as tf.LayersModel).predict(x) as tf.Tensor).arraySync() as number[][];
    b.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(a[i]![k]!, 6)));
    // Data of another shape or class count: a clear message, no crash.
    const wide: Dataset = { ...data, inputShape: [3], name: 'Wide' };
    expect(store.forRun(cfg, wide)).toEqual({ error: expect.stringMatching(/does not fit Wide: The model expects inputs of shape \[2\]/) });
    const four: Dataset = { ...data, numClasses: 4, name: 'Four' };
    expect(store.forRun(cfg, four)).toEqual({ error: expect.stringMatching(/outputs 3 classes, but this dataset has 4/) });
    expect(store.forRun({ ...cfg, hint: { teacherLayer: 0, studentLayer: 0, beta: 1 } }, data)).toEqual({ error: expect.stringMatching(/hint term/) });
    expect(store.forRun({ ...BASE, pretrainedTeacher: null }, data)).toBeNull();
    expect(store.forRun({ ...BASE, pretrainedTeacher: { id: 'teacher-99', name: 'x' } }, data)).toEqual({ error: TEACHER_GONE });
    const held = tf.memory().numTensors;
    store.remove(info.ref.id);
    expect(store.has(info.ref.id)).toBe(false);
    expect(tf.memory().numTensors).toBe(held - 4); // kernel and bias of both Dense layers
    tf.dispose(x);
    source.dispose();
  });

  it('rejects wrong classes, wrong input shape and bad JSON with their codes, keeping nothing', async () => {
    const source = buildModel(BASE.teacher, [2], 3, 'src_bad');
    const { json, files } = await asFiles(source);
    const store = new PretrainedStore();
    const before = tf.memory().numTensors;
    const classes = await store.load('model.json', json, files, { inputShape: [2], numClasses: 5 });
    expect(classes).toMatchObject({ code: 'output-classes-mismatch', message: 'The model outputs 3 classes, but this dataset has 5.' });
    const shape = await store.load('model.json', json, files, { inputShape: [28, 28, 1], numClasses: 3 });
    expect(shape).toMatchObject({ code: 'input-shape-mismatch' });
    const bad = await store.load('model.json', '{"format": "layers-model",', files, { inputShape: [2], numClasses: 3 });
    expect(bad).toMatchObject({ code: 'bad-json' });
    expect(tf.memory().numTensors).toBe(before);
    source.dispose();
  });

  it('turns a softmax output into logits (same weights)', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
    const { json, files } = await asFiles(m);
    const store = new PretrainedStore();
    const info = await store.load('model.json', json, files, { inputShape: [2], numClasses: 3 });
    if ('code' in info) throw new Error(info.message);
    expect(info.softmaxRemoved).toBe(true);
    const loaded = (store.forRun({ ...BASE, pretrainedTeacher: info.ref }, await load(BASE)) as { model: tf.LayersModel }).model;
    tf.tidy(() => {
      const x = tf.tensor2d([[0.5, -1], [2, 0.1]]);
      const probs = (m.predict(x) as tf.Tensor).arraySync() as number[][];
      const fromLogits = tf.softmax(loaded.predict(x) as tf.Tensor2D).arraySync();
      fromLogits.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(probs[i]![k]!, 6)));
    });
    store.remove(info.ref.id);
    m.dispose();
  });
});

describe('toLogitsTopology', () => {
  const seq = (layers: object[]) => ({ class_name: 'Sequential', config: { name: 's', layers } });
  const dense = (activation: string) => ({ class_name: 'Dense', config: { name: 'd', units: 3, activation } });

  it('switches a softmax Dense output to linear and drops a trailing Softmax or Activation layer', () => {
    const a = toLogitsTopology(seq([dense('softmax')]));
    expect(a.changed).toBe(true);
    expect((a.topology as { config: { layers: { config: { activation: string } }[] } }).config.layers[0]!.config.activation).toBe('linear');
    const b = toLogitsTopology(seq([dense('linear'), { class_name: 'Activation', config: { name: 'act', activation: 'softmax' } }]));
    expect(b.changed).toBe(true);
    expect((b.topology as { config: { layers: unknown[] } }).config.layers).toHaveLength(1);
    const c = toLogitsTopology(seq([dense('linear'), { class_name: 'Softmax', config: { name: 'sm' } }]));
    expect((c.topology as { config: { layers: unknown[] } }).config.layers).toHaveLength(1);
  });

  it('leaves logits models alone and never mutates its input', () => {
    const input = seq([dense('linear')]);
    const copy = structuredClone(input);
    expect(toLogitsTopology(input)).toEqual({ topology: input, changed: false });
    const soft = seq([dense('softmax')]);
    toLogitsTopology(soft);
    expect(soft).toEqual(seq([dense('softmax')]));
    expect(input).toEqual(copy);
  });

  it('handles a functional model whose output Dense has a softmax', () => {
    const fn = {
      class_name: 'Model',
      config: {
        name: 'f',
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 2] } },
          { class_name: 'Dense', name: 'out', config: { name: 'out', units: 3, activation: 'softmax' } },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['out', 0, 0]],
      },
    };
    const r = toLogitsTopology(fn);
    expect(r.changed).toBe(true);
    expect((r.topology as typeof fn).config.layers[1]!.config.activation).toBe('linear');
  });
});
