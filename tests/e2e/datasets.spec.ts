import { test, expect } from './fixtures';

test('Toy sets are drawn as a scatter plot that follows the settings', async ({ studio, page }) => {
  await studio.view('Data');
  const plot = page.getByRole('figure', { name: 'Dataset' });
  await expect(plot.getByRole('img')).toHaveAccessibleName(/1200 training points \(filled\) and 300 test points \(rings\) in 3 classes/);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('moons');
  await studio.setNumber('Samples', '500');
  await expect(plot.getByRole('heading')).toHaveText('Two moons');
  await expect(plot.getByRole('img')).toHaveAccessibleName(/400 training points .* 100 test points .* in 2 classes/);
});

test('MNIST CNN teacher preset on WASM (Auto’s choice without a GPU): beats chance clearly, no missing kernel, reports latency', async ({ studio, page }) => {
  // One run for what two runs checked before (Auto on a small CNN; the CNN preset forced to WASM): Auto picks WASM
  // here, so it trains the full CNN teacher preset on WASM (its own conv filter gradient). Every wait below can fire
  // inside the test's own timeout: 90 s for the backend, 240 s for the run, with room for the page steps between.
  test.setTimeout(400_000);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('mnist');
  await expect(page.getByRole('combobox', { name: 'Teacher' })).toHaveValue('cnn-32-64-128');
  await page.getByRole('combobox', { name: 'Student' }).selectOption('mlp-100');
  await studio.setNumber('Epochs', '1');
  await studio.setNumber('Batch size', '64');
  await studio.setNumber('Learning rate', '0.002');
  await studio.setNumber('Transfer set size', '2000');
  // Without a hardware GPU, Auto trains CNNs on WASM, on every core of the isolated page.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(studio.status).toContainText('backend: wasm', { timeout: 90_000 });
  await expect(page.locator('.backend-note')).toContainText(/^Backend wasm · \d+ threads? \(cross-origin isolated\)/);
  await studio.button('Start').click();
  await studio.view('Data');
  const gallery = page.getByRole('region', { name: 'Gallery' });
  await expect(gallery.getByRole('heading')).toContainText('8,000 training and 2,000 test images', { timeout: 60_000 });
  await expect(gallery.getByRole('img', { name: '7, example 1' })).toBeVisible();
  expect(await studio.waitForEnd(240_000)).toMatch(/^Done · backend: wasm$/);
  await expect(page.getByText(/lacks a kernel/)).toHaveCount(0);
  expect(await studio.accuracy('Teacher')).toBeGreaterThan(0.9);
  expect(await studio.accuracy('Distilled student')).toBeGreaterThan(0.6);
  await expect(page.getByText('The teacher trained on 7,200 examples; each student on 2,000. 800 training examples were held out as the validation set.')).toBeVisible();
  const speed = page.getByRole('region', { name: 'Inference speed' });
  await expect(speed.getByRole('row', { name: /^256 / })).toContainText('×');
});
