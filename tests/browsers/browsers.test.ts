import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadLayersModelFromFiles, tf } from '../e2e/loadModel';
import { findChromium, findFirefox, findWebKit, type Found } from './browserPaths';
import type { PageDriver } from './pageDriver';
import { launchPuppeteer } from './puppeteerDriver';
import { MODEL_ROWS, runDefaultRecipe, type StudioRun } from './studioSession';
import { launchWebKit } from './webkitDriver';

const baseUrl = inject('baseUrl');
/**
 * Start → Done, at most. On the shared 2-core machine (load average near 20) the default recipe took up to 78 s in
 * Chromium and Firefox and up to 280 s in WebKitGTK; it fires well before the test's own timeout, so the browser closes.
 */
const RUN_TIMEOUT_MS = 300_000;
/** The viewport every browser gets: a classroom projector. */
const [WIDTH, HEIGHT] = [1280, 720];
/**
 * Largest difference in test accuracy from Chromium's, per model. On the same backend every browser runs the same tfjs
 * kernels (WASM: one binary, IEEE float32, no fast-math) on the same seeded data, and in every run here all three
 * browsers chose WASM and agreed exactly (91.67 / 53.67 / 54.33 %). One point (3 of the 300 test examples) leaves room
 * for a thread pool that splits sums differently on a bigger machine. Different backends (e.g. WebGL on a real GPU in one
 * browser) round differently and the training path drifts: a wider 5 points, not measured here (this machine has no
 * GPU, so every browser chose WASM).
 */
const SAME_BACKEND_TOLERANCE = 0.01;
const OTHER_BACKEND_TOLERANCE = 0.05;

/** Runs the default recipe in a freshly launched browser, and closes it whatever happens. */
async function runIn(launch: () => Promise<PageDriver>): Promise<StudioRun> {
  const page = await launch();
  try {
    return await runDefaultRecipe(page, baseUrl, RUN_TIMEOUT_MS);
  } finally {
    await page.close();
  }
}

/** A browser that is absent: fails in CI, is skipped elsewhere with how to install it. */
function absentMessage(name: string, found: Found): string | null {
  if ('path' in found) return null;
  const text = `${name} is not installed (${found.missing}).`;
  if (!process.env.CI) console.warn(`\n⚠ ${text} Its cross-browser test is skipped; CI counts it as a failure.\n`);
  return text;
}

const chromium = await findChromium();
const firefox = findFirefox();
const webkit = findWebKit();
const missing = { chromium: absentMessage('Chromium', chromium), firefox: absentMessage('Firefox ESR', firefox), webkit: absentMessage('WebKitGTK', webkit) };

let referenceRun: Promise<StudioRun> | null = null;
/** Chromium's run of the same recipe and seed: the reference, started by the first test that needs it, run once. */
function reference(): Promise<StudioRun> {
  if ('missing' in chromium) return Promise.reject(new Error(`No Chromium to compare with: ${missing.chromium}`));
  const path = chromium.path;
  referenceRun ??= runIn(() => launchPuppeteer('chrome', path, WIDTH, HEIGHT, RUN_TIMEOUT_MS));
  return referenceRun;
}

/** A report.json's fields this suite reads. */
interface Report {
  seed: number;
  backend: string;
  metrics: Record<'teacher' | 'scratch' | 'distilled', { accuracy: number; loss: number }>;
  check: { inputShape: number[]; inputs: number[][]; logits: number[][] };
}

/** Checks one browser's run on its own: Done, layout, what the status says about threads, and the student zip in Node. */
async function checkRun(run: StudioRun): Promise<Report> {
  expect(run.status).toMatch(/^Done · backend: (webgpu|webgl|wasm|cpu)$/);
  const backend = /backend: (\w+)$/.exec(run.status)![1]!;
  expect(run.outsideViewport, `${run.browser}: not within ${WIDTH}×${HEIGHT}`).toEqual([]);
  // Right after the Start click every setting is locked (one fieldset, drawn as display: contents) and T stays live.
  expect(run.lockAtStart.status, `${run.browser}: the run had ended when the lock was read`).not.toMatch(/^(Ready|Done|Failed|Stopped)/);
  expect(run.lockAtStart.total, `${run.browser}: settings controls found`).toBeGreaterThan(10);
  expect(run.lockAtStart.enabled, `${run.browser}: settings still enabled during the run`).toBe(0);
  expect(run.lockAtStart.temperatureEnabled, `${run.browser}: the Temperature slider during the run`).toBe(true);
  // A finished run and its download leave no error on the page.
  expect(run.alerts, `${run.browser}: alerts after Done and Download student`).toEqual([]);
  // The status says how many threads WASM trains on, and why, matching what the page really has.
  if (backend === 'wasm') {
    const isolated = run.isolation.crossOriginIsolated && run.isolation.sharedArrayBuffer;
    expect(run.backendLine).toMatch(
      isolated ? /^Backend wasm · \d+ threads? \(cross-origin isolated\): / : /^Backend wasm · 1 thread: this page is not cross-origin isolated .*so WASM cannot use more cores: /,
    );
  }

  expect(Object.keys(run.zip).sort()).toEqual(['model.json', 'model.onnx', 'report.json', 'weights.bin']);
  const report = JSON.parse(new TextDecoder().decode(run.zip['report.json'])) as Report;
  expect(report.seed).toBe(1);
  expect(report.backend).toBe(backend);
  // The table shows report.json's figures, rounded.
  const keys = { Teacher: 'teacher', 'Student from scratch': 'scratch', 'Distilled student': 'distilled' } as const;
  for (const row of MODEL_ROWS) {
    expect(run.shown[row].accuracy, row).toBe(`${(report.metrics[keys[row]].accuracy * 100).toFixed(1)}%`);
    expect(run.shown[row].loss, row).toBe(report.metrics[keys[row]].loss.toFixed(4));
  }
  // tfjs in Node loads the saved student and gives the studio's own logits on the stored test inputs.
  const dir = mkdtempSync(join(tmpdir(), 'distill-xbrowser-'));
  try {
    for (const name of ['model.json', 'weights.bin']) writeFileSync(join(dir, name), run.zip[name]!);
    const model = await loadLayersModelFromFiles(join(dir, 'model.json'), join(dir, 'weights.bin'));
    expect(model.countParams()).toBe(51);
    const { inputs, inputShape, logits } = report.check;
    const ours = tf.tidy(() => (model.predict(tf.tensor(inputs.flat(), [inputs.length, ...inputShape])) as tf.Tensor2D).arraySync());
    model.dispose();
    expect(ours).toHaveLength(logits.length);
    ours.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - logits[i]![k]!)).toBeLessThan(1e-4)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** The three test accuracies of a report, rounded for printing. */
