import { expect, test } from './fixtures';

test.use({ viewport: { width: 360, height: 640 } });

test('360×640: the document is never wider than the viewport, in every view, after a run, and in large-text mode', async ({ studio, page }) => {
  const width = () => page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vp: window.innerWidth }));
  const check = async (when: string) => {
    const w = await width();
    expect(w.doc, when).toBeLessThanOrEqual(w.vp);
  };
  await check('before a run');
  await studio.setNumber('Epochs', '2');
  await studio.button('Start').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  for (const large of [false, true]) {
    if (large) await page.getByRole('checkbox', { name: 'Large text (projector)' }).check();
    for (const tab of ['Train', 'Data', 'See the dark knowledge', 'Export', 'History']) {
      await page.getByRole('tab', { name: tab }).click();
      await check(`${tab}${large ? ', large text' : ''}`);
    }
  }
});
