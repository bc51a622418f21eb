import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Studio } from './fixtures';

/** A file of tests/fixtures. */
const fixture = (name: string) => join(fileURLToPath(new URL('../fixtures/', import.meta.url)), name);

/** Chooses "Your data" in the Dataset menu. */
async function chooseYourData(studio: Studio): Promise<void> {
  await studio.page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Your data (CSV or idx)…' });
}

/** The summary of the loaded upload. */
const summaryOf = (studio: Studio) => studio.page.getByRole('list', { name: 'Upload summary' });

/** Test accuracies of the three models, as shown in the results table. */
async function accuracies(studio: Studio): Promise<number[]> {
  return [await studio.accuracy('Teacher'), await studio.accuracy('Student from scratch'), await studio.accuracy('Distilled student')];
}

test('A CSV from disk previews, loads in the worker and trains all three models', async ({ studio, page }) => {
  await chooseYourData(studio);
  // Nothing loaded yet: Start waits for the data.
  await expect(studio.button('Start')).toBeDisabled();
  await page.getByLabel('Data file(s)').setInputFiles(fixture('three-classes.csv'));

  const preview = page.getByRole('table', { name: 'CSV preview' });
  await expect(preview.getByRole('columnheader')).toHaveText(['length', 'width', 'height', 'kind']);
  await expect(preview.getByRole('row')).toHaveCount(1 + 5);
  await expect(preview.getByRole('row').nth(1).getByRole('cell')).toHaveText(['1.480', '0.726', '0.831', 'beta']);
  await expect(preview.getByText('First 5 of 120 rows')).toBeVisible();
  const label = page.getByRole('combobox', { name: 'Label column' });
  await expect(label).toHaveValue('3'); // suggested: the last column
  await label.selectOption({ label: 'length' });
  await label.selectOption({ label: 'kind' });

  await studio.button('Use this data').click();
  await expect(summaryOf(studio)).toContainText('Classes: 3');
  await expect(summaryOf(studio)).toContainText('Samples: 120');
  await expect(summaryOf(studio)).toContainText('Train / test: 96 / 24');
  await expect(summaryOf(studio)).toContainText('Class names: alpha, beta, gamma');
  await expect(summaryOf(studio)).toContainText('3 numeric features: length, width, height');
  // Uploads have no generator settings.
  await expect(page.getByLabel('Samples', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Noise', { exact: true })).toHaveCount(0);

  await studio.setNumber('Epochs', '10');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  // Floors, not ranges: the fixture's clusters are well separated, so every model must reach 80 %.
  const acc = await accuracies(studio);
  for (const a of acc) expect(a).toBeGreaterThanOrEqual(0.8);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('A bad CSV shows the parser’s message; the page stays usable', async ({ studio, page }) => {
  await chooseYourData(studio);
  const files = page.getByLabel('Data file(s)');
  await files.setInputFiles(fixture('empty.csv'));
  await expect(page.getByRole('alert')).toHaveText('The CSV file is empty.');

  // A cell that is not a number is a missing value now: the preview names it, and nothing is refused yet.
  await files.setInputFiles(fixture('bad-non-numeric.csv'));
  await expect(page.getByRole('table', { name: 'CSV preview' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Missing values per column' })).toHaveText('width: 0 empty, 1 not a number ("abc")');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A ragged file is refused when used, with the line.
  await files.setInputFiles(fixture('bad-ragged.csv'));
  await expect(page.getByRole('table', { name: 'CSV preview' })).toBeVisible();
  await studio.button('Use this data').click();
  await expect(page.getByRole('alert')).toHaveText('Line 7 has 3 columns but the header has 4.');
  await expect(studio.button('Start')).toBeDisabled();
  // The parser's message follows the language: Chinese after a switch, the same English sentence after switching back.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('alert')).toHaveText('第 7 行有 3 列，但表头有 4 列。');
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('alert')).toHaveText('Line 7 has 3 columns but the header has 4.');

  // File names and headers are text, never HTML.
  const evil = '<img src=x onerror="window.__xss=1">';
  await files.setInputFiles({ name: '<b>x</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(`a,${evil}\n1,p\n2,q\n3,p\n4,q\n5,p\n`) });
  await expect(page.getByRole('columnheader', { name: evil })).toBeVisible();
  await expect(page.getByText('<b>x</b>.csv: choose the label column')).toBeVisible();
  expect(await page.evaluate(() => (window as Window & { __xss?: number }).__xss)).toBeUndefined();

  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('spiral');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await studio.setNumber('Epochs', '2');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
});

test('A CSV with holes: the preview counts them, says what each choice does, and both train to Done', async ({ studio, page }) => {
  await chooseYourData(studio);
  await page.getByLabel('Data file(s)').setInputFiles(fixture('with-holes.csv'));
  await expect(page.getByRole('table', { name: 'CSV preview' }).getByText('First 5 of 60 rows')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Label column' })).toHaveValue('4'); // survived
  await expect(page.getByRole('list', { name: 'Missing values per column' }).getByRole('listitem')).toHaveText([
    'age: 5 empty, 2 not a number ("NaN")',
    'fare: 1 empty, 1 not a number ("?")',
    'Label “survived”: 2 empty. Rows without a label are always dropped.',
  ]);
  const choice = page.getByRole('radiogroup', { name: 'Rows with a missing feature value' });
  const drop = choice.getByRole('radio', { name: 'Drop the 7 rows that have a missing value' });
  const fill = choice.getByRole('radio', { name: 'Fill the 8 missing cells, each with its column’s mean over the training split' });
  await expect(drop).toBeChecked();
  await expect(page.getByRole('note').filter({ hasText: 'rows will be used' })).toHaveText(
    '51 of 60 rows will be used: 2 dropped for an empty label, 7 dropped for a missing value.',
  );

  // Drop: 51 rows.
  await studio.button('Use this data').click();
  await expect(summaryOf(studio)).toContainText('Samples: 51');
  await expect(summaryOf(studio)).toContainText('Train / test: 40 / 11');
  await expect(summaryOf(studio)).toContainText('Missing values: 2 rows dropped for an empty label, 7 for a missing value.');
  await studio.setNumber('Epochs', '3');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Fill: the choice unloads the data until it is used again; 58 rows, 8 cells filled with the training means.
  await fill.check();
  await expect(page.getByRole('note').filter({ hasText: 'rows will be used' })).toHaveText(
    '58 of 60 rows will be used (2 dropped for an empty label). After the seeded 80 / 20 split, 8 cells will be filled with the mean of their column over the training rows (the test rows do not count).',
  );
  await expect(summaryOf(studio)).toHaveCount(0);
  await expect(studio.button('Start')).toBeDisabled();
  await studio.button('Use this data').click();
  await expect(summaryOf(studio)).toContainText('Samples: 58');
  await expect(summaryOf(studio)).toContainText('Train / test: 47 / 11');
  // The means of the 47 training rows' present values (seed 1), rounded for reading: the unit tests check them in full.
  await expect(summaryOf(studio)).toContainText('Missing values: 2 rows dropped for an empty label; 8 cells filled with the training-split means (age 31.03, fare 25.26).');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('An idx pair (gzip) loads with its counts and image preview, and trains', async ({ studio, page }) => {
  await chooseYourData(studio);
  await page.getByLabel('Data file(s)').setInputFiles([fixture('shapes-labels-idx1-ubyte.gz'), fixture('shapes-images-idx3-ubyte.gz')]);
  await expect(summaryOf(studio)).toContainText('Classes: 3');
  await expect(summaryOf(studio)).toContainText('Samples: 90');
  await expect(summaryOf(studio)).toContainText('Input: 8×8 grey images');
  await expect(page.getByRole('group', { name: 'Image preview' }).getByRole('img')).toHaveCount(3 * 6);

  await studio.setNumber('Epochs', '5');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  // Three shapes on 8×8 images: the teacher must clearly beat chance (33 %).
  const acc = await accuracies(studio);
  expect(acc[0]).toBeGreaterThanOrEqual(0.6);
});

test('Dropping a CSV onto the drop zone previews it', async ({ studio, page }) => {
  await chooseYourData(studio);
  const text = readFileSync(fixture('three-classes.csv'), 'utf8');
  const dataTransfer = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.getByText(/^Drop a CSV file here/).dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('table', { name: 'CSV preview' }).getByText('First 5 of 120 rows')).toBeVisible();
  await expect(page.getByText('dropped.csv: choose the label column')).toBeVisible();
});

test('A PNG renamed photo.csv is named for what it is, not previewed as a CSV', async ({ studio, page }) => {
  await chooseYourData(studio);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  await page.getByLabel('Data file(s)').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: png });
  await expect(page.getByRole('alert')).toHaveText('"photo.csv" is not a CSV text file: it looks like a PNG image.');
  await expect(page.getByRole('table', { name: 'CSV preview' })).toHaveCount(0);
  await expect(studio.button('Start')).toBeDisabled();
});
