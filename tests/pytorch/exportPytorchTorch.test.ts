// The exported PyTorch scripts, run for real: with python3 and with torchrun --nproc_per_node=2 on the CPU, against
// the studio's own engine on the same settings and seed; the tfjs files they write load with tf.loadLayersModel and
// give PyTorch's logits; report.json is read by the studio's History importer. Run with `npm run test:pytorch`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { stratifiedSubset } from '../../src/engine/data/subset';
import type { Dataset } from '../../src/engine/data/types';
import { toPyTorchScript, type HyperChange } from '../../src/engine/export/pytorchScript';
import { buildModel, seededWeights } from '../../src/engine/models/build';
import { deriveSeed } from '../../src/engine/rng';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment, type HyperApplied } from '../../src/engine/train/experiment';
import type { ExperimentConfig, ExperimentResults, LossPoint } from '../../src/engine/train/types';
import { UploadStore } from '../../src/worker/uploads';
import { REPO_ROOT, fsSource } from '../fixtures/fsSource';
import { useCpu } from '../unit/tfSetup';
import { applyScaling, standardizedCopy } from '../../src/engine/data/userData';
import type { FeatureScaling } from '../../src/engine/data/types';
import { CSV_COLUMNS, MNIST_CNN, MNIST_OMIT3, SPIRAL, SPIRAL_CHANGES, SWEEP, csvText } from '../unit/pytorchSpecs';
import { ENV, OUT, PYTHON, pythonJson, reportOf, runScript, writeScript, type ScriptRun } from './torchRun';

const DATA_DIR = join(REPO_ROOT, 'public', 'datasets');
const sha = (a: ArrayBufferView) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

let csvPath: string;
let csvConfig: ExperimentConfig;
let csvRaw: Dataset;
const data: Record<string, Dataset> = {};

beforeAll(async () => {
  await useCpu();
  data.spiral = await DATASETS.spiral.load({ seed: SPIRAL.seed, noise: SPIRAL.noise, samples: SPIRAL.samples }, () => {});
  data.mnist = await DATASETS.mnist.load({ seed: 0, noise: 0, samples: 0 }, () => {}, fsSource());
  // The CSV goes through the worker's upload store, as a user's file does: its metadata carries the columns and split.
  csvPath = join(OUT, 'insects.csv');
  writeFileSync(csvPath, csvText());
  const store = new UploadStore();
  const upload = store.addCsv('insects.csv', csvText(), CSV_COLUMNS.indexOf('species'), 5);
  // The file as uploaded, and what the studio trains on: the runner standardises a CSV by default (as here), with the
  // statistics the upload recorded (the export writes them into the script).
  csvRaw = store.get(upload.meta.id)!;
  data.csv = standardizedCopy(csvRaw);
  expect(data.csv.featureScaling).toEqual(upload.meta.csv!.featureScaling);
  csvConfig = {
    ...SPIRAL,
    userData: upload.meta,
    teacher: { kind: 'mlp', hidden: [32, 16], activation: 'relu' },
    student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
    hint: { teacherLayer: 1, studentLayer: 0, beta: 0.5 },
    scaleByT2: true,
    epochs: 5,
    batchSize: 8,
    learningRate: 0.03,
    seed: 5,
  };
});

/** A controller that receives each change just before the main distillation's step `c.step`, as the tab's setHyper arriving there. */
class ScheduledController extends RunController {
  distilling = false;
  private steps = 0;
  constructor(
    cfg: ExperimentConfig,
    private readonly changes: readonly HyperChange[],
  ) {
    super({ temperature: cfg.temperature, alpha: cfg.alpha });
  }
  override async yieldPoint(): Promise<void> {
    // The k-th yield point of the main distillation comes just before its step k.
    if (this.distilling) this.steps++;
    for (const c of this.changes) if (this.distilling && c.phase === 'distill' && c.step === this.steps) this.hyper = { temperature: c.temperature, alpha: c.alpha };
    return super.yieldPoint();
  }
}

