#!/usr/bin/env node
// `npm run screenshot`: the README's picture of a finished run, taken from the real studio so it stays current.
// Builds the studio, serves it with `vite preview`, runs the default experiment (the spiral, one seed) in headless
// Chromium at 1280 × 720 as a user would (Start, then wait for Done), and saves the Train view as
// docs/images/studio.png. SCREENSHOT_PORT (default 4206), SCREENSHOT_OUT_DIR (default dist-screenshot) and
// SCREENSHOT_SKIP_BUILD=1 (serve an existing build of that folder) change how; CHROMIUM_PATH picks the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.SCREENSHOT_PORT ?? 4206);
const OUT_DIR = process.env.SCREENSHOT_OUT_DIR ?? 'dist-screenshot';
const TARGET = 'docs/images/studio.png';
/** The README shows the picture small; a bigger file would only slow the page down. */
const MAX_BYTES = 300 * 1024;
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (process.env.SCREENSHOT_SKIP_BUILD !== '1') {
  const build = spawnSync(npx, ['vite', 'build', '--logLevel', 'warn', '--outDir', OUT_DIR, '--emptyOutDir'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const server = spawn(npx, ['vite', 'preview', '--outDir', OUT_DIR, '--strictPort', '--port', String(PORT)], { stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);
let up = false;
for (let i = 0; i < 150 && !up; i++) {
  try {
    up = (await fetch(`http://localhost:${PORT}/`)).ok;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}
if (!up) {
  console.error(`The preview server did not answer on port ${PORT}.`);
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-US' });
await page.goto(`http://localhost:${PORT}/`);
const status = page.getByRole('status').first();
await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
await page.getByRole('button', { name: 'Start', exact: true }).click();
await page.waitForFunction(() => /^(Done|Failed|Stopped)/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 10 * 60_000, polling: 500 });
const text = (await status.textContent()) ?? '';
if (!text.startsWith('Done')) {
  console.error(`The run did not finish: ${text}`);
  await browser.close();
  process.exit(1);
}
// The charts redraw at most every 250 ms: let the last redraw land before the picture.
await page.waitForTimeout(600);
mkdirSync('docs/images', { recursive: true });
await page.screenshot({ path: TARGET, animations: 'disabled' });
await browser.close();
stop();
const bytes = statSync(TARGET).size;
console.log(`${TARGET}: ${bytes} bytes (${text.trim()})`);
if (bytes > MAX_BYTES) {
  console.error(`${TARGET} is over ${MAX_BYTES} bytes: keep the README's picture small.`);
  process.exit(1);
}
