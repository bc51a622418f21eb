import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** The method comparison's table region and its chart. */
const table = (page: Page) => page.getByRole('region', { name: 'Method comparison', exact: true });
const chart = (page: Page) => page.getByRole('figure', { name: 'Method comparison chart' });

test('a 3-method comparison on a toy set runs to the end and shows the table and chart', async ({ studio, page }) => {
  await page.getByRole('checkbox', { name: 'Compare methods' }).check();
  const methods = page.getByRole('group', { name: 'Methods to compare' });
  // The default three: KL, MSE and DKD; AT is not offered for the spiral's MLPs.
  await expect(methods.getByRole('checkbox', { name: 'KL (Hinton)' })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'MSE on logits' })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'DKD' })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'Attention transfer (AT)' })).toBeDisabled();
  await studio.setNumber('Seeds per method', '2');
  await studio.setNumber('Epochs', '4');
  // Scratch seed 2; KL and DKD: 3 grid values + seed 2; MSE: 1 + seed 2.
  await expect(page.getByText('11 students to train after the main run.')).toBeVisible();
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);

  const rows = table(page).getByRole('row');
  await expect(rows).toHaveCount(5); // header, scratch, 3 methods
  await expect(table(page).getByRole('heading')).toHaveText('Method comparison over 2 seeds');
  const kl = table(page).getByRole('row', { name: /^KL \(Hinton\)/ });
  await expect(kl).toContainText(/T = [124] \(chosen on validation from T = 1, T = 2, T = 4\)/);
  await expect(kl).toContainText('2/2');
  await expect(kl).toContainText(/\d+\.\d% ± \d+\.\d/);
  await expect(kl).toContainText(/(\+|−|±)\d+\.\d ± \d+\.\d/);
  await expect(table(page).getByRole('row', { name: /^MSE on logits/ })).toContainText('— (no setting to choose)');
  await expect(table(page).getByRole('row', { name: /^Scratch/ })).toContainText('2/2');
  await expect(table(page).getByRole('status')).toHaveText(/(wins: it beats every other method|within the seed-to-seed spread of it: no winner)/);

  await expect(chart(page).locator('.recharts-bar-rectangle')).toHaveCount(3);
  await expect(chart(page).locator('.recharts-errorBar')).toHaveCount(3);
  await expect(chart(page).locator('.recharts-reference-line')).toHaveCount(1);

  // The controls, the table and the chart have no serious or critical accessibility problems.
  const { violations } = await new AxeBuilder({ page }).include('section[aria-label="Method comparison"]').include('figure[aria-label="Method comparison chart"]').include('.controls').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});

test('a link restores a comparison, which runs and stays in the history', async ({ studio, page }) => {
  await page.goto('/#compare=1&methods=kl,rkd&compareSeeds=2&epochs=3');
  await expect(studio.status).toContainText('Ready');
  await expect(page.getByRole('checkbox', { name: 'Compare methods' })).toBeChecked();
  const methods = page.getByRole('group', { name: 'Methods to compare' });
  await expect(methods.getByRole('checkbox', { name: 'KL (Hinton)' })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'RKD' })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'MSE on logits' })).not.toBeChecked();
  await expect(page.getByLabel('Seeds per method', { exact: true })).toHaveValue('2');

  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await expect(table(page).getByRole('row')).toHaveCount(4); // header, scratch, KL, RKD
  const rkd = table(page).getByRole('row', { name: /^RKD/ });
  await expect(rkd).toContainText(/β = (5|25) \(angle (10|50)\)/);
  const rkdText = (await rkd.textContent()) ?? '';

  // The saved run shows the same comparison.
  await page.reload();
  await expect(studio.status).toContainText('Ready');
  await studio.view('History');
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /^Open / }).first().click();
  await studio.view('Train');
  await expect(table(page).getByRole('row', { name: /^RKD/ })).toHaveText(rkdText);
  await expect(chart(page).locator('.recharts-bar-rectangle')).toHaveCount(2);
});

test('the lesson "Which method, and when?" sets up a comparison of every method the spiral allows', async ({ studio, page }) => {
  await page.getByLabel('Lesson', { exact: true }).selectOption('whichMethod');
  const card = page.getByRole('region', { name: 'Which method, and when?', exact: true });
  await expect(card.getByText(/plain KL student has the highest mean/)).toBeVisible();
  await card.getByRole('button', { name: /^Part 1: / }).click();
  await expect(card.getByText('Part 1 applied: press Start to run it.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Compare methods' })).toBeChecked();
  const methods = page.getByRole('group', { name: 'Methods to compare' });
  for (const name of ['KL (Hinton)', 'MSE on logits', 'DKD', 'Standardised KL', 'RKD']) await expect(methods.getByRole('checkbox', { name })).toBeChecked();
  await expect(methods.getByRole('checkbox', { name: 'Attention transfer (AT)' })).not.toBeChecked();
  await expect(page.getByLabel('Seeds per method', { exact: true })).toHaveValue('3');
  await expect(page.getByLabel('Transfer set size', { exact: true })).toHaveValue('0');
  await expect(studio.status).toContainText('Ready');
});

test('attention-transfer and RKD terms are drawn as their own loss curves', async ({ studio, page }) => {
  await page.goto('/#rkd=1&rkdD=5&rkdA=10&epochs=2');
  await expect(studio.status).toContainText('Ready');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  const loss = page.getByRole('figure', { name: 'Loss curves' });
  await expect(loss.getByText('RKD: distance + angle')).toBeVisible();
  await expect(loss.getByText('AT: β·attention maps')).toHaveCount(0);
  // Teacher, scratch, distilled total, soft, hard and RKD.
  await expect(loss.locator('.recharts-line')).toHaveCount(6);
});