/** The studio's run: results, the main distillation's loss per step, and the live changes as the engine recorded them. */
interface StudioRun {
  results: ExperimentResults;
  distill: Map<number, LossPoint>;
  applied: HyperApplied[];
}

/** The studio's engine on the same settings (tfjs CPU backend in Node), with live T/α changes arriving before their steps. */
async function studioRun(cfg: ExperimentConfig, dataset: Dataset, changes: readonly HyperChange[] = []): Promise<StudioRun> {
  const controller = new ScheduledController(cfg, changes);
  const distill = new Map<number, LossPoint>();
  const applied: HyperApplied[] = [];
  const out = await runExperiment(cfg, dataset, controller, {
    onPhase: (phase, _steps, context) => (controller.distilling = phase === 'distill' && context === null),
    onEpoch: () => {},
    onLoss: (points) => points.filter((p) => p.phase === 'distill').forEach((p) => distill.set(p.step, p)),
    onHyperApplied: (c) => applied.push(c),
  });
  out.dispose();
  return { results: out.results, distill, applied };
}

/** Accuracies of the three models and the students' seed spread. */
interface Figures {
  teacher: number;
  scratch: number;
  distilled: number;
  spread: number;
}

const figuresOf = (r: ExperimentResults): Figures => ({
  teacher: r.teacher.accuracy,
  scratch: r.scratch.accuracy,
  distilled: r.distilled.accuracy,
  spread: Math.max(r.seeds?.scratch.std ?? 0, r.seeds?.distilled.std ?? 0),
});

const measured: Record<string, unknown> = {};

/**
 * Same accuracies "within the seed-to-seed spread": every model within 3 standard deviations of the students'
 * accuracy over seeds (the larger of the studio's and the script's), with at least 1 point plus one test example of
 * slack (a run without dropout has no other source of difference than float rounding).
 */
function expectSameAccuracies(name: string, studio: Figures, script: Figures, testCount: number): void {
  const tolerance = Math.max(3 * Math.max(studio.spread, script.spread), 0.01 + 1 / testCount);
  for (const model of ['teacher', 'scratch', 'distilled'] as const) {
    const gap = Math.abs(studio[model] - script[model]);
    expect(gap, `${name}: ${model} ${(100 * script[model]).toFixed(2)}% in PyTorch vs ${(100 * studio[model]).toFixed(2)}% in the studio (tolerance ${(100 * tolerance).toFixed(2)} points)`).toBeLessThanOrEqual(tolerance);
  }
}

/** Runs one scenario in the studio and in PyTorch with 1 and 2 processes, and compares the three accuracies. */
async function scenario(name: string, cfg: ExperimentConfig, dataset: Dataset, args: string[], changes: readonly HyperChange[] = []) {
  const script = writeScript(name, toPyTorchScript(cfg, { changes }));
  const live = await studioRun(cfg, dataset, changes);
  const studio = live.results;
  const runs: Record<string, ScriptRun> = {};
  const rows: Record<string, Figures & { seconds?: number }> = { studio: figuresOf(studio) };
  for (const processes of [1, 2] as const) {
    const run = runScript(script, name, args, processes);
    runs[processes] = run;
    expect(run.stderr.split('\n').filter((l) => /Traceback|Error/.test(l))).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
    const record = reportOf(run);
    rows[`${processes}p`] = { ...figuresOf(record.results), seconds: run.seconds };
    expectSameAccuracies(`${name} (${processes} process${processes > 1 ? 'es' : ''})`, rows.studio!, rows[`${processes}p`]!, dataset.test.count);
  }
  measured[name] = rows;
  console.log(`${name}:`, JSON.stringify(rows));
  return { script, studio, live, runs };
}

