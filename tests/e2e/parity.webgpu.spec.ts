import type { ParityReport } from '../../src/engine/parity';
import { test, expect } from './fixtures';

// Kernel parity on SwiftShader's WebGPU (this file runs in the `webgpu` project: --enable-unsafe-webgpu). Same cases,
// same tolerance (rtol 1e-3, atol 1e-4; see parity.spec.ts) and the same CPU reference, with the WebGPU flags the
// app sets in activateBackend, which this test therefore vouches for.

/** The published result of the parity page. */
type ParityResult = { ok: true; mode: 'parity'; report: ParityReport } | { ok: false; error: string };

test('WebGPU matches the CPU backend on every layer type, with the app flags', async ({ page }) => {
  await page.goto('/parity.html?mode=parity&backends=webgpu');
  const result = (await page.waitForFunction(() => (window as Window & { __parity?: unknown }).__parity, null, { timeout: 170_000 }).then((h) => h.jsonValue())) as ParityResult;
  if (!result.ok) throw new Error(`The parity page failed: ${result.error}`);
  const webgpu = result.report.backends[0]!;
  expect(webgpu.backend).toBe('webgpu');
  expect(webgpu.available, webgpu.note).toBe(true);
  expect(webgpu.tolerance).toEqual({ rtol: 1e-3, atol: 1e-4 });
  // The flags activateBackend chooses for a software adapter (measured with scripts/measure-webgpu-flags.mjs).
  expect(webgpu.flags).toMatchObject({ WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 3 });
  expect(Object.keys(webgpu.cases)).toHaveLength(result.report.cases.length);
  for (const [id, o] of Object.entries(webgpu.cases)) {
    const detail = o.status === 'ok' || o.status === 'mismatch' ? `${o.where}: ${o.worstTensors.join('; ')}` : JSON.stringify(o);
    expect(o.status, `${id}: ${detail}`).toBe('ok');
    if (o.status === 'ok') expect(o.leakedTensors, id).toBe(0);
  }
  console.log(`kernel parity (webgpu vs cpu): ${(result.report.totalMs / 1000).toFixed(1)} s in the worker`);
});
