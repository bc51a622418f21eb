import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, Studio } from './fixtures';
import { loadLayersModelFromFiles, tf } from './loadModel';

/** Runs spiral for 2 epochs at temperature T; returns the loss points the run showed. */
async function shortRun(studio: Studio, temperature: string): Promise<number> {
  await studio.page.getByRole('slider', { name: 'Temperature' }).fill(temperature);
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  return studio.lossPoints();
}

test('finished runs are saved, survive a reload, open, compare, delete, export and import', async ({ studio, page }) => {
  const history = page.getByRole('region', { name: 'History' });
  const saved = history.getByRole('table', { name: /^Saved runs/ });
  const row = (t: string) => saved.getByRole('row', { name: new RegExp(`T=${t} ·`) });
  const action = (verb: string, t: string) => history.getByRole('button', { name: new RegExp(`^${verb} .*T=${t} ·`) });
  await studio.view('History');
  await expect(history.getByText('No finished runs yet.')).toBeVisible();

  await studio.setNumber('Epochs', '2');
  const points2 = await shortRun(studio, '2');
  const distilled2 = await studio.accuracy('Distilled student');
  await studio.view('History');
  // Saved with the distilled student's weights once the worker hands them over.
  await expect(action('Download student of', '2')).toBeVisible();
  await shortRun(studio, '8');
  await studio.view('History');
  await expect(action('Download student of', '8')).toBeVisible();

  await page.reload();
  await expect(studio.status).toContainText('Ready');
  await studio.view('History');
  await expect(saved.getByRole('row')).toHaveCount(3); // header + two runs
  await expect(saved.getByRole('row').nth(1)).toContainText('T=8'); // newest first
  await expect(row('2')).toContainText(`${(distilled2 * 100).toFixed(1)}%`);
  await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);

  // Open: the saved run's curves and results fill the main charts, clearly labelled, with a way back.
  await action('Open', '2').click();
  await expect(history.getByText(/^Viewing saved run .*T=2 ·/)).toBeVisible();
  expect(await studio.accuracy('Distilled student')).toBeCloseTo(distilled2, 5);
  expect(await studio.lossPoints()).toBe(points2);
  await expect(page.getByRole('figure', { name: 'Accuracy curves' }).locator('.recharts-line')).toHaveCount(5);
  // The worker holds no student for a saved run: the main download waits for a live run (History has its own).
  await expect(studio.button('Download student')).toBeDisabled();
  await studio.view('History');
  await history.getByRole('button', { name: 'Back to the current run' }).click();
  await expect(history.getByText(/^Viewing saved run/)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);

  // Compare the two.
  await action('Compare', '2').click();
  await expect(history.getByText('Pick one more run with “Compare” to see them side by side.')).toBeVisible();
  await action('Compare', '8').click();
  const compare = history.getByRole('region', { name: 'Comparing two saved runs' });
  const settings = compare.getByRole('table', { name: 'Settings that differ between the two runs' });
  await expect(settings.getByRole('row', { name: /^temperature/ })).toHaveText(/temperature\s*2\s*8/);
  await expect(settings.getByRole('row')).toHaveCount(2); // header + temperature: nothing else differs
  await expect(compare.getByRole('table', { name: 'Test results of the two runs' }).getByRole('row', { name: /^Distilled student accuracy/ })).toContainText(
    `${(distilled2 * 100).toFixed(1)}%`,
  );
  await expect(compare.getByRole('figure', { name: 'Accuracy curves of the two compared runs' }).locator('.recharts-line')).toHaveCount(4);
  const axe = await new AxeBuilder({ page }).include('section.history').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Delete one, with confirmation.
  await action('Delete', '2').click();
  await action('Yes, delete', '2').click();
  await expect(row('2')).toHaveCount(0);
  await expect(compare).toHaveCount(0);

  // Export the history file.
  const downloading = page.waitForEvent('download');
  await history.getByRole('button', { name: 'Export history' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('distill-studio-history.json');
  const file = join(mkdtempSync(join(tmpdir(), 'distill-history-')), 'history.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    runs: { name: string; student: { weightData: string } | null; results: { samples: { input: number[]; studentProbs: number[] }[] } }[];
  };
  expect(exported.format).toBe('distill-studio-history');
  expect(exported.runs.map((r) => r.name)).toEqual([expect.stringMatching(/T=8 ·/)]);
  expect(exported.runs[0]!.student?.weightData.length).toBeGreaterThan(0);

  // Delete the rest, then import the file: restored, and still there after a reload.
  await action('Delete', '8').click();
  await action('Yes, delete', '8').click();
  await expect(history.getByText('No finished runs yet.')).toBeVisible();
  const picker = history.getByLabel('Import history (.json)');
  await picker.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "distill-studio-hist') });
  await expect(history.getByRole('alert')).toHaveText('This file is not JSON, so it is not a Distill Studio history export. Nothing was imported.');
  await picker.setInputFiles(file);
  await expect(history.getByText('Imported 1 run(s); 0 were already in the history.')).toBeVisible();
  await expect(row('8')).toBeVisible();
  await page.reload();
  await expect(row('8')).toBeVisible();

  // The imported student (logits out) downloads as tfjs files that reproduce the softmax predictions the studio reported for that run.
  const dir = mkdtempSync(join(tmpdir(), 'distill-history-student-'));
  const saves: Promise<void>[] = [];
  const names: string[] = [];
  page.on('download', (d) => {
    names.push(d.suggestedFilename());
    saves.push(d.saveAs(join(dir, d.suggestedFilename())));
  });
  await action('Download student of', '8').click();
  await expect.poll(() => [...names].sort()).toEqual(['student.json', 'student.weights.bin']);
  await Promise.all(saves);
  const model = await loadLayersModelFromFiles(join(dir, 'student.json'), join(dir, 'student.weights.bin'));
  const samples = exported.runs[0]!.results.samples;
  expect(samples.length).toBeGreaterThan(0);
  const probs = tf.tidy(() => tf.softmax(model.predict(tf.tensor2d(samples.map((x) => x.input))) as tf.Tensor2D).arraySync());
  samples.forEach((x, i) => x.studentProbs.forEach((p, k) => expect(Math.abs(probs[i]![k]! - p)).toBeLessThan(1e-3)));
  model.dispose();

  // Rename it; the new name survives a reload.
  await action('Rename', '8').click();
  const nameField = history.getByRole('textbox', { name: /^New name for .*T=8 ·/ });
  await nameField.fill('Favourite spiral');
  await nameField.press('Enter');
  await expect(saved.getByRole('row', { name: /^Favourite spiral/ })).toBeVisible();
  await page.reload();
  await expect(history.getByRole('button', { name: 'Open Favourite spiral' })).toBeVisible();
});

test('without IndexedDB (private mode) the history warns, keeps finished runs for the session, and the studio works', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const studio = new Studio(page);
  await studio.open();
  const history = page.getByRole('region', { name: 'History' });
  await studio.view('History');
  await expect(history.getByRole('alert')).toHaveText(/^History is not being saved: this browser does not allow storage here \(The user denied permission/);
  await studio.setNumber('Epochs', '1');
  await shortRun(studio, '3');
  await studio.view('History');
  await expect(history.getByRole('table', { name: /^Saved runs/ }).getByRole('row', { name: /T=3 ·/ })).toBeVisible();
  await expect(history.getByRole('button', { name: /^Download student of .*T=3 ·/ })).toBeVisible();
});