describe('the script reads the same data and starts from the same weights as the studio', () => {
  it('spiral, the MNIST transfer set without 3s, and a CSV upload: byte-identical examples and splits', async () => {
    const spiral = writeScript('data_spiral', toPyTorchScript(SPIRAL));
    const mnist = writeScript('data_mnist', toPyTorchScript(MNIST_OMIT3));
    const csv = writeScript('data_csv', toPyTorchScript(csvConfig));
    const dump = (extra = '') => `
args = m.parse_args([${extra}])
xtr, ytr, xte, yte = m.load_data(args)
t = m.EXPERIMENT["transfer"]
xs, ys = m.stratified_subset(xtr, ytr, t["size"] or len(xtr), m.derive_seed(args.seed, "transfer"), t["exclude"]) if (t["size"] or t["exclude"]) else (xtr, ytr)
h = lambda a, dt: __import__("hashlib").sha256(np.ascontiguousarray(a, dtype=dt).tobytes()).hexdigest()
print(json.dumps([h(xtr, "<f4"), h(ytr, "<i4"), h(xte, "<f4"), h(yte, "<i4"), h(xs, "<f4"), h(ys, "<i4"), int((ys == 3).sum())]))`;
    const node = (d: Dataset, cfg: ExperimentConfig) => {
      const len = d.train.x.length / d.train.count;
      const s = cfg.transferSize > 0 || cfg.excludeClasses.length > 0
        ? stratifiedSubset(d.train, len, cfg.transferSize || d.train.count, deriveSeed(cfg.seed, 'transfer'), { excludeClasses: cfg.excludeClasses })
        : d.train;
      return [sha(d.train.x), sha(d.train.y), sha(d.test.x), sha(d.test.y), sha(s.x), sha(s.y), Array.from(s.y).filter((c) => c === 3).length];
    };
    expect(pythonJson(spiral, dump())).toEqual(node(data.spiral!, SPIRAL));
    expect(pythonJson(mnist, dump(`"--data-dir", ${JSON.stringify(DATA_DIR)}`))).toEqual(node(data.mnist!, MNIST_OMIT3));
    // The CSV standardised with the studio's statistics: the same float32 bytes as the studio's standardised copy.
    expect(pythonJson(csv, dump(`"--csv", ${JSON.stringify(csvPath)}`))).toEqual(node(data.csv!, csvConfig));
    expect(node(data.csv!, csvConfig)[0]).not.toBe(node(csvRaw, csvConfig)[0]);
    // The omitted-3 transfer set really has 1,000 digits and no 3.
    const s = node(data.mnist!, MNIST_OMIT3);
    expect(s[6]).toBe(0);
  });

  it('CSV standardisation: the studio’s statistics for another file with the same columns; an export without them fits the studio’s', () => {
    const scaling = csvConfig.userData!.csv!.featureScaling!;
    const hashes = `
h = lambda a: __import__("hashlib").sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()
print(json.dumps([h(xtr), h(xte)]))`;
    // Another file with the same columns (more rows, so other statistics): scaled with the studio's, byte for byte.
    const otherPath = join(OUT, 'insects-more.csv');
    writeFileSync(otherPath, csvText(300));
    const store = new UploadStore();
    const other = store.get(store.addCsv('insects-more.csv', csvText(300), CSV_COLUMNS.indexOf('species'), 5).meta.id);
    const own = standardizedCopy(other).featureScaling!;
    expect(own.mean[0]).not.toBe(scaling.mean[0]);
    const scaled = (split: Dataset['train']) => {
      const copy = { ...split, x: Float32Array.from(split.x) };
      applyScaling(copy, 4, scaling);
      return sha(copy.x);
    };
    const script = writeScript('data_csv_stats', toPyTorchScript(csvConfig));
    expect(pythonJson(script, `xtr, _, xte, _ = m.load_data(m.parse_args(["--csv", ${JSON.stringify(otherPath)}]))${hashes}`)).toEqual([scaled(other.train), scaled(other.test)]);
    // An export without the statistics (made before they were recorded): the script fits them as the studio does,
    // to the last bit, and its standardised data is still byte-identical.
    const { featureScaling: _none, ...csvNoStats } = csvConfig.userData!.csv!;
    const old = writeScript('data_csv_nostats', toPyTorchScript({ ...csvConfig, userData: { ...csvConfig.userData!, csv: csvNoStats } }));
    const fitted = pythonJson<FeatureScaling>(old, `
spec = dict(m.EXPERIMENT["data"], standardize=False)
print(json.dumps(m.fit_scaling(m.load_csv(${JSON.stringify(csvPath)}, spec)[0])))`);
    expect(fitted).toEqual(scaling);
    expect(pythonJson(old, `xtr, _, xte, _ = m.load_data(m.parse_args(["--csv", ${JSON.stringify(csvPath)}]))${hashes}`)).toEqual([sha(data.csv!.train.x), sha(data.csv!.test.x)]);
    // --help says which statistics a --csv file is standardised with.
    const help = runScript(script, 'csv_help', ['--help'], 1).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("its features are standardised with the studio's training-split mean and deviation");
  });

  it('initial weights of teacher and student (dense, conv, batch norm) equal the studio’s seeded weights exactly', () => {
    const script = writeScript('init_cnn', toPyTorchScript(MNIST_CNN));
    const fromPy = pythonJson<Record<string, number[]>>(script, `
out = {}
for which in ("teacher", "student"):
    net = m.studio_init(m.Net(m.EXPERIMENT[which]), 1234)
    out[which] = np.concatenate([a.ravel() for _, a in m.tfjs_weights(net)]).astype(float).tolist()
print(json.dumps(out))`);
    for (const which of ['teacher', 'student'] as const) {
      const model = buildModel(MNIST_CNN[which], [28, 28, 1], 10, which);
      const mine = seededWeights(model, 1234);
      model.dispose();
      const flat = Float32Array.from(mine.flatMap((w) => Array.from(w)));
      expect(fromPy[which]!.length).toBe(flat.length);
      expect(sha(Float32Array.from(fromPy[which]!))).toBe(sha(flat));
    }
  });
});

