#!/usr/bin/env node
// Measures the built-in colour set's three-way result (teacher / scratch / distilled test accuracy) with the colour
// presets, over 3 seeds, in Node on the tfjs WASM backend (single thread; `--backend cpu` for the plain CPU one).
// Bundles the engine's TypeScript with rolldown first. Usage:
//   node scripts/measure-colour-set.mjs [--student colour-cnn-small|colour-mlp-128] [--epochs 10] [--seeds 3]
//                                       [--backend wasm|cpu] [--flip] [--augment off|teacher|all] [--transfer 0]
//                                       [--temperature 4] [--alpha 0.7] [--batch 64] [--teacher-per-seed]
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    student: { type: 'string', default: 'colour-cnn-small' },
    teacher: { type: 'string', default: 'colour-vgg-bn' },
    epochs: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'wasm' },
    flip: { type: 'boolean', default: false },
    augment: { type: 'string', default: 'off' },
    transfer: { type: 'string', default: '0' },
    temperature: { type: 'string', default: '4' },
    alpha: { type: 'string', default: '0.7' },
    batch: { type: 'string', default: '64' },
    'teacher-per-seed': { type: 'boolean', default: false },
    // A drawing style other than the shipped one, as JSON merged over COLOUR_SHAPES_STYLE (for tuning), e.g.
    // --style '{"distractors":{"min":0,"max":0},"onTop":0,"noise":0}'
    style: { type: 'string', default: '' },
    'teacher-only': { type: 'boolean', default: false },
  },
});

