import { test, expect } from './fixtures';

// Runs with --enable-unsafe-webgpu: Chromium exposes SwiftShader's software WebGPU adapter.

test('Auto sees the software WebGPU adapter and explains why it picks another backend', async ({ studio, page }) => {
  await expect(page.locator('.backend-note')).toContainText(/WebGPU: software adapter \(.+\), too slow to train on/, { timeout: 60_000 });
  await expect(studio.status).toContainText(/backend: (webgl|wasm|cpu)/);
});

test('WebGPU forced from the Backend menu trains a short run to the end', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('webgpu');
  await studio.setNumber('Epochs', '1');
  await studio.setNumber('Batch size', '400');
  await studio.setNumber('Transfer set size', '0'); // students on every point, like the teacher
  await studio.button('Start').click();
  await expect(studio.status).toContainText('backend: webgpu', { timeout: 60_000 });
  await expect(page.locator('.backend-note')).toContainText('webgpu: chosen in the Backend menu');
  expect(await studio.waitForEnd(170_000)).toBe('Done · backend: webgpu');
  expect(await studio.lossPoints()).toBe(9); // 3 phases × ceil(1080 / 400) steps
  // Floors the recipe reaches (one epoch of three batches is far from converged, yet well above chance, 33 %), so a
  // WebGPU kernel that computes nonsense turns this red.
  expect(await studio.accuracy('Teacher')).toBeGreaterThan(0.45);
  expect(await studio.accuracy('Student from scratch')).toBeGreaterThan(0.4);
  expect(await studio.accuracy('Distilled student')).toBeGreaterThan(0.4);
});