describe('the studio’s dataset files come from --data-dir or the studio’s address', () => {
  it('downloads a missing file from --data-url once, byte for byte', async () => {
    // The studio's public/ folder served over HTTP, as a deployed studio serves datasets/.
    const server = spawn(PYTHON, ['-m', 'http.server', '0', '--bind', '127.0.0.1'], { cwd: join(REPO_ROOT, 'public'), env: ENV });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let seen = '';
        const onData = (b: Buffer) => {
          seen += b.toString();
          const m = /port (\d+)/.exec(seen);
          if (m) resolve(Number(m[1]));
        };
        server.stdout.on('data', onData);
        server.stderr.on('data', onData);
        server.on('exit', (code) => reject(new Error(`http.server exited (${code}): ${seen}`)));
      });
      const script = writeScript('download', toPyTorchScript({ ...MNIST_OMIT3, epochs: 1, repeats: 1 }, { dataUrl: `http://127.0.0.1:${port}/` }));
      const empty = join(OUT, 'download-data');
      const run = runScript(script, 'download', ['--data-dir', empty], 1);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`downloading http://127.0.0.1:${port}/datasets/mnist.bin.gz`);
      expect(sha(readFileSync(join(empty, 'mnist.bin.gz')))).toBe(sha(readFileSync(join(DATA_DIR, 'mnist.bin.gz'))));
      const missing = runScript(script, 'download', ['--data-dir', join(OUT, 'nowhere'), '--data-url', ''], 1);
      expect(missing.status).toBe(2);
      expect(missing.stderr.trim()).toBe(`error: ${join(OUT, 'nowhere', 'mnist.bin.gz')} not found: pass --data-dir with the studio's public/datasets folder, or --data-url`);
    } finally {
      server.kill();
    }
  });
});

