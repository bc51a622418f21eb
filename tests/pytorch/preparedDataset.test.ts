// A run on a folder of pictures, exported as a PyTorch script plus the studio's prepared dataset: the script reads
// the file (--data) to the studio's exact bytes and rows, decodes a PNG tree of the same pictures (--images) to the
// same bytes with a warning, refuses to run without either, and gives the studio's accuracies with python3 and with
// torchrun on 2 processes. Run with `npm run test:pytorch`.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawShape, type Inside } from '../../src/engine/data/colourShapes';
import { assembleImageSet } from '../../src/engine/data/images/imageSet';
import type { Dataset } from '../../src/engine/data/types';
import { buildPreparedDataset, studioRows } from '../../src/engine/export/preparedDataset';
import { toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { Rng } from '../../src/engine/rng';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { ExperimentConfig, ExperimentResults } from '../../src/engine/train/types';
import { UploadStore } from '../../src/worker/uploads';
import { useCpu } from '../unit/tfSetup';
import { toyConfig } from '../unit/toyConfig';
import { OUT, pythonJson, reportOf, runScript, writeScript, type ScriptRun } from './torchRun';

const SIZE = 16;
const LEN = SIZE * SIZE * 3;
const CLASSES = ['disc', 'square', 'cross', 'ring'];
const PER_CLASS = 60;
const sha = (a: ArrayBufferView) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

/** Each class's colour (jittered per picture): red, green, blue, dark. */
const PALETTE = [
  [0.85, 0.15, 0.15],
  [0.15, 0.7, 0.2],
  [0.15, 0.25, 0.85],
  [0.2, 0.2, 0.2],
];
/** Each class's shape: a disc, a square, a cross, a ring. */
const INSIDE: Inside[] = [
  (u, v) => u * u + v * v <= 0.85,
  (u, v) => Math.abs(u) <= 0.78 && Math.abs(v) <= 0.78,
  (u, v) => (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(u) <= 1 && Math.abs(v) <= 0.3),
  (u, v) => u * u + v * v <= 1 && u * u + v * v >= 0.3,
];

let data: Dataset;
let cfg: ExperimentConfig;
let bytesPerImage: Uint8Array[];
let labels: number[];
let dataPath: string;

beforeAll(async () => {
  await useCpu();
  // 240 pictures of 4 classes at 16×16, as bytes (what a decoded folder holds), in class then file order: a shape in
  // its class's colour (jittered) on a random light background, so both a CNN and an MLP learn them in a few epochs.
  const rng = new Rng(2024);
  bytesPerImage = [];
  labels = [];
  for (let c = 0; c < CLASSES.length; c++) {
    for (let i = 0; i < PER_CLASS; i++) {
      const img = new Float32Array(LEN);
      const bg = [0, 1, 2].map(() => rng.uniform(0.55, 1));
      for (let p = 0; p < LEN; p++) img[p] = bg[p % 3]!;
      const colour = PALETTE[c]!.map((v) => Math.min(1, Math.max(0, v + rng.uniform(-0.3, 0.3))));
      drawShape(img, SIZE, INSIDE[c]!, rng.uniform(6, 10), rng.uniform(6, 10), rng.uniform(4.5, 6), rng.uniform(-0.3, 0.3), colour);
      bytesPerImage.push(Uint8Array.from(img, (v) => Math.round(v * 255)));
      labels.push(c);
    }
  }
  const assembled = assembleImageSet(CLASSES, bytesPerImage.map((rgb, i) => ({ label: labels[i]!, rgb })), SIZE);
  const store = new UploadStore();
  const { meta } = store.addImages(assembled, 'shapes', 13, { size: SIZE, fit: 'crop', classCounts: assembled.classCounts, skipped: 0 });
  data = store.get(meta.id);
  cfg = toyConfig({
    userData: meta,
    teacher: {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
      ],
    },
    student: { kind: 'mlp', hidden: [32], activation: 'relu' },
    temperature: 4,
    alpha: 0.7,
    validationFraction: 0.1,
    transferSize: 150,
    excludeClasses: [],
    augment: 'off',
    flip: true,
    epochs: 4,
    batchSize: 16,
    learningRate: 0.005,
    seed: 21,
    repeats: 3,
  });
  dataPath = join(OUT, 'shapes_prepared.dspd');
  writeFileSync(dataPath, buildPreparedDataset(data, cfg));
});

const hashes = `
h = lambda a, dt: __import__("hashlib").sha256(np.ascontiguousarray(a, dtype=dt).tobytes()).hexdigest()
rows = m.studio_rows(ytr, args.seed)
print(json.dumps([h(xtr[rows["train"]], "<f4"), h(ytr[rows["train"]], "<i4"), h(xte, "<f4"), h(yte, "<i4"), h(xtr[rows["transfer"]], "<f4"), h(xtr[rows["validation"]], "<f4")]))`;

/** The studio's teacher, test, student and validation inputs, hashed as the script hashes its own. */
function studioHashes(): string[] {
  const rows = studioRows(cfg, data.train.y);
  const pick = (r: Int32Array) => {
    const x = new Float32Array(r.length * LEN);
    r.forEach((row, i) => x.set(data.train.x.subarray(row * LEN, (row + 1) * LEN), i * LEN));
    return x;
  };
  return [sha(pick(rows.train)), sha(Int32Array.from(rows.train, (r) => data.train.y[r]!)), sha(data.test.x), sha(data.test.y), sha(pick(rows.transfer)), sha(pick(rows.validation))];
}

