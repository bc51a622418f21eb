import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Expected control values after applying a lesson's part. */
interface Shown {
  dataset: string;
  temperature?: string;
  alpha?: string;
  softTerm?: string;
  t2?: boolean;
  student?: string;
  transfer?: string;
  excluded?: string;
  seeds?: string;
}

/** Checks the controls show a lesson part's values. */
async function expectControls(page: Page, s: Shown): Promise<void> {
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue(s.dataset);
  if (s.temperature) await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', s.temperature);
  if (s.alpha) await expect(page.getByRole('slider', { name: 'Alpha' })).toHaveAttribute('aria-valuetext', s.alpha);
  if (s.softTerm) await expect(page.getByRole('combobox', { name: 'Soft term', exact: true })).toHaveValue(s.softTerm);
  if (s.t2 !== undefined) {
    const box = page.getByRole('checkbox', { name: 'Multiply the soft term by T²' });
    if (s.t2) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  if (s.student) await expect(page.getByRole('combobox', { name: 'Student', exact: true })).toHaveValue(s.student);
  if (s.transfer) await expect(page.getByLabel('Transfer set size', { exact: true })).toHaveValue(s.transfer);
  if (s.excluded !== undefined) await expect(page.getByLabel('Classes left out of the transfer set', { exact: true })).toHaveValue(s.excluded);
  if (s.seeds) await expect(page.getByLabel('Seeds', { exact: true })).toHaveValue(s.seeds);
}

/** Moves the Lesson menu one entry down with the keyboard and checks the card that opens. */
async function nextLesson(page: Page, title: string, explanation: RegExp) {
  await page.getByLabel('Lesson', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  const card = page.getByRole('region', { name: title, exact: true });
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  await expect(card.getByText(explanation)).toBeVisible();
  return card;
}

/** Applies part `n` of the open lesson with the keyboard. */
async function applyPart(card: ReturnType<Page['getByRole']>, page: Page, n: number) {
  await card.getByRole('button', { name: new RegExp(`^Part ${n}: `) }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByText(`Part ${n} applied: press Start to run it.`)).toBeVisible();
}

test('every lesson is chosen from the Lessons menu with the keyboard and its parts set the controls', async ({ studio, page }) => {
  let card = await nextLesson(page, 'What is temperature?', /Dividing the logits by a temperature T/);
  await expect(card.getByText('Look at: the temperature explorer.')).toBeVisible();
  await studio.setNumber('Epochs', '7');
  await applyPart(card, page, 1);
  await expectControls(page, { dataset: 'spiral', temperature: 'T = 4.0', alpha: 'α = 0.70', softTerm: 'kl', t2: true, student: 'mlp-8' });
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('15');
  await expect(studio.status).toContainText('Ready'); // applying a part never starts a run

  card = await nextLesson(page, 'Does distillation beat training from scratch?', /The lesson is both halves/);
  await applyPart(card, page, 1);
  await expectControls(page, { dataset: 'mnist', temperature: 'T = 20.0', alpha: 'α = 0.90', student: 'mlp-800-800', transfer: '1000', seeds: '3' });
  await applyPart(card, page, 2);
  await expectControls(page, { dataset: 'mnist', student: 'mlp-32', transfer: '1000', seeds: '3' });

  card = await nextLesson(page, 'Hinton 2015: the omitted digit', /never see a single 3/);
  await expect(card.getByText('Look at: the bias-correction panel.')).toBeVisible();
  await applyPart(card, page, 1);
  await expectControls(page, { dataset: 'mnist', temperature: 'T = 20.0', excluded: '3', transfer: '0', seeds: '1' });

  card = await nextLesson(page, 'Why T²?', /shrink as 1\/T²/);
  await applyPart(card, page, 1);
  await expectControls(page, { dataset: 'spiral', temperature: 'T = 20.0', t2: false, excluded: '' });
  await applyPart(card, page, 2);
  await expectControls(page, { dataset: 'spiral', temperature: 'T = 20.0', t2: true });

  card = await nextLesson(page, 'Logits vs probabilities', /Ba & Caruana \(2014\)/);
  await applyPart(card, page, 2);
  await expectControls(page, { dataset: 'spiral', softTerm: 'mse', t2: true });
  await applyPart(card, page, 1);
  await expectControls(page, { dataset: 'spiral', softTerm: 'kl' });

  await card.getByRole('button', { name: 'Close lesson' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByLabel('Lesson', { exact: true })).toHaveValue('');
});

test('decision boundaries of all three models are drawn and change from epoch to epoch', async ({ studio, page }) => {
  const card = await nextLesson(page, 'What is temperature?', /Dividing the logits/);
  await applyPart(card, page, 1);
  await studio.setNumber('Epochs', '3');
  await studio.setNumber('Samples', '3000');
  // Record every distinct picture of each map, with the epoch its description names, on every animation frame.
  await page.evaluate(() => {
    const seen: Record<string, Record<string, [number, number]>> = {};
    (window as Window & { __maps?: typeof seen }).__maps = seen;
    const tick = () => {
      document.querySelectorAll<HTMLCanvasElement>('canvas[aria-label*="decision boundary after epoch"]').forEach((c) => {
        const label = c.getAttribute('aria-label') ?? '';
        const [, model, epoch] = /^(.*) decision boundary after epoch (\d+)/.exec(label) ?? [];
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let hash = 0;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
          hash = (Math.imul(hash, 31) + d[i]! + 7 * d[i + 1]! + 13 * d[i + 2]!) >>> 0;
          if (d[i]! < 245 || d[i + 1]! < 245 || d[i + 2]! < 245) coloured++;
        }
        (seen[model!] ??= {})[epoch!] = [hash, coloured / (d.length / 4)];
      });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // The maps are drawn while their view is open (a closed view renders nothing).
  await studio.view('Data');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);

  const region = page.getByRole('region', { name: 'Decision boundaries' });
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) {
    await expect(region.getByText(`${model} · epoch 3`, { exact: true })).toBeVisible();
    await expect(region.getByRole('img', { name: new RegExp(`^${model} decision boundary after epoch 3: arm 0 \\d+ %, arm 1 \\d+ %, arm 2 \\d+ %`) })).toBeVisible();
  }
  const maps = await page.evaluate(() => (window as Window & { __maps?: Record<string, Record<string, [number, number]>> }).__maps!);
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) {
    const byEpoch = maps[model] ?? {};
    const epochs = Object.keys(byEpoch).map(Number).sort((a, b) => a - b);
    console.log(`[metrics] ${model}: maps seen after epochs ${epochs.join(', ')}`);
    expect(epochs.length, model).toBeGreaterThanOrEqual(2);
    // Not blank: every pixel of the map is tinted by some class colour (white is never drawn).
    for (const e of epochs) expect(byEpoch[e]![1], `${model} epoch ${e}`).toBeGreaterThan(0.95);
    // The picture changes as the model trains.
    expect(byEpoch[epochs[0]!]![0], model).not.toBe(byEpoch[epochs[epochs.length - 1]!]![0]);
  }
});