// Inside the repository, so the bundle resolves @tensorflow/* from its node_modules.
mkdirSync(join(root, '.scratch'), { recursive: true });
const out = mkdtempSync(join(root, '.scratch/measure-colour-'));
const entry = join(out, 'entry.ts');
const { writeFileSync } = await import('node:fs');
writeFileSync(
  entry,
  `export { DATASETS } from ${JSON.stringify(join(root, 'src/engine/data/registry.ts'))};
export { RunController } from ${JSON.stringify(join(root, 'src/engine/train/controller.ts'))};
export { runExperiment } from ${JSON.stringify(join(root, 'src/engine/train/experiment.ts'))};
export { COLOUR_TEACHER_PRESETS, COLOUR_STUDENT_PRESETS, findPreset } from ${JSON.stringify(join(root, 'src/engine/models/presets.ts'))};
export { registerWasmTrainingKernels } from ${JSON.stringify(join(root, 'src/engine/kernels/wasmTrainingKernels.ts'))};
export { generateColourShapes, colourShapesSeed, COLOUR_SHAPES_STYLE, COLOUR_SHAPES_COUNT, COLOUR_SHAPES_TEST_FRACTION } from ${JSON.stringify(join(root, 'src/engine/data/colourShapes.ts'))};
export { stratifiedSplit } from ${JSON.stringify(join(root, 'src/engine/data/split.ts'))};
export { DEFAULT_CONFIG } from ${JSON.stringify(join(root, 'src/store/configFields.ts'))};
`,
);
await build({ input: entry, platform: 'node', external: [/^@tensorflow\//], output: { file: join(out, 'engine.mjs'), format: 'esm' }, logLevel: 'silent' });
const tf = await import('@tensorflow/tfjs');
if (opt.backend === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
}
const e = await import(pathToFileURL(join(out, 'engine.mjs')).href);
await tf.setBackend(opt.backend);
await tf.ready();
// The studio's own WASM kernels (the conv filter gradient tfjs lacks, fast transposed matmuls), as the worker registers them.
if (opt.backend === 'wasm') e.registerWasmTrainingKernels();

const cfg = {
  ...e.DEFAULT_CONFIG,
  dataset: 'colour-shapes',
  userData: null,
  teacher: e.findPreset(e.COLOUR_TEACHER_PRESETS, opt.teacher).spec,
  student: e.findPreset(e.COLOUR_STUDENT_PRESETS, opt.student).spec,
  temperature: Number(opt.temperature),
  alpha: Number(opt.alpha),
  scaleByT2: true,
  softTerm: 'kl',
  teacherLive: false,
  repeats: Number(opt.seeds),
  sweep: null,
  hint: null,
  transferSize: Number(opt.transfer),
  excludeClasses: [],
  augment: opt.augment,
  flip: opt.flip,
  epochs: Number(opt.epochs),
  batchSize: Number(opt.batch),
  optimizer: 'adam',
  learningRate: 0.001,
  seed: 1,
  validationFraction: 0,
  teacherPerSeed: opt['teacher-per-seed'],
};
const t0 = performance.now();
let data = await e.DATASETS['colour-shapes'].load({ seed: cfg.seed, noise: 0, samples: 0 }, () => {});
if (opt.style) {
  // The same draw and split as the registry entry, with another style.
  const style = { ...e.COLOUR_SHAPES_STYLE, ...JSON.parse(opt.style) };
  console.log(`style ${JSON.stringify(style)}`);
  const all = e.generateColourShapes(e.COLOUR_SHAPES_COUNT, e.colourShapesSeed(cfg.seed), 32, () => {}, style);
  data = { ...data, ...e.stratifiedSplit(all, 32 * 32 * 3, e.COLOUR_SHAPES_TEST_FRACTION, (cfg.seed ^ 0x5eed) >>> 0) };
} else console.log(`style ${JSON.stringify(e.COLOUR_SHAPES_STYLE)}`);
console.log(`backend ${tf.getBackend()} · data ${data.train.count} / ${data.test.count} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const trials = [];
const hooks = {
  onPhase: (p) => console.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${typeof p === 'string' ? p : JSON.stringify(p)}`),
  onLoss: () => {},
  onTrial: (t) => {
    if (t.kind === 'seed') {
      trials.push(t);
      console.log(`    seed ${t.seed}: teacher ${t.teacher === undefined ? '—' : (t.teacher * 100).toFixed(1)} %, scratch ${(t.scratch * 100).toFixed(1)} %, distilled ${(t.distilled * 100).toFixed(1)} %`);
    }
  },
  onEpoch: (pt) => {
    console.log(`    ${((performance.now() - t0) / 1000).toFixed(0)} s: ${pt.phase} epoch ${pt.epoch}: test ${(pt.testAccuracy * 100).toFixed(1)} %`, process.env.MEASURE_VERBOSE ? JSON.stringify(pt) : "");
  },
};
const outcome = await e.runExperiment(cfg, data, new e.RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), hooks);
const s = outcome.results.seeds;
const pct = (x) => `${(x.mean * 100).toFixed(1)} ± ${(x.std * 100).toFixed(1)} %`;
console.log(JSON.stringify({ teacher: opt.teacher, student: opt.student, flip: opt.flip, augment: opt.augment, epochs: cfg.epochs, seeds: cfg.repeats }));
if (s) {
  const teachers = [outcome.results.teacher.accuracy, ...trials.filter((t) => t.teacher !== undefined).map((t) => t.teacher)];
  const mean = teachers.reduce((a, b) => a + b, 0) / teachers.length;
  const std = Math.sqrt(teachers.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, teachers.length - 1));
  console.log(`teacher ${pct({ mean, std })} (${teachers.map((v) => (v * 100).toFixed(1)).join(', ')}) · scratch ${pct(s.scratch)} · distilled ${pct(s.distilled)} · gain ${s.gain.mean.toFixed(2)} ± ${s.gain.std.toFixed(2)} points (per seed ${s.gains.map((g) => g.toFixed(1)).join(', ')})`);
} else {
  // One seed: no spread, just the three accuracies.
  const r = outcome.results;
  console.log(`teacher ${(r.teacher.accuracy * 100).toFixed(1)} % · scratch ${(r.scratch.accuracy * 100).toFixed(1)} % · distilled ${(r.distilled.accuracy * 100).toFixed(1)} % · gain ${r.gainPoints.toFixed(1)} points`);
}
console.log(`wall ${((performance.now() - t0) / 1000).toFixed(0)} s`);
outcome.dispose();