describe('studio vs PyTorch, one process and torchrun with two', () => {
  it('spiral: KL without T², T changed from 4 to 8 mid-run, 3 seeds', async () => {
    const { runs, live } = await scenario('spiral', SPIRAL, data.spiral!, [], SPIRAL_CHANGES);
    const record = reportOf(runs[1]!);
    // The engine recorded the change at the step that first used it; the schedule came back as the loss chart's marks there.
    expect(live.applied).toEqual([{ phase: 'distill', step: 21, temperature: 8, alpha: 0.7 }]);
    expect(record.marks).toEqual([{ phase: 'distill', step: 21, temperature: 8, alpha: 0.7 }]);
    // The script switches T at that very step: its soft term (KL at T, no T²) matches the engine's on both sides of it,
    // within a small fraction of the jump the new T makes.
    const scriptSoft = (step: number) => record.lossRows.find((r) => r.step === step)!.soft!;
    const studioSoft = (step: number) => live.distill.get(step)!.soft;
    const jump = Math.abs(studioSoft(21) - studioSoft(20));
    expect(jump).toBeGreaterThan(0.2 * studioSoft(20));
    for (const step of [19, 20, 21, 22]) expect(Math.abs(scriptSoft(step) - studioSoft(step)), `soft term at step ${step}`).toBeLessThan(0.1 * jump);
    expect(record.results.seeds?.scratch.n).toBe(3);
    expect(record.trials.map((t) => t.kind)).toEqual(['seed', 'seed']);
    expect(record.lossRows.filter((r) => r.distill !== undefined)).toHaveLength(2 * 30);
    expect(record.config).toMatchObject({ dataset: 'spiral', temperature: 4, scaleByT2: false, repeats: 3 });
  });

  it('MNIST: a 1,000-digit transfer set with digit 3 left out, 2 seeds', async () => {
    const { runs } = await scenario('mnist_omit3', MNIST_OMIT3, data.mnist!, ['--data-dir', DATA_DIR]);
    const record = reportOf(runs[2]!);
    expect(record.results.trainCounts).toEqual({ teacher: 8000, students: 1000 });
  });

  it('a CSV upload with a hint term, 3 seeds', async () => {
    const { runs } = await scenario('csv_hint', csvConfig, data.csv!, ['--csv', csvPath]);
    const record = reportOf(runs[1]!);
    expect(record.lossRows.some((r) => (r.hint ?? 0) > 0)).toBe(true);
    // The standardisation comes back with the run: in report.json (as in the studio's student.zip), in the record's
    // config where the studio's own history records keep it, and in both tfjs models' metadata.
    const scaling = csvConfig.userData!.csv!.featureScaling!;
    for (const p of [1, 2] as const) {
      const report = JSON.parse(readFileSync(join(runs[p]!.dir, 'report.json'), 'utf8')) as { featureScaling?: FeatureScaling };
      expect(report.featureScaling).toEqual(scaling);
      expect(reportOf(runs[p]!).config.userData!.csv!.featureScaling).toEqual(scaling);
    }
    for (const which of ['student_tfjs', 'teacher_tfjs']) {
      const dir = join(runs[1]!.dir, which);
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const weights = readFileSync(join(dir, 'weights.bin'));
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest[0]!.weights,
          weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
          userDefinedMetadata: json.userDefinedMetadata!,
        }),
      );
      expect(model.getUserDefinedMetadata()).toEqual({ featureScaling: scaling });
      model.dispose();
    }
  });

  it('a 2-point temperature sweep', async () => {
    const { studio, runs } = await scenario('sweep', SWEEP, data.spiral!, []);
    for (const p of [1, 2] as const) {
      const points = reportOf(runs[p]!).results.sweep!.points;
      expect(points.map((x) => x.temperature)).toEqual([2, 6]);
      points.forEach((x, i) => expect(Math.abs(x.accuracy - studio.sweep!.points[i]!.accuracy), `T ${x.temperature}`).toBeLessThanOrEqual(0.01 + 1 / data.spiral!.test.count));
    }
  });
});

/** tfjs artifacts of a folder the script wrote, loaded with the stock tf.loadLayersModel. */
async function loadTfjs(dir: string): Promise<tf.LayersModel> {
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const weights = readFileSync(join(dir, 'weights.bin'));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: model.modelTopology,
      weightSpecs: model.weightsManifest[0]!.weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
}

