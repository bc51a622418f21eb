import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { CaseOutcome, ParityReport } from '../../src/engine/parity';

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
const CONV_CASES = ['conv-relu', 'conv-stride2', 'conv-batchnorm', 'cnn-preset', 'colour-preset'];
/** Every case, in the page's order. */
const ALL_CASES = ['dense-relu', 'dense-tanh', 'dense-gelu', 'dense-dropout', 'conv-relu', 'conv-stride2', 'maxpool', 'conv-batchnorm', 'kd-loss', 'cnn-preset', 'colour-preset'];

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

test('WASM matches the CPU backend on every layer type: transposed matmuls through XNNPACK, the conv filter gradient, max-pool gradients', () => {
  // The studio's wasm kernels (src/engine/kernels/wasmTrainingKernels.ts): every dense backward pass multiplies by a
  // transposed operand (dy·Wᵀ, xᵀ·dy), every conv case needs Conv2DBackpropFilter (im2col + one matmul), and the maxpool
  // case's signed input has all-negative windows (where tfjs-backend-wasm's own MaxPoolGrad was wrong).
  const wasm = report.backends.find((b) => b.backend === 'wasm')!;
  const bad = Object.entries(wasm.cases).filter(([, o]) => o.status !== 'ok');
  expect(bad.length, `WASM:\n${summary(wasm.cases)}`).toBe(0);
  for (const id of CONV_CASES) expect(wasm.cases[id]?.status, id).toBe('ok');
});

test('no case leaks tensors on any backend', () => {
  for (const b of report.backends) {
    for (const [id, o] of Object.entries(b.cases)) if (o.status === 'ok' || o.status === 'mismatch') expect(o.leakedTensors, `${b.backend} ${id}`).toBe(0);
  }
});
