import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { CaseOutcome, ParityReport } from '../../src/engine/train/parity';

// Kernel parity (parity.html): two SGD steps of one tiny model per layer type on each backend, in a worker, with the
// app's own activateBackend (so the app's tfjs flags), compared with the CPU backend: both losses, every gradient
// (weights and input) at both steps, and every weight after step 2 (batch norm's moving statistics included).
//
// Stated tolerance, per value: |got − cpu| ≤ atol + rtol·|cpu| with rtol 1e-3, atol 1e-4 on WebGL, WebGPU and WASM,
// and exact equality for the CPU backend rerun against itself. Float32 GPU kernels that are correct land 100× to
// 300× to 10,000× inside it (measured max abs error at most 1.7e-6, i.e. ≤ 0.003 of the tolerance); the bugs this test
// has caught were 3× to 4,000× outside it. Never loosen it to make a backend pass.

/** The published result of the parity page. */
type ParityResult = { ok: true; mode: 'parity'; report: ParityReport } | { ok: false; error: string };

/** The cases that need the gradient of convolution weights (Conv2DBackpropFilter). */
const CONV_CASES = ['conv-relu', 'conv-stride2', 'conv-batchnorm', 'cnn-preset'];
/** Every case, in the page's order. */
const ALL_CASES = ['dense-relu', 'dense-tanh', 'dense-gelu', 'dense-dropout', 'conv-relu', 'conv-stride2', 'maxpool', 'conv-batchnorm', 'kd-loss', 'cnn-preset'];

/** Opens the parity page for some backends and waits for its report. */
async function runParity(page: Page, backends: string): Promise<ParityReport> {
  await page.goto(`/parity.html?mode=parity&backends=${backends}`);
  const result = (await page.waitForFunction(() => (window as Window & { __parity?: unknown }).__parity, null, { timeout: 150_000 }).then((h) => h.jsonValue())) as ParityResult;
  if (!result.ok) throw new Error(`The parity page failed: ${result.error}`);
  return result.report;
}

/** One line per case for failure messages: status and where it disagreed most. */
function summary(cases: Record<string, CaseOutcome>): string {
  return Object.entries(cases)
    .map(([id, o]) => (o.status === 'ok' || o.status === 'mismatch' ? `${id}: ${o.status} at ${o.where} (${o.worstTensors.join('; ')})` : `${id}: ${o.status}`))
    .join('\n');
}

// One parity run (about 10 s of worker time) serves every assertion below; each assertion is its own test so that
// one failing backend does not hide the others' results.
let report: ParityReport;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  report = await runParity(page, 'webgl,wasm,cpu');
  await page.close();
});

test('the report covers every case on WebGL, WASM and CPU with the stated tolerances', () => {
  expect(report.reference).toBe('cpu');
  expect(report.cases.map((c) => c.id)).toEqual(ALL_CASES);
  const byName = Object.fromEntries(report.backends.map((b) => [b.backend, b]));
  expect(byName['webgl']?.tolerance).toEqual({ rtol: 1e-3, atol: 1e-4 });
  expect(byName['wasm']?.tolerance).toEqual({ rtol: 1e-3, atol: 1e-4 });
  expect(byName['cpu']?.tolerance).toEqual({ rtol: 0, atol: 0 });
  for (const b of report.backends) {
    expect(b.available, `${b.backend}: ${b.note}`).toBe(true);
    expect(Object.keys(b.cases)).toEqual(ALL_CASES);
  }
  console.log(`kernel parity (webgl, wasm, cpu vs cpu): ${(report.totalMs / 1000).toFixed(1)} s in the worker`);
});

/** What the dense cases' WebGL mismatch has meant so far, for the failure message. */
const WEBGL_HINT =
  'Seen with tfjs-backend-webgl 4.22: after a packed binary op (the optimiser update) writes a weight with an odd ' +
  'dimension (odd class counts, e.g. the 3-class spiral), the next backward matmul dy·Wᵀ is wrong, apparently reading ' +
  'stale values from the packed texture\'s padding. WEBGL_PACK_BINARY_OPERATIONS=false fixes it, but unpacked ops with WEBGL_USE_SHAPES_UNIFORMS=true ' +
  'then reuse shaders across shapes wrongly (max-pool and CNN cases); with both false every case matches ' +
  '(parity.html?mode=parity&backends=webgl&overrides=WEBGL_PACK_BINARY_OPERATIONS:false,WEBGL_USE_SHAPES_UNIFORMS:false).';

