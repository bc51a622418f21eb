// Issue 18's race: a teacher file picked while the worker's backend is still starting must wait for it and load, and
// the page must not say "Ready" before the backend is. The test build's `__distillHoldBackend` keeps every backend the
// worker starts in tfjs's "not yet initialized" state (as WASM is while its module compiles) until the test releases
// it, so the file arrives at the earliest possible moment every time, not by chance.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, Studio } from './fixtures';

const ONNX_POINTS = fileURLToPath(new URL('../fixtures/onnx/ok-points-3.onnx', import.meta.url));

/** A valid teacher for the spiral: one Dense layer, 2 inputs → 3 logits (2·3 + 3 = 9 parameters). */
function writeDenseTeacher(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'distill-early-'));
  const model = {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'early', layers: [{ class_name: 'Dense', config: { name: 'out', units: 3, activation: 'linear', use_bias: true, batch_input_shape: [null, 2] } }] },
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'out/kernel', shape: [2, 3], dtype: 'float32' }, { name: 'out/bias', shape: [3], dtype: 'float32' }] }],
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(new Float32Array([1, 0, -1, 0, 1, -1, 0.1, 0.2, 0.3]).buffer));
  return [join(dir, 'model.json'), join(dir, 'weights.bin')];
}

/** Opens the studio with its worker's backend start held, and records the type of every message the page posts to it. */
async function openHeld(page: Page): Promise<Studio> {
  await page.addInitScript(() => {
    const w = window as Window & { __distillHoldBackend?: boolean; __posted?: string[] };
    w.__distillHoldBackend = true;
    w.__posted = [];
    const post = Worker.prototype.postMessage as (this: Worker, message: unknown, transfer?: Transferable[]) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: Transferable[]) {
      w.__posted!.push((message as { type?: string }).type ?? '?');
      post.call(this, message, transfer ?? []);
    } as typeof Worker.prototype.postMessage;
  });
  await page.goto('/#dataset=spiral&epochs=1');
  return new Studio(page);
}

/** Waits until the page has handed a request of `type` to the worker (messages reach it in the order they were posted). */
async function posted(page: Page, type: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as Window & { __posted?: string[] }).__posted ?? [])).toContain(type);
}

/** Lets the held backend finish starting. */
async function releaseBackend(page: Page): Promise<void> {
  await page.evaluate(() => (window as Window & { __distillTestHooks?: { releaseBackend: () => void } }).__distillTestHooks!.releaseBackend());
}

test('a teacher picked before the backend has started waits for it and loads; "Ready" comes only once the backend is', async ({ page }) => {
  const studio = await openHeld(page);
  // The page asked for a backend (prepare), and the worker is starting it: the status says so, not "Ready".
  await posted(page, 'prepare');
  await expect(studio.status).toHaveText('Starting the backend… Files you pick now are read as soon as it is ready.');

  await page.getByLabel('Pretrained teacher files').setInputFiles(writeDenseTeacher());
  await posted(page, 'loadTeacher');
  await expect(page.getByText('Checking model.json, weights.bin…')).toBeVisible();
  await expect(studio.status).not.toContainText('Ready');

  await releaseBackend(page);
  await expect(page.getByText(/^In use: model\.json · 9 parameters · Dense$/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(studio.status).toContainText('Ready · backend: ');

  // The teacher loaded on the way in is the run's teacher.
  await studio.button('Start').click();
  await expect(page.getByText(/^Loaded teacher’s test accuracy: [\d.]+% \(not retrained\)$/)).toBeVisible();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
});

test('an ONNX teacher picked before the backend has started waits for it and loads', async ({ page }) => {
  const studio = await openHeld(page);
  await posted(page, 'prepare');
  await page.getByLabel('Pretrained teacher files').setInputFiles(ONNX_POINTS);
  await posted(page, 'loadOnnxTeacher');
  await expect(studio.status).not.toContainText('Ready');
  await releaseBackend(page);
  await expect(page.getByText(/^In use: ok-points-3\.onnx \(ONNX\) · 9 parameters · operators: MatMul, Add, Identity$/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(studio.status).toContainText('Ready · backend: ');
});

test('a training worker whose code does not load says so instead of waiting for a backend forever, and the next Start gets a new worker', async ({ page }) => {
  // The worker's main chunk fails to arrive once (as a dropped connection would do); everything else loads.
  let dropped = 0;
  await page.route(/\/assets\/trainingWorkerMain-[^/]+\.js$/, async (route) => {
    if (dropped++ === 0) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.goto('/#dataset=spiral&epochs=1');
  const studio = new Studio(page);
  await expect(page.getByRole('alert').filter({ hasText: 'The training worker crashed: ' })).toContainText('The training worker could not start');
  await expect(studio.status).not.toContainText('Ready');
  expect(dropped).toBe(1);

  // Start replaces the crashed worker; its code loads this time, and the run goes through.
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(dropped).toBe(2);
});

test('a WASM binary that does not arrive: the studio says WASM could not start and trains on another backend, instead of starting forever', async ({ page }) => {
  // Every request for the WASM backend's binaries fails (as a dropped connection or an offline classroom would do).
  let dropped = 0;
  await page.route(/\/assets\/tfjs-backend-wasm[^/]*\.wasm$/, async (route) => {
    dropped++;
    await route.abort('connectionreset');
  });
  await page.goto('/#dataset=spiral&epochs=1');
  const studio = new Studio(page);
  await expect(studio.status).toContainText('Ready · backend: ', { timeout: 60_000 });
  expect(dropped).toBeGreaterThan(0);
  await expect(studio.status).not.toContainText('backend: wasm');
  await expect(page.locator('.status-area .backend-note')).toContainText(/wasm.*(could not|failed)|could not start.*wasm/i);
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
});
