import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Runs axe on the page; returns serious/critical violations and prints moderate ones. */
async function audit(page: Page, when: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations.filter((x) => x.impact === 'moderate' || x.impact === 'minor')) {
    console.log(`axe (${when}) ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length} nodes)`);
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} — ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe finds no serious or critical problems before and after a short run, in both languages and large-font mode', async ({ studio, page }) => {
  expect(await audit(page, 'before a run')).toEqual([]);
  await studio.setNumber('Epochs', '2');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  await expect(page.getByRole('region', { name: 'Results' })).toBeVisible();
  expect(await audit(page, 'after a run')).toEqual([]);
  // Large-font mode scales the page's text and the charts' axis ticks.
  const tick = page.getByRole('figure', { name: 'Loss curves' }).locator('.recharts-cartesian-axis-tick-value').first();
  await expect(tick).toHaveAttribute('font-size', '12');
  const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normalPx = await rootPx();
  await page.getByRole('checkbox', { name: 'Large text (projector)' }).check();
  await expect(tick).toHaveAttribute('font-size', '18');
  expect(await rootPx()).toBeCloseTo(normalPx * 1.375, 1);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('region', { name: '结果' })).toBeVisible();
  expect(await audit(page, 'after a run, 简体中文, large text')).toEqual([]);
});

test('Tab reaches Start and the sliders with a visible focus outline; Space toggles a run outside text fields', async ({ studio, page }) => {
  await studio.setNumber('Epochs', '2');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const reached: string[] = [];
  for (let i = 0; i < 60 && !(reached.includes('button:Start') && reached.includes('slider:Alpha')); i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const outline = getComputedStyle(el).outlineStyle;
      const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      const role = el instanceof HTMLInputElement && el.type === 'range' ? 'slider' : el.tagName === 'BUTTON' ? 'button' : el.tagName.toLowerCase();
      return { id: `${role}:${name.trim()}`, outline };
    });
    if (!focused) continue;
    reached.push(focused.id);
    expect(focused.outline, `${focused.id} shows a focus outline`).not.toBe('none');
  }
  expect(reached).toContain('button:Start');
  expect(reached).toContain('slider:Temperature');
  expect(reached).toContain('slider:Alpha');
  expect(reached.indexOf('button:Start')).toBeLessThan(reached.indexOf('slider:Temperature'));

  // Arrow keys move a focused slider, and Space there does not start a run.
  const alpha = page.getByRole('slider', { name: 'Alpha' });
  await expect(alpha).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(alpha).toHaveValue('0.95');
  await page.keyboard.press('Space');
  await expect(studio.status).toContainText('Ready');

  // Outside a control, Space starts a run and pauses it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await expect(studio.status).toHaveText(/^(Preparing|Running|Done)/);
  await page.keyboard.press('Space');
  await expect(studio.status).toHaveText(/^(Paused|Done)/);
  if ((await studio.status.textContent())?.startsWith('Paused')) {
    await page.keyboard.press('Space');
    await expect(studio.status).not.toHaveText(/^Paused/);
  }
  expect(await studio.waitForEnd()).toMatch(/^Done/);
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 360, height: 640 },
]) {
  test(`axe finds no serious or critical problems in light and dark mode at ${size.width}×${size.height}, after a run, in every view`, async ({ studio, page }) => {
    await page.setViewportSize(size);
    await studio.setNumber('Epochs', '2');
    await studio.button('Start').click();
    expect(await studio.waitForEnd()).toMatch(/^Done/);
    const theme = page.getByRole('combobox', { name: 'Theme' });
    for (const mode of ['light', 'dark'] as const) {
      await theme.selectOption(mode);
      await expect(page.locator('html')).toHaveAttribute('data-theme', mode);
      for (const tab of ['Train', 'See the dark knowledge', 'History']) {
        await page.getByRole('tab', { name: tab }).click();
        expect(await audit(page, `${mode}, ${tab}, ${size.width}px`)).toEqual([]);
      }
    }
    // The manual choice is remembered; "System" follows prefers-color-scheme.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
}