describe('coming back: the tfjs files the script wrote', () => {
  it('load with tf.loadLayersModel and give PyTorch’s logits within 1e-4 (MLP, and a CNN with batch norm, augmentation and a hint)', async () => {
    const cnn = writeScript('mnist_cnn', toPyTorchScript(MNIST_CNN));
    const cnnRun = runScript(cnn, 'mnist_cnn', ['--data-dir', DATA_DIR], 1);
    expect(cnnRun.status, cnnRun.stderr).toBe(0);
    const cases = [
      { script: join(OUT, 'spiral.py'), dir: join(OUT, 'spiral-2p'), d: data.spiral!, shape: [2] },
      { script: cnn, dir: cnnRun.dir, d: data.mnist!, shape: [28, 28, 1] },
    ];
    let worst = 0;
    for (const c of cases) {
      const n = 64;
      const len = c.shape.reduce((a, b) => a * b, 1);
      const inputs = c.d.test.x.slice(0, n * len);
      writeFileSync(join(OUT, 'inputs.json'), JSON.stringify(Array.from(inputs)));
      const torchLogits = pythonJson<Record<string, number[]>>(c.script, `
x = np.array(json.load(open("inputs.json")), dtype=np.float32).reshape([${n}] + m.EXPERIMENT["inputShape"])
t = torch.from_numpy(x)
if t.dim() == 4: t = t.permute(0, 3, 1, 2).contiguous()
out = {}
for which, file in (("teacher", "teacher.pt"), ("student", "distilled_student.pt")):
    net = m.Net(m.EXPERIMENT[which]); net.load_state_dict(torch.load(${JSON.stringify(c.dir)} + "/" + file)); net.eval()
    with torch.no_grad(): out[which] = net(t).ravel().tolist()
print(json.dumps(out))`);
      for (const which of ['teacher', 'student'] as const) {
        const model = await loadTfjs(join(c.dir, `${which}_tfjs`));
        const logits = tf.tidy(() => (model.predict(tf.tensor(inputs, [n, ...c.shape])) as tf.Tensor).dataSync());
        model.dispose();
        const ref = torchLogits[which]!;
        expect(logits.length).toBe(ref.length);
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(logits[i]! - ref[i]!));
      }
    }
    measured.logitsMaxAbsDiff = worst;
    console.log(`tfjs vs PyTorch logits: max |Δ| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  });

  it('report.json is the studio’s history format: its student is the tfjs student, its results the script’s', async () => {
    const run = { dir: join(OUT, 'spiral-1p') } as ScriptRun;
    const record = reportOf(run);
    expect(record.name).toMatch(/^PyTorch .* · Spiral .* · 1× cpu$/);
    const student = JSON.parse(readFileSync(join(run.dir, 'student_tfjs', 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(record.student!.topology).toEqual(student.modelTopology);
    expect(Buffer.from(record.student!.weightData).equals(readFileSync(join(run.dir, 'student_tfjs', 'weights.bin')))).toBe(true);
    // The samples' probabilities are the tfjs student's on the same test examples.
    const model = await loadTfjs(join(run.dir, 'student_tfjs'));
    const x = record.results.samples.map((s) => s.input);
    const probs = tf.tidy(() => (tf.softmax(model.predict(tf.tensor2d(x)) as tf.Tensor2D) as tf.Tensor).arraySync() as number[][]);
    model.dispose();
    record.results.samples.forEach((s, i) => s.studentProbs.forEach((p, k) => expect(Math.abs(p - probs[i]![k]!)).toBeLessThan(1e-5)));
    expect(record.results.samples.map((s) => s.label)).toEqual(Array.from(data.spiral!.test.y.slice(0, 6)));
  });
});

describe('--teacher skips teacher training; files of another architecture are refused', () => {
  it('a teacher.pt or teacher_tfjs/ of the same run gives the same teacher; the CSV run’s teacher is refused naming its layer', () => {
    const script = join(OUT, 'spiral.py');
    const trained = reportOf({ dir: join(OUT, 'spiral-1p') } as ScriptRun).results.teacher.accuracy;
    for (const file of ['teacher.pt', 'teacher_tfjs']) {
      const run = runScript(script, `spiral_teacher_${file.replace('.', '_')}`, ['--teacher', join(OUT, 'spiral-1p', file), '--seeds', '1'], 1);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('[teacher] loaded');
      expect(run.stdout).not.toContain('[teacher] epoch');
      expect(reportOf(run).results.teacher.accuracy).toBe(trained);
    }
    for (const file of ['teacher.pt', 'teacher_tfjs']) {
      // The CSV run's teacher is 4 -> 32 -> 16 -> 3; the spiral's 2 -> 64 -> 64 -> 3.
      const path = join(OUT, 'csv_hint-1p', file);
      const run = runScript(script, 'spiral_wrong_teacher', ['--teacher', path], 1);
      expect(run.status).toBe(2);
      expect(run.stderr).not.toContain('Traceback');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toBe(
        file === 'teacher.pt'
          ? `error: --teacher ${path} does not fit this teacher: layer 'dense_1' has named.dense_1.weight of shape [32, 4], this teacher needs [64, 2]`
          : `error: --teacher ${path} does not fit this model: layer 'dense_1' has dense_1/kernel of shape [4, 32], this model needs [2, 64]`,
      );
    }
  });
});

describe('bad input gets one line, not a traceback', () => {
  const oneLine = (run: ScriptRun) => {
    expect(run.stderr).not.toContain('Traceback');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    return run.stderr.trim();
  };

  it('a CSV with other columns, or a bad cell, names what it expects', () => {
    const script = writeScript('csv_bad', toPyTorchScript(csvConfig));
    const wrong = join(OUT, 'wrong.csv');
    writeFileSync(wrong, 'a,b,c\n1,2,x\n3,4,y\n');
    let run = runScript(script, 'csv_bad', ['--csv', wrong], 1);
    expect(run.status).toBe(2);
    expect(oneLine(run)).toBe(`error: ${wrong} has the columns a, b, c; expected 5 columns: f1, f2, species, f3, f4 (label column 'species')`);
    const badCell = join(OUT, 'bad-cell.csv');
    writeFileSync(badCell, csvText(30).replace(/\n([^,\n]+),/, '\nabc,'));
    run = runScript(script, 'csv_bad', ['--csv', badCell], 1);
    expect(oneLine(run)).toBe(`error: ${badCell}, line 2, column f1: 'abc' is not a number`);
    run = runScript(script, 'csv_bad', [], 1);
    expect(oneLine(run)).toBe('error: this experiment trained on an uploaded file: pass it with --csv PATH (columns: f1, f2, species, f3, f4)');
  });

  it('--device cuda without CUDA, and --amp on the CPU, say so and name the fix', () => {
    const script = join(OUT, 'spiral.py');
    let run = runScript(script, 'no_cuda', ['--device', 'cuda'], 1);
    expect(run.status).toBe(2);
    expect(oneLine(run)).toMatch(/^error: --device cuda: this PyTorch sees no CUDA device .*use --device cpu/);
    run = runScript(script, 'no_cuda', ['--device', 'cuda'], 2);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('error: --device cuda: this PyTorch sees no CUDA device');
    // Each process says it in one line; torchrun then reports the failed processes (its own summary, not a script traceback).
    expect(run.stdout + run.stderr).not.toContain('spiral.py", line');
    run = runScript(script, 'no_cuda', ['--amp', '--device', 'cpu'], 1);
    expect(oneLine(run)).toBe('error: --amp (mixed precision) needs --device cuda');
  });

  it('--help documents every option with the studio’s values as defaults', () => {
    const run = runScript(join(OUT, 'spiral.py'), 'help', ['--help'], 1);
    expect(run.status).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const flag of ['--data-dir', '--data-url', '--full-dataset', '--csv', '--epochs', '--batch-size', '--lr', '--seed', '--seeds', '--device', '--amp', '--out', '--teacher', '--workers']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('epochs of every phase (default: 2)');
    expect(help).toContain('(default: 16)');
    expect(help).toContain('(default: 0.02)');
    expect(help).toContain('mean ± std (default: 3)');
  });
});

describe('a CSV with holes: the script drops and fills exactly as the studio', () => {
  const holesPath = () => join(OUT, 'with-holes.csv');
  const h = `
h = lambda a, dt: __import__("hashlib").sha256(np.ascontiguousarray(a, dtype=dt).tobytes()).hexdigest()
print(json.dumps([h(xtr, "<f4"), h(ytr, "<i4"), h(xte, "<f4"), h(yte, "<i4"), m.CTX.missing]))`;
  const studioSide = (d: Dataset) => [sha(d.train.x), sha(d.train.y), sha(d.test.x), sha(d.test.y), d.missingValues];

  for (const rule of ['drop', 'fill'] as const) {
    it(`${rule}: byte-identical prepared data (rows, split, fill values, standardisation) and the same record`, () => {
      writeFileSync(holesPath(), readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'with-holes.csv')));
      const store = new UploadStore();
      const { meta } = store.addCsv('with-holes.csv', readFileSync(holesPath(), 'utf8'), 4, 9, rule);
      const studio = standardizedCopy(store.get(meta.id)!);
      const cfg: ExperimentConfig = { ...csvConfig, userData: meta, hint: null, repeats: 1, epochs: 2 };
      const script = writeScript(`holes_${rule}`, toPyTorchScript(cfg));
      const load = `xtr, ytr, xte, yte = m.load_data(m.parse_args(["--csv", ${JSON.stringify(holesPath())}]))`;
      expect(pythonJson(script, load + h)).toEqual(studioSide(studio));
      expect(studio.train.count + studio.test.count).toBe(rule === 'drop' ? 51 : 58);
      if (rule === 'fill') {
        // An export without the fill values (or from before they were written) fits them as the studio does, to the last bit.
        const { fill: _none, ...noFill } = meta.csv!.missing!;
        const old = writeScript('holes_nofill', toPyTorchScript({ ...cfg, userData: { ...meta, csv: { ...meta.csv!, missing: noFill } } }));
        expect(pythonJson(old, load + h)).toEqual(studioSide(studio));
        // The script's own fill_values on the studio's training split (NaN where holes were) equal the studio's values.
        const raw = store.get(meta.id)!;
        expect(raw.missingValues!.fill).toEqual(meta.csv!.missing!.fill);
      }
      // A full run writes the record where the studio's downloads keep it: report.json, its config, the tfjs model.json.
      const run = runScript(script, `holes_${rule}`, ['--csv', holesPath()], 1);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8')) as { missingValues?: unknown };
      expect(report.missingValues).toEqual(meta.csv!.missing);
      expect(reportOf(run).config.userData!.csv!.missing).toEqual(meta.csv!.missing);
      const modelJson = JSON.parse(readFileSync(join(run.dir, 'student_tfjs', 'model.json'), 'utf8')) as { userDefinedMetadata?: unknown };
      expect(modelJson.userDefinedMetadata).toEqual({ featureScaling: meta.csv!.featureScaling, missingValues: meta.csv!.missing });
    });
  }

  it('an export without a missing-value record (a file without holes) still refuses a hole in one line', () => {
    writeFileSync(holesPath(), readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'with-holes.csv')));
    const clean = 'pclass,sex,age,fare,survived\n' + Array.from({ length: 20 }, (_, i) => `${1 + (i % 3)},${i % 2},${20 + i},${10 + i},${i % 2}`).join('\n') + '\n';
    const store = new UploadStore();
    const { meta } = store.addCsv('clean.csv', clean, 4, 9, 'fill');
    expect(meta.csv!.missing).toBeUndefined();
    const script = writeScript('holes_norecord', toPyTorchScript({ ...csvConfig, userData: meta, hint: null }));
    const run = runScript(script, 'holes_norecord', ['--csv', holesPath()], 1);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`error: ${holesPath()}, line 5, column age: '' is not a number`);
  });
});

describe('figures', () => {
  it('are written for the README (test-results/pytorch/figures.json)', () => {
    writeFileSync(join(OUT, 'figures.json'), JSON.stringify(measured, null, 2));
    expect(Object.keys(measured)).toEqual(expect.arrayContaining(['spiral', 'mnist_omit3', 'csv_hint', 'sweep', 'logitsMaxAbsDiff']));
  });
});
