import { test, expect } from './fixtures';

test('Repeating with 3 seeds reports mean ± std and an honest verdict', async ({ studio, page }) => {
  await studio.setNumber('Seeds', '3');
  await studio.setNumber('Epochs', '6');
  await studio.button('Start').click();
  // No poll for the transient "seed 2 of 3" status: on a 120-point transfer set a seed's phases pass between polls.
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  const verdict = page.getByLabel('Verdict');
  await expect(verdict).toContainText(/Distillation: (\+|−|±)\d+\.\d ± \d+\.\d points over scratch \(mean ± std over 3 seeds\)/);
  await expect(verdict).toContainText(/(no clear winner|helped on every seed|helped on average|did better on)/);
  const seeds = page.getByRole('region', { name: 'Seeds' });
  await expect(seeds.getByRole('row')).toHaveCount(5); // header, 3 seeds, mean ± std
  await expect(seeds.getByRole('row', { name: /^Mean ± std/ })).toContainText('±');
});

test('A two-point temperature sweep plots two points against the scratch baseline', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Sweep' }).selectOption('temperature');
  await page.getByLabel('Temperatures', { exact: true }).fill('1, 8');
  await studio.setNumber('Epochs', '4');
  await studio.button('Start').click();
  // (The "sweep point k of 2" status lines can pass faster than a poll on WASM: assert on what stays.)
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  const chart = page.getByRole('figure', { name: 'Sweep' });
  await expect(chart.getByText('2 of 2 sweep points')).toBeVisible();
  await expect(chart.locator('.recharts-line-dot')).toHaveCount(2);
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(chart.getByText(/^scratch \d+%$/)).toBeVisible();
});

test('Moving T during distillation takes effect live and is marked on the loss chart', async ({ studio, page }) => {
  await studio.setNumber('Epochs', '60');
  await studio.setNumber('Batch size', '32'); // the earlier default: the teacher phase stays as short as it was
  // Students on every point: on the small default transfer set distillation (4 steps an epoch) is over too fast.
  await studio.setNumber('Transfer set size', '0');
  await studio.button('Start').click();
  await expect(studio.status).toContainText('Running distillation', { timeout: 90_000 });
  const slider = page.getByRole('slider', { name: 'Temperature' });
  await slider.focus();
  await page.keyboard.press('ArrowRight'); // 2 → 2.5
  await expect(slider).toHaveValue('2.5');
  const lossChart = page.getByRole('figure', { name: 'Loss curves' });
  await expect(lossChart.getByText('T=2.5, α=0.9')).toBeVisible();
  await studio.button('Stop').click();
  expect(await studio.waitForEnd()).toMatch(/^Stopped/);
});
