import { expect, test } from './fixtures';

/** The row headers of the results table, in order. */
async function resultRows(page: import('@playwright/test').Page): Promise<string[]> {
  const table = page.getByRole('region', { name: 'Results' }).getByRole('table');
  return table.locator('tbody th[scope="row"]').allTextContents();
}

/** Test accuracy text (e.g. "97.3%") of the results row named `row`. */
async function accuracyOf(page: import('@playwright/test').Page, row: string): Promise<string> {
  const table = page.getByRole('region', { name: 'Results' }).getByRole('table');
  return (await table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').nth(1).textContent()) ?? '';
}

/** The parameter count shown in the results row named `row`. */
async function paramsOf(page: import('@playwright/test').Page, row: string): Promise<string> {
  const table = page.getByRole('region', { name: 'Results' }).getByRole('table');
  return (await table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').nth(0).textContent()) ?? '';
}

test('the ensemble path runs once: each teacher’s accuracy and the ensemble’s, teacher 2 of its own preset, and the settings travel in the link', async ({ studio, page }) => {
  await studio.setNumber('Teachers in the ensemble', '3');
  await expect(page.getByRole('combobox', { name: 'Teacher 3 model', exact: true })).toHaveValue('same');
  await page.getByRole('combobox', { name: 'Teacher 2 model', exact: true }).selectOption('mlp-128-128');
  await studio.setNumber('Epochs', '3');
  const hash = await studio.linkWith('ensemble=3', 'ensembleModels=mlp-128-128,same', 'epochs=3');

  await studio.button('Start').click();
  expect(await studio.waitForEnd(150_000)).toMatch(/^Done/);
  await studio.view('Train');
  expect(await resultRows(page)).toEqual([
    'Teacher 1 of the ensemble',
    'Teacher 2 of the ensemble',
    'Teacher 3 of the ensemble',
    'Ensemble of 3 teachers (averaged)',
    'Student from scratch',
    'Distilled student',
  ]);
  for (const row of ['Teacher 1 of the ensemble', 'Teacher 2 of the ensemble', 'Teacher 3 of the ensemble', 'Ensemble of 3 teachers']) {
    expect(await accuracyOf(page, row)).toMatch(/^\d+(\.\d+)?\s?%$/);
  }
  // The default teacher (MLP 64·64: 4,547 parameters) twice, and teacher 2 as MLP 128·128: (2·128 + 128) + (128·128 + 128) + (128·3 + 3).
  expect([await paramsOf(page, 'Teacher 1 of the ensemble'), await paramsOf(page, 'Teacher 2 of the ensemble'), await paramsOf(page, 'Teacher 3 of the ensemble')]).toEqual(['4,547', '17,283', '4,547']);
  expect(await paramsOf(page, 'Ensemble of 3 teachers')).toBe('26,377');

  const fresh = await page.context().newPage();
  await fresh.goto(`/${hash}`);
  await expect(fresh.locator('.status-area').getByRole('status')).toContainText('Ready');
  await expect(fresh.getByLabel('Teachers in the ensemble', { exact: true })).toHaveValue('3');
  await expect(fresh.getByRole('combobox', { name: 'Teacher 2 model', exact: true })).toHaveValue('mlp-128-128');
});

test('the assistant path runs once: the results table shows all four models, and the assistant travels in the link', async ({ studio, page }) => {
  await page.getByRole('checkbox', { name: 'Teaching assistant', exact: true }).check();
  await page.getByRole('combobox', { name: 'Assistant model', exact: true }).selectOption('mlp-16');
  await studio.setNumber('Epochs', '3');
  const hash = await studio.linkWith('ta=1', 'epochs=3');

  await studio.button('Start').click();
  expect(await studio.waitForEnd(150_000)).toMatch(/^Done/);
  await studio.view('Train');
  expect(await resultRows(page)).toEqual(['Teacher', 'Teaching assistant', 'Student from scratch', 'Distilled student']);
  expect(await accuracyOf(page, 'Teaching assistant')).toMatch(/^\d+(\.\d+)?\s?%$/);
  // Its own curves: the loss chart and the accuracy chart name it in their legends.
  await expect(page.getByRole('figure', { name: 'Loss curves' }).getByText('teaching assistant (distillation total)', { exact: true })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Accuracy curves' }).getByText('teaching assistant', { exact: true })).toBeVisible();

  const fresh = await page.context().newPage();
  await fresh.goto(`/${hash}`);
  await expect(fresh.locator('.status-area').getByRole('status')).toContainText('Ready');
  await expect(fresh.getByRole('checkbox', { name: 'Teaching assistant', exact: true })).toBeChecked();
  await expect(fresh.getByRole('combobox', { name: 'Assistant model', exact: true })).toHaveValue('mlp-16');
});
