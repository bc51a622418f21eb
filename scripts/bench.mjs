#!/usr/bin/env node
// `npm run bench`: builds the studio, serves it (cross-origin isolated, as `vite preview` always is), opens bench.html in
// headless Chromium once per backend, recipe and WASM thread count, and prints one JSON line each:
// - the raw loop (the studio's own training loop on random data): examples/s for teacher, scratch and distillation,
//   effective GFLOP/s, and tf.memory() before/after;
// - with `app`, the app's real per-epoch throughput: a whole MNIST experiment through the worker's Run (evaluation,
//   checkpoints, classroom feeds and messages included), with the views of the studio's first page (Train: the
//   classroom feeds closed);
// - when a Python with torch is found (as `npm run test:pytorch` finds it), the same recipes in PyTorch with the same
//   number of threads, and the ratios: both sides time their phases in 4 equal windows, and the ratios compare the
//   fastest windows (a shared machine's slow moments hit either side at random); the `Whole` ratios, the whole runs;
// - the image-folder decode rate (images/s) for PNG and JPEG at three picture sizes.
// Recipes: mlp, cnn (MNIST CNN teacher) and colour (the colour teacher on 32×32×3); BENCH_RECIPES, BENCH_BACKENDS,
// BENCH_WASM_THREADS and BENCH_DECODE_IMAGES (0: no decode figures) narrow the run; BENCH_APP_EPOCHS sets the app run's
// epochs per phase (default 1) and BENCH_APP_LONGER_EPOCHS a second app run's (default 8; 0: none), whose extra time per
// added epoch is the app's steady per-epoch cost (`perEpoch`, without the phases' one-time work); BENCH_PORT and BENCH_OUT_DIR let two checkouts bench at once.
// Exits non-zero when a backend fails or tf.memory().numTensors is not flat (over the raw loop, and over the app run once
// it has released its student).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findTorchPython, torchEnv } from './torch-env.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const OUT_DIR = process.env.BENCH_OUT_DIR ?? 'dist';
const DECODE_IMAGES = Number(process.env.BENCH_DECODE_IMAGES ?? 200);
const list = (name, fallback) => (process.env[name] ?? fallback).split(',').filter(Boolean);
const BACKENDS = list('BENCH_BACKENDS', 'wasm,webgl,cpu,webgpu');
// The CNN teacher takes seconds per step on the software renderers (SwiftShader): WebGPU is left out unless asked for.
const CNN_BACKENDS = list('BENCH_CNN_BACKENDS', 'wasm,cpu,webgl');
const APP_BACKENDS = list('BENCH_APP_BACKENDS', 'wasm');
// Epochs per phase of the app run (1: every phase's one-time costs, such as caching the teacher's logits, in its epoch).
const APP_EPOCHS = Number(process.env.BENCH_APP_EPOCHS ?? 1);
const APP_LONGER_EPOCHS = Number(process.env.BENCH_APP_LONGER_EPOCHS ?? 8);
if (APP_LONGER_EPOCHS !== 0 && APP_LONGER_EPOCHS <= APP_EPOCHS) {
  console.error(`BENCH_APP_LONGER_EPOCHS (${APP_LONGER_EPOCHS}) must be 0 or more than BENCH_APP_EPOCHS (${APP_EPOCHS})`);
  process.exit(2);
}
const RECIPE_NAMES = list('BENCH_RECIPES', 'mlp,cnn,colour');
const unknownRecipes = RECIPE_NAMES.filter((r) => !['mlp', 'cnn', 'colour'].includes(r));
if (unknownRecipes.length > 0) {
  console.error(`BENCH_RECIPES: unknown recipe(s) ${unknownRecipes.join(', ')} (known: mlp, cnn, colour; empty for the decode figures only)`);
  process.exit(2);
}
const WASM_THREADS = list('BENCH_WASM_THREADS', '1,2').map(Number);
// A time budget per phase keeps the bench bounded; the host backends get enough for the 2,000-step leak check.
const BUDGETS_MS = { wasm: 20000, cpu: 15000, webgl: 8000, webgpu: 8000 };
const budgetFor = (backend) => Number(process.env.BENCH_BUDGET_MS ?? BUDGETS_MS[backend] ?? 10000);
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (spawnSync(npx, ['vite', 'build', '--logLevel', 'warn', '--outDir', OUT_DIR], { stdio: 'inherit', env: { ...process.env, VITE_TEST_HOOKS: '1' } }).status !== 0) process.exit(1);
// Its own process group, so stopping it also stops vite (npx would otherwise leave the server running).
const server = spawn(npx, ['vite', 'preview', '--strictPort', '--port', String(PORT), '--outDir', OUT_DIR], { stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/bench.html`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

const RECIPES = {
  mlp: 'teacher MLP 784→512→512→10, student 784→32→10, batch 128, Adam, random data',
  cnn: 'teacher = the MNIST CNN preset (conv32·3×3, pool, conv64·3×3, pool, dense128, dropout) on 28×28×1, student 784→32→10, batch 64',
  colour: 'teacher = the colour preset colour-vgg-bn (conv16·bn, pool, conv32·bn, conv32·bn, pool, dense128, dropout) on 32×32×3, student colour-cnn-small, batch 64',
};
const round = (v) => (v == null || Number.isNaN(v) ? null : Math.round(v));
const gflops = (flopsPerExample, examplesPerSecond) => +((flopsPerExample * examplesPerSecond) / 1e9).toFixed(2);

// PyTorch first (its own process, before the browser competes for the cores).
const torchFigures = new Map();
const found = findTorchPython();
if (found.python) {
  for (const threads of WASM_THREADS) {
    const r = spawnSync(found.python, ['scripts/bench_torch.py', String(threads), process.env.BENCH_TORCH_SECONDS ?? '4'], { env: torchEnv(), encoding: 'utf8' });
    if (r.status === 0) torchFigures.set(threads, JSON.parse(r.stdout.trim().split('\n').pop()));
    else console.log(JSON.stringify({ torch: 'failed', threads, error: r.stderr.trim().split('\n').pop() }));
  }
} else {
  console.log(JSON.stringify({ torch: null, note: `PyTorch comparison skipped: ${found.reason}` }));
}

await waitForServer();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu', '--enable-precise-memory-info'],
});

const runs = [];
for (const backend of BACKENDS) {
  for (const recipe of RECIPE_NAMES) {
    if (recipe !== 'mlp' && !CNN_BACKENDS.includes(backend)) continue;
    // The app run is an MNIST experiment: the colour recipe has none.
    for (const threads of backend === 'wasm' ? WASM_THREADS : [null]) runs.push({ backend, recipe, threads, app: recipe !== 'colour' && APP_BACKENDS.includes(backend) });
  }
}

let failures = 0;
for (const { backend, recipe, threads, app } of runs) {
  const page = await browser.newPage();
  const steps = recipe === 'mlp' ? 'teacherSteps=300&studentSteps=2000' : 'teacherSteps=200&studentSteps=300';
  const url = `http://localhost:${PORT}/bench.html?backend=${backend}&recipe=${recipe}&${steps}&budgetMs=${budgetFor(backend)}${threads ? `&threads=${threads}` : ''}${app ? `&app=1&appEpochs=${APP_EPOCHS}${APP_LONGER_EPOCHS ? `&appLongerEpochs=${APP_LONGER_EPOCHS}` : ''}` : ''}`;
  await page.goto(url);
  const result = await page.waitForFunction(() => window.__bench, null, { timeout: 30 * 60_000, polling: 500 }).then((h) => h.jsonValue());
  await page.close();
  if (!result.ok) {
    failures++;
    console.log(JSON.stringify({ backend, recipe, threads, error: result.error }));
    continue;
  }
  const leaks = [];
  if (result.distillTensorsAfter !== result.distillTensorsBefore) leaks.push(`distillation ${result.distillTensorsBefore} → ${result.distillTensorsAfter}`);
  if (result.numTensorsAfter !== result.numTensorsBefore) leaks.push(`whole bench ${result.numTensorsBefore} → ${result.numTensorsAfter}`);
  if (result.app && result.numTensorsAfterApp !== result.numTensorsBeforeApp) leaks.push(`app run ${result.numTensorsBeforeApp} → ${result.numTensorsAfterApp}`);
  if (leaks.length > 0) failures++;
  const torch = result.threads ? torchFigures.get(result.threads.count) : torchFigures.get(1);
  const ratio = (ours, theirs) => (theirs ? +(ours / theirs).toFixed(2) : null);
  const line = {
    backend: result.backend,
    recipe: RECIPES[recipe],
    wasmThreads: result.threads,
    crossOriginIsolated: result.crossOriginIsolated,
    teacherExamplesPerSec: round(result.teacher.examplesPerSecond),
    teacherBestExamplesPerSec: round(result.teacher.bestExamplesPerSecond),
    teacherGflops: gflops(result.trainFlops.teacher, result.teacher.examplesPerSecond),
    ...(recipe === 'mlp'
      ? {
          scratchExamplesPerSec: round(result.scratch.examplesPerSecond),
          distillExamplesPerSec: round(result.distill.examplesPerSecond),
          distillBestExamplesPerSec: round(result.distill.bestExamplesPerSecond),
          distillStepsPerSec: round(result.distill.examplesPerSecond / 128),
          distillGflops: gflops(result.trainFlops.student, result.distill.examplesPerSecond),
        }
      : {}),
    steps: { teacher: result.teacher.steps, scratch: result.scratch.steps, distill: result.distill.steps },
    // The app's phases (evaluation, checkpoints, feeds and messages included) and their ratio to the raw loop's.
    app: result.app
      ? {
          ...Object.fromEntries(
            Object.entries(result.app.phases).map(([phase, f]) => {
              const raw = { teacher: result.teacher, scratch: result.scratch, distill: result.distill }[phase];
              const comparable = recipe === 'mlp' || phase === 'teacher';
              const rawRatio = comparable ? ratio(f.examplesPerSecond, raw?.examplesPerSecond) : null;
              // The longer run's extra examples over its extra seconds: the app's steady per-epoch throughput.
              const longer = result.appLonger?.phases[phase];
              const perEpoch = longer ? (f.examplesPerSecond * f.seconds * (APP_LONGER_EPOCHS / APP_EPOCHS - 1)) / (longer.seconds - f.seconds) : null;
              return [
                phase,
                {
                  examplesPerSec: round(f.examplesPerSecond),
                  seconds: +f.seconds.toFixed(2),
                  rawRatio,
                  ...(longer ? { longerSeconds: +longer.seconds.toFixed(2), perEpochExamplesPerSec: round(perEpoch), perEpochRawRatio: comparable ? ratio(perEpoch, raw?.examplesPerSecond) : null } : {}),
                },
              ];
            }),
          ),
          epochsPerPhase: APP_EPOCHS,
          ...(result.appLonger ? { longerEpochsPerPhase: APP_LONGER_EPOCHS } : {}),
          resultsSeconds: +result.app.resultsSeconds.toFixed(2),
        }
      : undefined,
    pytorch: torch
      ? {
          threads: torch.threads,
          // The ratios compare each side's fastest window (the issue's targets); the `Whole` ones, the whole runs.
          teacher: round(torch[recipe].teacher.best),
          teacherWhole: round(torch[recipe].teacher.whole),
          teacherRatio: ratio(result.teacher.bestExamplesPerSecond, torch[recipe].teacher.best),
          teacherRatioWhole: ratio(result.teacher.examplesPerSecond, torch[recipe].teacher.whole),
          ...(recipe === 'mlp'
            ? {
                distill: round(torch.mlp.distill.best),
                distillWhole: round(torch.mlp.distill.whole),
                distillRatio: ratio(result.distill.bestExamplesPerSecond, torch.mlp.distill.best),
                distillRatioWhole: ratio(result.distill.examplesPerSecond, torch.mlp.distill.whole),
              }
            : {}),
        }
      : undefined,
    tfMemory: {
      numTensorsBefore: result.numTensorsBefore,
      numTensorsAfter: result.numTensorsAfter,
      distillNumTensorsBefore: result.distillTensorsBefore,
      distillNumTensorsAfter: result.distillTensorsAfter,
      appRun: result.app ? { before: result.numTensorsBeforeApp, after: result.numTensorsAfterApp } : undefined,
      flat: leaks.length === 0,
    },
    heapGrowthMB: result.heapBefore !== null && result.heapAfter !== null ? +((result.heapAfter - result.heapBefore) / 2 ** 20).toFixed(2) : null,
  };
  console.log(JSON.stringify(line));
  if (leaks.length > 0) console.log(JSON.stringify({ backend, recipe, error: `tf.memory().numTensors not flat: ${leaks.join('; ')}` }));
}
// Image decoding as an image-folder upload does it (screen, decode, orient, crop, resize to 32 px), in a worker.
if (DECODE_IMAGES > 0) {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${PORT}/bench.html?decode=${DECODE_IMAGES}`);
  const result = await page.waitForFunction(() => window.__bench, null, { timeout: 10 * 60_000, polling: 500 }).then((h) => h.jsonValue());
  await page.close();
  if (!result.ok) {
    failures++;
    console.log(JSON.stringify({ decode: 'failed', error: result.error }));
  } else {
    for (const f of result.decode) console.log(JSON.stringify({ decode: `${f.format} ${f.width}×${f.height} → 32×32 RGB`, images: f.images, meanBytes: f.bytes, imagesPerSec: +f.imagesPerSecond.toFixed(1) }));
  }
}
await browser.close();
stop();
console.log(failures === 0 ? 'bench: every backend ran and tf.memory() stayed flat' : `bench: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