function accuracies(report: Report): string {
  return (['teacher', 'scratch', 'distilled'] as const).map((m) => `${m} ${(report.metrics[m].accuracy * 100).toFixed(2)} %`).join(', ');
}

/** Checks a browser's run (started alongside Chromium's) on its own, then its accuracies against Chromium's. */
async function againstChromium(launch: () => Promise<PageDriver>): Promise<StudioRun> {
  const [run, chromiumRun] = await Promise.allSettled([runIn(launch), reference()]);
  if (run.status === 'rejected') throw run.reason;
  const report = await checkRun(run.value);
  console.log(`[xbrowser] ${run.value.browser}: ${run.value.status}; ${run.value.backendLine.split(': ')[0]}; trained in ${(run.value.trainMs / 1000).toFixed(1)} s; zip in ${(run.value.downloadMs / 1000).toFixed(1)} s; ${accuracies(report)}`);
  if (chromiumRun.status === 'rejected') throw new Error(`Chromium's reference run failed: ${String(chromiumRun.reason)}`);
  const ref = JSON.parse(new TextDecoder().decode(chromiumRun.value.zip['report.json'] ?? new Uint8Array())) as Report;
  const tolerance = ref.backend === report.backend ? SAME_BACKEND_TOLERANCE : OTHER_BACKEND_TOLERANCE;
  console.log(`[xbrowser]   Chromium: ${ref.backend}; ${accuracies(ref)}; tolerance ${tolerance * 100} points`);
  for (const m of ['teacher', 'scratch', 'distilled'] as const) {
    expect(Math.abs(report.metrics[m].accuracy - ref.metrics[m].accuracy), `${m} accuracy vs Chromium's`).toBeLessThanOrEqual(tolerance);
  }
  return run.value;
}

describe.concurrent('The default recipe in other browsers, against Chromium (1280×720, production build)', () => {
  it.skipIf(missing.chromium !== null && !process.env.CI)('Chromium (reference, CDP): Done, layout, threads, the student zip loads in Node', async () => {
    const run = await reference();
    await checkRun(run);
    console.log(`[xbrowser] ${run.browser}: ${run.status}; ${run.backendLine.split(': ')[0]}; trained in ${(run.trainMs / 1000).toFixed(1)} s; zip in ${(run.downloadMs / 1000).toFixed(1)} s`);
  });

  it.skipIf(missing.firefox !== null && !process.env.CI)('Firefox ESR (WebDriver BiDi): Done, layout, threads, the student zip loads in Node, accuracies as in Chromium', async () => {
    if ('missing' in firefox) throw new Error(missing.firefox!);
    const path = firefox.path;
    const run = await againstChromium(() => launchPuppeteer('firefox', path, WIDTH, HEIGHT, RUN_TIMEOUT_MS));
    // Firefox is cross-origin isolated by the preview server's COOP/COEP headers: WASM gets SharedArrayBuffer, and the
    // status gives the pool's size (checkRun matches the text).
    expect(run.isolation).toEqual({ crossOriginIsolated: true, sharedArrayBuffer: true });
  });

  it.skipIf(missing.webkit !== null && !process.env.CI)('WebKitGTK (WebDriver, xvfb-run): Done, layout, one WASM thread and says so, the student zip loads in Node, accuracies as in Chromium', async () => {
    if ('missing' in webkit) throw new Error(missing.webkit!);
    const run = await againstChromium(() => launchWebKit(WIDTH, HEIGHT));
    // WebKitGTK gives no SharedArrayBuffer (even with COOP/COEP), so WASM runs on one thread, and the status says so.
    expect(run.isolation.sharedArrayBuffer).toBe(false);
    expect(run.status).toBe('Done · backend: wasm');
    expect(run.backendLine).toMatch(/^Backend wasm · 1 thread: this page is not cross-origin isolated .*so WASM cannot use more cores: /);
  });
});
