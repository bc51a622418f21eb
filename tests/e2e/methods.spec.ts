import { expect, test } from './fixtures';

test('DKD with standardised logits and RKD run to the end, and their settings travel in the link', async ({ studio, page }) => {
  const combo = (name: string) => page.getByRole('combobox', { name, exact: true });
  const check = (name: string) => page.getByRole('checkbox', { name, exact: true });
  // Attention transfer needs CNNs: with the default MLPs it cannot be ticked, and the controls say why.
  await expect(check('Add attention transfer (Zagoruyko & Komodakis 2017)')).toBeDisabled();
  await expect(page.getByText('Attention transfer needs a CNN teacher and a CNN student: an MLP has no spatial attention map.')).toBeVisible();

  await combo('Soft term').selectOption('dkd');
  await studio.setNumber('DKD other-class weight β_DKD', '4');
  await studio.setNumber('DKD warm-up (epochs)', '2');
  await check('Standardise logits before the softmax (Sun et al. 2024)').check();
  await check('Add relational KD (RKD, Park et al. 2019)').check();
  await studio.setNumber('RKD angle weight', '20');
  await studio.setNumber('Epochs', '4');
  const hash = await studio.linkWith('soft=dkd', 'dkdB=4', 'dkdWarm=2', 'ls=1', 'rkd=1', 'rkdA=20', 'epochs=4');

  await studio.button('Start').click();
  expect(await studio.waitForEnd(120_000)).toMatch(/^Done/);

  // The link restores them in a fresh page (another tab: the same page would only change its hash).
  const fresh = await page.context().newPage();
  await fresh.goto(`/${hash}`);
  await expect(fresh.locator('.status-area').getByRole('status')).toContainText('Ready');
  await expect(fresh.getByRole('combobox', { name: 'Soft term', exact: true })).toHaveValue('dkd');
  await expect(fresh.getByLabel('DKD other-class weight β_DKD', { exact: true })).toHaveValue('4');
  await expect(fresh.getByLabel('DKD warm-up (epochs)', { exact: true })).toHaveValue('2');
  await expect(fresh.getByRole('checkbox', { name: 'Standardise logits before the softmax (Sun et al. 2024)', exact: true })).toBeChecked();
  await expect(fresh.getByRole('checkbox', { name: 'Add relational KD (RKD, Park et al. 2019)', exact: true })).toBeChecked();
  await expect(fresh.getByLabel('RKD angle weight', { exact: true })).toHaveValue('20');
});
