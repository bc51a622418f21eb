import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Studio } from './fixtures';
import { tf } from './loadModel';

type Hooks = { crashWorker: () => void; terminateWorker: () => void };
const STEPS = 34; // ceil(1080 training points (1200, 10 % held out for validation) / batch 32)

/** The earlier default recipe (students on every point, batch 32), so each phase has STEPS steps an epoch. */
async function everyPointAtBatch32(studio: Studio): Promise<void> {
  await studio.setNumber('Transfer set size', '0');
  await studio.setNumber('Batch size', '32');
}

/** Records every text the status line shows from now on (a MutationObserver in the page). */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Window & { __statusTexts?: string[] };
    w.__statusTexts = [];
    const read = () => {
      const text = document.querySelector('[role="status"]')?.textContent ?? '';
      if (w.__statusTexts![w.__statusTexts!.length - 1] !== text) w.__statusTexts!.push(text);
    };
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** The epochs the status line showed while running `phase`. */
async function epochsShown(page: Page, phase: string): Promise<number[]> {
  const texts = await page.evaluate(() => (window as Window & { __statusTexts?: string[] }).__statusTexts ?? []);
  return texts.map((t) => new RegExp(`^Running ${phase}, epoch (\\d+) of`).exec(t)).flatMap((m) => (m ? [Number(m[1])] : []));
}

/** Waits until at least one epoch of the run has finished (so a checkpoint exists). */
async function afterFirstEpoch(studio: Studio, epochs: number): Promise<void> {
  await expect(studio.status).toHaveText(new RegExp(`^Running (teacher training, epoch ([2-9]|\\d\\d)|scratch student training|distillation).* of ${epochs}`));
}

test('a run interrupted by a reload resumes from its checkpoint: the epochs continue and it finishes', async ({ studio, page }) => {
  await studio.setNumber('Epochs', '6');
  await everyPointAtBatch32(studio);
  await studio.button('Start').click();
  await expect(studio.status).toHaveText(/^Running (teacher training, epoch [3-6]|scratch student training|distillation).* of 6/);
  await page.reload();
  const region = page.getByRole('region', { name: 'Run recovery' });
  const resume = region.getByRole('button', { name: /^Resume run \((teacher training|scratch student training|distillation), epoch [1-6] of 6\)$/ });
  await expect(resume).toBeVisible();
  await expect(region.getByRole('button', { name: 'Discard', exact: true })).toBeVisible();
  const [, phase, saved] = /\((.+), epoch (\d) of 6\)/.exec((await resume.textContent()) ?? '')!;
  const k = Number(saved);
  await recordStatus(page);
  await resume.click();
  // The curves up to the checkpoint are back at once.
  expect(await studio.lossPoints()).toBeGreaterThanOrEqual(k * STEPS);
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  // The resumed phase went on at epoch k + 1, never back to 1 …
  const shown = await epochsShown(page, phase!);
  if (k < 6) expect(Math.min(...shown)).toBe(k + 1);
  // … and no step was trained twice: exactly one loss point per step of the 3 phases.
  expect(await studio.lossPoints()).toBe(3 * 6 * STEPS);
  await expect(region).toHaveCount(0);
  // The continued run is the one the classroom shows: every model after its last epoch.
  await studio.view('See the dark knowledge');
  const matrices = page.getByRole('region', { name: 'Confusion matrices' });
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) {
    await expect(matrices.getByRole('table', { name: new RegExp(`^${model} after epoch 6: \\d+ of \\d+ right`) })).toBeVisible();
  }
  // A finished run leaves nothing to resume after another reload.
  await page.reload();
  await expect(studio.status).toContainText('Ready');
  await expect(page.getByRole('region', { name: 'Run recovery' })).toHaveCount(0);
});

test('a diverging run pauses with the message; Discard stops it; with a lower learning rate it resumes and finishes', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  await studio.setNumber('Learning rate', '1000000');
  await studio.setNumber('Epochs', '2');
  await studio.button('Start').click();
  await expect(studio.status).toHaveText(/^Paused by a fault during teacher training/);
  const region = page.getByRole('region', { name: 'Run recovery' });
  // Discarding the paused run stops it and leaves the studio ready for a new one (this one diverges again at once).
  expect(await studio.lossPoints()).toBeGreaterThan(0);
  await region.getByRole('button', { name: 'Discard', exact: true }).click();
  expect(await studio.waitForEnd()).toMatch(/^Stopped/);
  await expect(region).toHaveCount(0);
  await studio.button('Start').click();
  await expect(studio.status).toHaveText(/^Paused by a fault during teacher training/);
  await expect(region.getByRole('alert')).toHaveText(
    /^Loss (became NaN|became Infinity|exploded to [0-9.e+]+) at step \d+ of teacher training: try a lower learning rate\.$/,
  );
  // The curves so far stay and the settings are unlocked. It diverged within the first epoch, so it restarts from the initial weights.
  expect(await studio.lossPoints()).toBeGreaterThan(0);
  await expect(region).toContainText('No epoch had finished yet, so the run restarts from the beginning.');
  await studio.setNumber('Learning rate', '0.02');
  await expect(region.getByRole('button', { name: 'Resume with these settings' })).toBeEnabled();
  await region.getByRole('button', { name: 'Resume with these settings' }).click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Above chance (1/3) with a margin: 2 SGD epochs at rate 0.02 reached 0.523–0.577 on 7 seeds (42, 1–6; 0.553 at 42).
  expect(await studio.accuracy('Teacher')).toBeGreaterThan(0.45);
});

