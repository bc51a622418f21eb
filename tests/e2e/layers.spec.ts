import { test, expect } from './fixtures';

test('the student layer editor adds a layer, blocks Start while invalid and trains the custom student', async ({ studio, page }) => {
  await page.getByRole('button', { name: 'Edit layers of the student' }).click();
  const editor = page.getByRole('group', { name: 'Student layers' });
  await expect(page.getByRole('combobox', { name: 'Student', exact: true })).toHaveValue('custom');
  await expect(editor.getByText('MLP 2→8→3 · 51 parameters', { exact: false })).toBeVisible();
  await expect(editor.getByRole('listitem', { name: 'Student output layer' })).toContainText('output: 3 classes');

  await editor.getByRole('button', { name: 'Add layer' }).click();
  const width = editor.getByRole('spinbutton', { name: 'Student layer 2 width' });
  await expect(width).toHaveValue('8');
  await width.fill('16');
  await expect(editor.getByText(/MLP 2→8→16→3 · 219 parameters/)).toBeVisible();
  await expect(editor.getByRole('listitem', { name: 'Student layer 2' })).toContainText('→ 16 · 144 params');

  await width.fill('0');
  await expect(editor.getByRole('alert')).toHaveText('Student: Hidden layer 2: width must be a whole number ≥ 1 (got 0).');
  await expect(studio.button('Start')).toBeDisabled();
  await width.fill('16');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await expect(studio.button('Start')).toBeEnabled();

  // The edited student survives a reload (validated local storage).
  await studio.setNumber('Epochs', '2');
  await page.reload();
  await expect(studio.status).toContainText('Ready');
  await expect(page.getByRole('group', { name: 'Student layers' }).getByText(/219 parameters/)).toBeVisible();

  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  const table = page.getByRole('region', { name: 'Results' }).getByRole('table');
  for (const row of ['Student from scratch', 'Distilled student']) {
    await expect(table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').first()).toHaveText('219');
  }
});

test('a CNN kernel larger than its input is reported inline and blocks Start', async ({ studio, page }) => {
  await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption('mnist');
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption({ label: 'Custom…' });
  const editor = page.getByRole('group', { name: 'Teacher layers' });
  await expect(editor.getByRole('listitem', { name: 'Teacher layer 1' })).toContainText('→ 26×26×32 · 320 params');
  await expect(editor.getByRole('listitem', { name: 'Teacher layer 3' })).toContainText('→ 11×11×64');
  await expect(editor.getByRole('listitem', { name: 'Teacher output layer' })).toContainText('output: 10 classes');

  const kernel = editor.getByRole('spinbutton', { name: 'Teacher layer 3 kernel' });
  await kernel.fill('30');
  await expect(editor.getByRole('alert')).toHaveText('Teacher: Layer 3 (conv): a 30×30 kernel does not fit the 13×13 input it gets.');
  // The inline problem follows the language: Chinese after a switch, the same English sentence after switching back.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('group', { name: '教师模型的网络层' }).getByRole('alert')).toHaveText(
    '教师模型：第 3 层（conv）：30×30 的卷积核放不进它得到的 13×13 输入。',
  );
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(editor.getByRole('alert')).toHaveText('Teacher: Layer 3 (conv): a 30×30 kernel does not fit the 13×13 input it gets.');
  await expect(editor.getByRole('listitem', { name: 'Teacher layer 3' })).toContainText('cannot be built');
  await expect(studio.button('Start')).toBeDisabled();
  await kernel.fill('3');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await expect(studio.button('Start')).toBeEnabled();

  // Keyboard: change a layer's type, then remove it; batch norm changes the parameter count.
  const type = editor.getByRole('combobox', { name: 'Teacher layer 7 type' });
  await type.selectOption('conv');
  await expect(editor.getByRole('alert')).toContainText('Layer 7 (conv): a convolution must come before any flatten or dense layer.');
  await expect(studio.button('Start')).toBeDisabled();
  await editor.getByRole('button', { name: 'Remove teacher layer 7' }).press('Enter');
  await expect(editor.getByRole('listitem', { name: /^Teacher layer \d+$/ })).toHaveCount(6);
  await expect(studio.button('Start')).toBeEnabled();
  await editor.getByRole('checkbox', { name: 'Teacher layer 1 batch norm' }).press('Space');
  await expect(editor.getByRole('listitem', { name: 'Teacher layer 1' })).toContainText('→ 26×26×32 · 416 params');

  await editor.getByRole('button', { name: 'Reset to preset' }).click();
  await expect(editor.getByRole('listitem', { name: /^Teacher layer \d+$/ })).toHaveCount(7);
  await page.getByRole('combobox', { name: 'Teacher', exact: true }).selectOption({ index: 0 });
  await expect(editor).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit layers of the teacher' })).toBeVisible();
});
