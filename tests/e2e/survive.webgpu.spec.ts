import { test, expect } from './fixtures';

// Runs with --enable-unsafe-webgpu: SwiftShader's software WebGPU adapter (slow, so a tiny run).

test('a lost WebGPU device mid-run: the run switches to the next backend, says so, and finishes', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('webgpu');
  await studio.setNumber('Samples', '300');
  await studio.setNumber('Epochs', '2');
  await studio.setNumber('Batch size', '60');
  await studio.setNumber('Transfer set size', '0'); // students on every point, like the teacher
  await studio.button('Start').click();
  await expect(studio.status).toContainText('backend: webgpu', { timeout: 60_000 });
  // Lose the device once the first epoch is checkpointed, well before the end.
  await expect(studio.status).toHaveText(/^Running teacher training, epoch 2 of 2 · backend: webgpu$/, { timeout: 90_000 });
  await page.evaluate(() => (window as Window & { __distillTestHooks?: { loseDevice: () => void } }).__distillTestHooks!.loseDevice());
  const status = page.getByRole('region', { name: 'Run status' });
  await expect(status).toContainText(/WebGPU device was lost; continuing on webgl (after epoch [12] of teacher training|from the start)\./, { timeout: 60_000 });
  expect(await studio.waitForEnd(170_000)).toBe('Done · backend: webgl');
  // 3 phases × 2 epochs × ceil(240 / 60) steps, each exactly once.
  expect(await studio.lossPoints()).toBe(3 * 2 * 4);
});
