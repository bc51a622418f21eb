#!/usr/bin/env node
// `npm run bench`: builds the studio, serves it, opens bench.html in headless Chromium once per backend
// (webgpu via --enable-unsafe-webgpu, webgl, wasm, cpu) and prints one JSON line per backend with
// examples/s for teacher training, scratch training and distillation, plus tf.memory() before/after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 4174;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm,webgl,cpu,webgpu').split(',');
// A time budget per phase keeps the bench bounded (SwiftShader's WebGPU and software WebGL are slow); the host
// backends get enough for the full 2,000 distillation steps of the leak check.
const BUDGETS_MS = { wasm: 30000, cpu: 20000, webgl: 8000, webgpu: 8000 };
const budgetFor = (backend) => Number(process.env.BENCH_BUDGET_MS ?? BUDGETS_MS[backend] ?? 10000);
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (spawnSync(npx, ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status !== 0) process.exit(1);
// Its own process group, so stopping it also stops vite (npx would otherwise leave the server running).
const server = spawn(npx, ['vite', 'preview', '--strictPort', '--port', String(PORT)], { stdio: 'ignore', detached: true });
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

await waitForServer();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu', '--enable-precise-memory-info'],
});
let failures = 0;
for (const backend of BACKENDS) {
  const page = await browser.newPage();
  const url = `http://localhost:${PORT}/bench.html?backend=${backend}&teacherSteps=300&studentSteps=2000&budgetMs=${budgetFor(backend)}`;
  await page.goto(url);
  const result = await page.waitForFunction(() => window.__bench, null, { timeout: 20 * 60_000, polling: 500 }).then((h) => h.jsonValue());
  await page.close();
  if (!result.ok) {
    failures++;
    console.log(JSON.stringify({ backend, error: result.error }));
    continue;
  }
  const round = (v) => Math.round(v);
  console.log(
    JSON.stringify({
      backend: result.backend,
      recipe: 'teacher MLP 784→512→512→10, student 784→32→10, batch 128, Adam, random data',
      teacherExamplesPerSec: round(result.teacher.examplesPerSecond),
      scratchExamplesPerSec: round(result.scratch.examplesPerSecond),
      distillExamplesPerSec: round(result.distill.examplesPerSecond),
      distillStepsPerSec: round(result.distill.examplesPerSecond / 128),
      steps: { teacher: result.teacher.steps, scratch: result.scratch.steps, distill: result.distill.steps },
      tfMemory: {
        numTensorsBefore: result.numTensorsBefore,
        numTensorsAfter: result.numTensorsAfter,
        distillNumTensorsBefore: result.distillTensorsBefore,
        distillNumTensorsAfter: result.distillTensorsAfter,
      },
      // Chromium exposes no heap figure inside a worker without cross-origin isolation (kept off here): null then.
      heapGrowthMB: result.heapBefore !== null && result.heapAfter !== null ? +((result.heapAfter - result.heapBefore) / 2 ** 20).toFixed(2) : null,
    }),
  );
}
await browser.close();
stop();
process.exit(failures === BACKENDS.length ? 1 : 0);
