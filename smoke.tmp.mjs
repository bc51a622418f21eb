import { chromium } from '@playwright/test';
const webgpu = process.argv[2] === 'webgpu';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless=new','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic', ...(webgpu ? ['--enable-unsafe-webgpu'] : [])] });
const page = await browser.newPage();
page.on('console', m => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
page.on('pageerror', e => console.log('PAGEERROR', e.message));
await page.goto('http://localhost:4173'); const tl = Date.now(); await page.getByText(/Ready · backend/).waitFor({timeout: 60000}); console.log('prepared after', Date.now() - tl, 'ms:', await page.getByRole('status').textContent());
if (process.argv[3]) await page.getByRole('combobox', { name: 'Backend' }).selectOption(process.argv[3]);
if (process.argv[4]) await page.getByLabel('Epochs').fill(process.argv[4]);
const t0 = Date.now();
await page.getByRole('button', { name: 'Start' }).click();
for (let i = 0; i < 120; i++) {
  await page.waitForTimeout(i < 10 ? 200 : 1000);
  const st = await page.getByRole('status').textContent();
  const pts = await page.getByText(/loss points/).textContent();
  console.log(((Date.now()-t0)/1000).toFixed(0), st, '|', pts);
  if (/^(Done|Failed|Stopped)/.test(st)) break;
}
console.log(await page.locator('.backend-note').textContent().catch(() => 'no backend note'));
console.log(await page.locator('.results').textContent().catch(() => 'no results'));
console.log(await page.locator('[role=alert]').allTextContents());
await page.screenshot({ path: '/tmp/shot.png', fullPage: true });
await browser.close();