describe('a run on a folder of pictures, in PyTorch', () => {
  it('--data reads the studio’s exact inputs and rows; --images on a PNG tree of the same pictures gives the same bytes', () => {
    const script = writeScript('images_data', toPyTorchScript(cfg));
    const load = (args: string) => `m.CTX.rank = 1  # quiet: only rank 0 logs\nargs = m.parse_args([${args}])\nxtr, ytr, xte, yte = m.load_data(args)\nm.check_prepared_rows(m.studio_rows(ytr, args.seed), args.seed)`;
    const studio = studioHashes();
    expect(pythonJson(script, load(`"--data", ${JSON.stringify(dataPath)}`) + hashes)).toEqual(studio);
    // The same pictures written as PNG files (lossless, already at the run's size): PIL decodes them to the same bytes.
    const tree = join(OUT, 'shapes_tree', 'shapes');
    CLASSES.forEach((c) => mkdirSync(join(tree, c), { recursive: true }));
    writeFileSync(join(OUT, 'shapes_pixels.json'), JSON.stringify(bytesPerImage.map((b, i) => [labels[i], Array.from(b)])));
    pythonJson(script, `
from PIL import Image
names = ${JSON.stringify(CLASSES)}
count = {}
for label, px in json.load(open("shapes_pixels.json")):
    k = count.get(label, 0); count[label] = k + 1
    Image.fromarray(np.array(px, dtype=np.uint8).reshape(${SIZE}, ${SIZE}, 3)).save(f"shapes_tree/shapes/{names[label]}/img_{k:03d}.png")
open("shapes_tree/shapes/disc/notes.txt", "w").write("not a picture")
print("null")`);
    expect(pythonJson(script, load(`"--images", ${JSON.stringify(join(OUT, 'shapes_tree'))}`) + hashes)).toEqual(studio);
  });

  it('without --data or --images, or with a damaged file, the script says what it needs in one line', () => {
    const script = writeScript('images_refuse', toPyTorchScript(cfg));
    const oneLine = (run: ScriptRun) => {
      expect(run.status).toBe(2);
      expect(run.stderr).not.toContain('Traceback');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      return run.stderr.trim();
    };
    expect(oneLine(runScript(script, 'images_refuse', [], 1))).toBe(
      'error: this experiment trained on shapes, which the script cannot rebuild: pass the studio\'s prepared dataset with --data FILE ("Export the prepared dataset") or the class-per-folder tree with --images DIR',
    );
    const damaged = join(OUT, 'damaged.dspd');
    const bytes = buildPreparedDataset(data, cfg);
    bytes[bytes.length - 9]! ^= 0x10;
    writeFileSync(damaged, bytes);
    expect(oneLine(runScript(script, 'images_refuse', ['--data', damaged], 1))).toBe(`error: --data ${damaged} is damaged (checksum mismatch): export the prepared dataset again`);
    // The colour set the studio generates: --data only.
    const colour = writeScript('colour_refuse', toPyTorchScript(toyConfig({ dataset: 'colour-shapes' })));
    expect(oneLine(runScript(colour, 'colour_refuse', ['--images', join(OUT, 'shapes_tree')], 1))).toMatch(/^error: --images reads a folder of pictures, but this experiment trained on Colour shapes/);
  });

  it('the studio and PyTorch (python3, torchrun with 2 processes) reach the same accuracies from the prepared dataset', async () => {
    const script = writeScript('images_run', toPyTorchScript(cfg));
    const started = performance.now();
    const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), { onPhase: () => {}, onEpoch: () => {}, onLoss: () => {} });
    out.dispose();
    const studio: ExperimentResults = out.results;
    const spreadOf = (r: ExperimentResults) => Math.max(r.seeds?.scratch.std ?? 0, r.seeds?.distilled.std ?? 0);
    const rows: Record<string, unknown> = { studio: { ...figures(studio), seconds: (performance.now() - started) / 1000 } };
    for (const processes of [1, 2] as const) {
      const run = runScript(script, 'images_run', ['--data', dataPath], processes);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('split: the training, validation, test and transfer rows are the prepared dataset\'s');
      const record = reportOf(run);
      expect(record.results.trainCounts).toEqual({ teacher: studio.trainCounts!.teacher, students: 150 });
      rows[`${processes}p`] = { ...figures(record.results), seconds: run.seconds };
      // Within the seed-to-seed spread: 3 standard deviations of the students over seeds, at least 1 point plus one test example.
      const tolerance = Math.max(3 * Math.max(spreadOf(studio), spreadOf(record.results)), 0.01 + 1 / data.test.count);
      for (const model of ['teacher', 'scratch', 'distilled'] as const) {
        const gap = Math.abs(studio[model].accuracy - record.results[model].accuracy);
        expect(gap, `${model} (${processes}p): ${record.results[model].accuracy} vs the studio's ${studio[model].accuracy}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
      }
    }
    console.log('images (prepared dataset):', JSON.stringify(rows));
  });
});

function figures(r: ExperimentResults) {
  return { teacher: r.teacher.accuracy, scratch: r.scratch.accuracy, distilled: r.distilled.accuracy, spread: Math.max(r.seeds?.scratch.std ?? 0, r.seeds?.distilled.std ?? 0) };
}