for (const how of ['crashWorker', 'terminateWorker'] as const) {
  test(`a worker that dies (${how}) is noticed; a new worker resumes from the checkpoint and finishes`, async ({ studio, page }) => {
    await studio.setNumber('Epochs', '4');
    await everyPointAtBatch32(studio);
    await studio.button('Start').click();
    await afterFirstEpoch(studio, 4);
    // Kill it and time (in the page) how long the status line takes to say so.
    const noticedMs = await page.evaluate(
      (h) =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          const status = document.querySelector('[role="status"]')!;
          new MutationObserver((_, obs) => {
            if (status.textContent?.startsWith('Paused by a fault')) {
              obs.disconnect();
              resolve(performance.now() - t0);
            }
          }).observe(status, { subtree: true, childList: true, characterData: true });
          (window as Window & { __distillTestHooks?: Hooks }).__distillTestHooks![h]();
        }),
      how,
    );
    await expect(studio.status).toHaveText(/^Paused by a fault during /);
    console.log(`[metrics] ${how}: the status line reported the dead worker ${noticedMs.toFixed(0)} ms after the hook call`);
    const region = page.getByRole('region', { name: 'Run recovery' });
    await expect(region.getByRole('alert')).toHaveText(
      how === 'crashWorker' ? /^The training worker crashed: .*Simulated worker crash/ : 'The training worker stopped (it was terminated or ran out of memory).',
    );
    await expect(region).toContainText(/The last good weights are kept \(after epoch \d of 4 of (teacher training|scratch student training|distillation)\)\./);
    // The settings are unlocked; one that no longer fits the saved weights is refused until changed back.
    const restart = region.getByRole('button', { name: 'Restart worker and resume from checkpoint' });
    const seed = await page.getByLabel('Seed', { exact: true }).inputValue();
    await studio.setNumber('Seed', '99');
    await expect(region.getByText(/no longer fit the saved weights \(seed changed\)/)).toBeVisible();
    await expect(restart).toBeDisabled();
    await studio.setNumber('Seed', seed);
    await expect(restart).toBeEnabled();
    await region.getByRole('button', { name: 'Restart worker and resume from checkpoint' }).click();
    expect(await studio.waitForEnd()).toMatch(/^Done/);
    expect(await studio.lossPoints()).toBe(3 * 4 * STEPS);
  });
}

/** Writes a small spiral teacher (2 inputs, 3 classes, seeded weights) as tfjs layers files made in Node; returns their paths. */
async function spiralTeacherFiles(): Promise<string[]> {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
      tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'distill-loaded-teacher-'));
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, ...rest } = artifacts;
      const bytes = new Uint8Array(weightData as ArrayBuffer);
      writeFileSync(join(dir, 'weights.bin'), bytes);
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...rest, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return [join(dir, 'model.json'), join(dir, 'weights.bin')];
}

/** The loaded teacher's accuracy line, and the teacher row it must match. */
async function loadedTeacherAccuracy(page: Page): Promise<number> {
  const line = page.getByText(/^Loaded teacher’s test accuracy: [\d.]+% \(not retrained\)$/);
  await expect(line).toBeVisible();
  return Number(/([\d.]+)%/.exec((await line.textContent()) ?? '')![1]) / 100;
}

test('a loaded teacher stays the teacher when a diverged run continues and when a reloaded run resumes (after loading it again)', async ({ studio, page }) => {
  const files = await spiralTeacherFiles();
  await page.getByLabel('Pretrained teacher files').setInputFiles(files);
  await expect(page.getByText(/^In use: model\.json · 99 parameters · Dense → Dense$/)).toBeVisible();
  await everyPointAtBatch32(studio);

  // 1. A diverging run pauses during the scratch student (the teacher is loaded, not trained) and continues with it.
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  await studio.setNumber('Learning rate', '1000000');
  await studio.setNumber('Epochs', '2');
  await studio.button('Start').click();
  await expect(studio.status).toHaveText(/^Paused by a fault during scratch student training/);
  const teacherAccuracy = await loadedTeacherAccuracy(page);
  const region = page.getByRole('region', { name: 'Run recovery' });
  await studio.setNumber('Learning rate', '0.02');
  await recordStatus(page);
  await region.getByRole('button', { name: 'Resume with these settings' }).click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(await epochsShown(page, 'teacher training')).toEqual([]);
  expect(await epochsShown(page, 'scratch student training')).toContain(2);
  expect(await studio.accuracy('Teacher')).toBeCloseTo(teacherAccuracy, 3);

  // 2. A run interrupted by a reload: the recovery panel asks for the teacher's files, and resumes with them once loaded.
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('adam');
  await studio.setNumber('Epochs', '6');
  await studio.button('Start').click();
  await expect(studio.status).toHaveText(/^Running (scratch student training, epoch [3-6]|distillation).* of 6/);
  await page.reload();
  const resume = region.getByRole('button', { name: /^Resume run \((scratch student training|distillation), epoch [1-6] of 6\)$/ });
  await expect(resume).toBeVisible();
  await expect(region.getByText(/^This run distilled from the loaded teacher model\.json, which is not loaded now/)).toBeVisible();
  await expect(resume).toBeDisabled();
  await page.getByLabel('Pretrained teacher files').setInputFiles(files);
  await expect(page.getByText(/^In use: model\.json/)).toBeVisible();
  await expect(resume).toBeEnabled();
  await recordStatus(page);
  await resume.click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(await epochsShown(page, 'teacher training')).toEqual([]);
  expect(await studio.accuracy('Teacher')).toBeCloseTo(teacherAccuracy, 3);
});