test('WebGL matches the CPU backend on every layer type, with the app flags', () => {
  const webgl = report.backends.find((b) => b.backend === 'webgl')!;
  const bad = Object.entries(webgl.cases).filter(([, o]) => o.status !== 'ok');
  expect(bad.length, `WebGL (flags ${JSON.stringify(webgl.flags)}):\n${summary(webgl.cases)}\n${WEBGL_HINT}`).toBe(0);
});

test('the CPU backend reproduces itself exactly (the reference is deterministic)', () => {
  const cpu = report.backends.find((b) => b.backend === 'cpu')!;
  for (const [id, o] of Object.entries(cpu.cases)) {
    expect(o.status, id).toBe('ok');
    if (o.status === 'ok') expect(o.maxAbs, id).toBe(0);
  }
});

test('WASM: dense layers, dropout and the KD loss match; every convolution case is unsupported, not a crash', () => {
  const wasm = report.backends.find((b) => b.backend === 'wasm')!;
  for (const id of ['dense-relu', 'dense-tanh', 'dense-gelu', 'dense-dropout', 'kd-loss']) expect(wasm.cases[id]?.status, `${id}\n${summary(wasm.cases)}`).toBe('ok');
  for (const id of CONV_CASES) {
    expect(wasm.cases[id], id).toEqual({
      status: 'unsupported',
      kernel: 'Conv2DBackpropFilter',
      message:
        'The wasm backend cannot train this architecture: tfjs has no Conv2DBackpropFilter kernel for it (the gradient of convolution weights). Choose Auto, WebGL, WebGPU or CPU.',
    });
  }
});

test("WASM's MaxPoolGrad is wrong only in the input gradient of all-negative pooling windows (known tfjs-backend-wasm 4.22 defect)", () => {
  // tfjs-backend-wasm's MaxPoolGrad sends the gradient of a window whose values are all negative to the window's first
  // element instead of its maximum. The studio never needs it on WASM: max-pooling only needs a gradient when a conv
  // precedes it, and WASM cannot train convs (above), so Auto never picks WASM for such a model. Weights and losses
  // match; only the gradient with respect to the case's (signed) input disagrees. If tfjs fixes it, this turns 'ok'.
  const o = report.backends.find((b) => b.backend === 'wasm')!.cases['maxpool']!;
  expect(o.status).toBe('mismatch');
  if (o.status !== 'mismatch') return;
  expect(o.worstTensors.length).toBeGreaterThan(0);
  for (const t of o.worstTensors) expect(t).toMatch(/^grad step [12] input:/);
  expect(o.parts.loss).toBeLessThan(1e-5);
  expect(o.parts.weights).toBeLessThan(1e-5);
});

test('no case leaks tensors on any backend', () => {
  for (const b of report.backends) {
    for (const [id, o] of Object.entries(b.cases)) if (o.status === 'ok' || o.status === 'mismatch') expect(o.leakedTensors, `${b.backend} ${id}`).toBe(0);
  }
});

test('Auto never picks WASM for the MNIST CNN teacher and says why', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('mnist');
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption('cnn-32-64-128');
  const note = page.locator('.backend-note');
  await expect(note).toContainText("wasm cannot train these models: Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'", { timeout: 90_000 });
  await expect(note).toContainText(/^Backend (webgl|cpu):/);
  await expect(studio.status).toContainText(/backend: (webgl|cpu)/);
});

test('forcing WASM on the MNIST CNN teacher hands the run to the CPU and says why; the page keeps working', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('mnist');
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption('cnn-32-64-128');
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await studio.setNumber('Epochs', '1');
  await studio.button('Start').click();
  await expect(page.getByText('wasm lacks a kernel these models need; continuing on cpu from the start.')).toBeVisible({ timeout: 120_000 });
  await expect(studio.status).toHaveText(/^Running teacher training, epoch 1 of 1 · backend: cpu$/);
  await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toHaveCount(0);
  await studio.button('Stop').click();
  expect(await studio.waitForEnd()).toMatch(/^Stopped during teacher training · backend: cpu$/);
  await expect(studio.button('Start')).toBeEnabled();
});
