#!/usr/bin/env node
// `npm run time:lesson`: times the lesson "Does distillation beat training from scratch?", part 1 (MNIST, the CNN
// teacher on every digit, the 800·800 student on 1,000 digits, 3 seeds), start to finish in the real studio on Auto:
// builds it, serves it (cross-origin isolated), chooses the lesson and part from the Lesson menu as a user would,
// presses Start and waits for Done. Prints the backend, the time and the three accuracies.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildAndServe } from './previewServer.mjs';

const PORT = Number(process.env.LESSON_PORT ?? 4175);
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const stop = await buildAndServe({ outDir: 'dist-lesson', port: PORT });

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage();
await page.goto(`http://localhost:${PORT}/`);
await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor();
const menu = page.getByLabel('Lesson', { exact: true });
await menu.selectOption('distillVsScratch');
const card = page.getByRole('region', { name: 'Does distillation beat training from scratch?', exact: true });
await card.getByRole('button', { name: /^Part 1: / }).click();
await card.getByText('Part 1 applied: press Start to run it.').waitFor();
const started = Date.now();
await page.getByRole('button', { name: 'Start', exact: true }).click();
const status = page.getByRole('status').first();
const limitMin = Number(process.env.LESSON_LIMIT_MIN ?? 30);
await page.waitForFunction(() => /^(Done|Failed|Stopped)/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: limitMin * 60_000, polling: 1000 });
const seconds = (Date.now() - started) / 1000;
const text = await status.textContent();
const rows = await page.getByRole('region', { name: 'Results' }).getByRole('row').allTextContents();
console.log(JSON.stringify({ lesson: 'distillVsScratch part 1', status: text, seconds: Math.round(seconds), minutes: +(seconds / 60).toFixed(2), results: rows.slice(1) }));
await browser.close();
stop();
process.exit(text?.startsWith('Done') ? 0 : 1);
