// The studio imports what an exported script wrote in PyTorch: its teacher through "Teacher: load a pretrained
// model…" and its run through History → Import. Part of `npm run test:pytorch` only (it needs the files the
// PyTorch suite wrote under $DISTILL_PYTORCH_OUT); the settings are those of the spiral scenario there.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Studio } from '../e2e/fixtures';

const RUN = join(process.env.DISTILL_PYTORCH_OUT ?? join(tmpdir(), 'distill-pytorch-out'), 'spiral-1p');
/** The spiral scenario's data settings (tests/unit/pytorchSpecs.ts): same data, same split as the script's. */
const SETTINGS = '#dataset=spiral&samples=600&noise=0.05&seed=11&epochs=1';

interface Report {
  runs: { name: string; results: { teacher: { accuracy: number }; scratch: { accuracy: number }; distilled: { accuracy: number } } }[];
}
const report = () => JSON.parse(readFileSync(join(RUN, 'report.json'), 'utf8')) as Report;
const pct = (a: number) => `${(a * 100).toFixed(1)}%`;

test('the teacher PyTorch trained loads as the studio’s teacher and scores what PyTorch measured on the same test set', async ({ page }) => {
  const studio = new Studio(page);
  await page.goto(`/${SETTINGS}`);
  await expect(studio.status).toContainText('Ready');
  const teacher = join(RUN, 'teacher_tfjs');
  await page.getByLabel('Pretrained teacher files').setInputFiles([join(teacher, 'model.json'), join(teacher, 'weights.bin')]);
  // 2 → 64 → 64 → 3: (2·64 + 64) + (64·64 + 64) + (64·3 + 3) = 4,547 parameters.
  await expect(page.getByText(/^In use: model\.json · 4,?547 parameters · Dense → Dense → Dense$/)).toBeVisible();
  await studio.button('Start').click();
  const expected = report().runs[0]!.results.teacher.accuracy;
  await expect(page.getByText(`Loaded teacher’s test accuracy: ${pct(expected)} (not retrained)`)).toBeVisible();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(await studio.accuracy('Teacher')).toBeCloseTo(expected, 3);
});

test('the PyTorch run imports through History → Import and opens next to the tab’s runs', async ({ page }) => {
  const studio = new Studio(page);
  await page.goto(`/${SETTINGS}`);
  await expect(studio.status).toContainText('Ready');
  await studio.view('History');
  const history = page.getByRole('region', { name: 'History' });
  await history.getByLabel('Import history (.json)').setInputFiles(join(RUN, 'report.json'));
  await expect(history.getByText('Imported 1 run(s); 0 were already in the history.')).toBeVisible();
  const { name, results } = report().runs[0]!;
  const saved = history.getByRole('table', { name: /^Saved runs/ });
  await expect(saved.getByRole('row', { name: new RegExp(`^${name.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toContainText(pct(results.distilled.accuracy));
  await history.getByRole('button', { name: /^Open PyTorch/ }).click();
  await expect(history.getByText(/^Viewing saved run PyTorch/)).toBeVisible();
  expect(await studio.accuracy('Teacher')).toBeCloseTo(results.teacher.accuracy, 3);
  expect(await studio.accuracy('Student from scratch')).toBeCloseTo(results.scratch.accuracy, 3);
  expect(await studio.accuracy('Distilled student')).toBeCloseTo(results.distilled.accuracy, 3);
  // The per-step losses and the T change (the script's schedule, as a mark) come back with it.
  expect(await studio.lossPoints()).toBeGreaterThan(0);
});
