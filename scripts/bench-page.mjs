#!/usr/bin/env node
// `npm run bench:page`: how the page feels during a run, measured in headless Chromium without a trace. Builds the
// studio, serves it (cross-origin isolated), and for the default recipe (to Done) and the MNIST lesson ("Does
// distillation beat training from scratch?", part 1, stopped after BENCH_PAGE_LESSON_SECONDS, default 60) prints one
// JSON line each. The lesson's card opens beside the Train view, which is selected before Start (hidden views draw
// nothing, so the loss chart's caption would never count a point):
// - firstLossMs: Start pressed → the loss chart's caption first counts a point (checked every frame);
// - longTasks / longestTaskMs: main-thread tasks over 50 ms while the run went on (PerformanceObserver 'longtask');
// - framesOver100ms / longestFrameMs: gaps between animation frames;
// - sliderMs: five presses of → on the focused T slider during the run, from the key event to the frame after the
//   slider shows its new value (median and worst).
// The targets of issue 20: at most 2 tasks over 50 ms and no frame over 100 ms for the default run; the slider within 50 ms.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildAndServe } from './previewServer.mjs';

const PORT = Number(process.env.BENCH_PAGE_PORT ?? 4176);
const OUT_DIR = process.env.BENCH_PAGE_OUT_DIR ?? 'dist-benchpage';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const stop = await buildAndServe({ outDir: OUT_DIR, port: PORT, skipBuild: process.env.BENCH_PAGE_SKIP_BUILD === '1' });

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/** Installs the page-side recorders (long tasks, frame gaps, the first loss point) before the studio's own code runs. */
function recorders() {
  const w = window;
  w.__bench = { longTasks: [], frames: [], firstLossAt: null, runFrom: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (t) => {
    w.__bench.frames.push([last, t - last]);
    last = t;
    if (w.__bench.runFrom !== null && w.__bench.firstLossAt === null) {
      const caption = Array.from(document.querySelectorAll('figure.chart figcaption')).find((c) => /^\d+ loss points?$/.test(c.textContent ?? ''));
      if (Number(caption?.textContent?.split(' ')[0] ?? 0) > 0) w.__bench.firstLossAt = t;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Presses → on the focused T slider `times` times during the run; each answer time is key event → the frame after the new value shows. */
async function sliderResponses(page, slider, times) {
  await slider.focus();
  const out = [];
  for (let i = 0; i < times; i++) {
    const before = await slider.evaluate((el) => el.value);
    await page.evaluate(() => {
      const w = window;
      w.__keyAt = null;
      document.addEventListener('keydown', () => (w.__keyAt = performance.now()), { once: true, capture: true });
    });
    // Alternate → and ←, starting with ← when the slider is at its top (a lesson may set T to the maximum).
    const atMax = Number(before) >= Number(await slider.evaluate((el) => el.max));
    await page.keyboard.press((i % 2 === 0) !== atMax ? 'ArrowRight' : 'ArrowLeft');
    const ms = await page.evaluate(
      (old) =>
        new Promise((resolve, reject) => {
          const w = window;
          const el = document.activeElement;
          const since = performance.now();
          const check = () => {
            if (el && el.value !== old && w.__keyAt !== null) requestAnimationFrame((t) => resolve(t - w.__keyAt));
            else if (performance.now() - since > 10_000) reject(new Error(`the T slider did not move from ${old} within 10 s of the key press`));
            else requestAnimationFrame(check);
          };
          check();
        }),
      before,
    );
    out.push(ms);
    await page.waitForTimeout(300);
  }
  out.sort((a, b) => a - b);
  return { medianMs: +out[Math.floor(out.length / 2)].toFixed(1), worstMs: +out[out.length - 1].toFixed(1) };
}

/** One run on a fresh page: `setup` picks the recipe; the run stops after `seconds` (0: waits for Done). */
async function measure(name, setup, seconds) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(recorders);
  await page.goto(`http://localhost:${PORT}/`);
  await page.locator('.status-area').getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
  await setup(page);
  // The controls are found before the run: a Playwright locator looks through the page's accessibility roles, a main-
  // thread task of its own (up to 80 ms here) that would count as the run's.
  const start = await page.getByRole('button', { name: 'Start', exact: true }).elementHandle();
  const temperature = await page.getByRole('slider', { name: 'Temperature' }).elementHandle();
  await page.evaluate(() => (window.__bench.runFrom = performance.now()));
  await start.click();
  await page.waitForFunction(() => window.__bench.firstLossAt !== null, null, { timeout: 300_000 });
  const slider = await sliderResponses(page, temperature, 5);
  const finished = () => /^(Done|Failed|Stopped)/.test(document.querySelector('.status-area [role=status]')?.textContent ?? '');
  if (seconds > 0) {
    await page.waitForFunction(finished, null, { timeout: seconds * 1000, polling: 500 }).catch(() => undefined);
    // Stop is found by its text, not by a role locator (whose own long task would count as the run's).
    if (!(await page.evaluate(finished))) await page.evaluate(() => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Stop')?.click());
  }
  await page.waitForFunction(finished, null, { timeout: 60 * 60_000, polling: 500 });
  await page.waitForTimeout(500); // the end's own work (final charts, history) belongs to the run
  const stats = await page.evaluate(() => {
    const b = window.__bench;
    const long = b.longTasks.filter(([s]) => s >= b.runFrom).map(([, d]) => d);
    const gaps = b.frames.filter(([s]) => s >= b.runFrom).map(([, d]) => d);
    return {
      status: document.querySelector('.status-area [role=status]')?.textContent ?? '',
      firstLossMs: Math.round(b.firstLossAt - b.runFrom),
      seconds: +((performance.now() - b.runFrom) / 1000).toFixed(1),
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      // Each task over 50 ms: [ms after Start, its duration], to tell the run's phases (start, redraws, end) apart.
      longTaskAt: b.longTasks.filter(([s]) => s >= b.runFrom).map(([s, d]) => [Math.round(s - b.runFrom), Math.round(d)]),
      framesOver100ms: gaps.filter((d) => d > 100).length,
      longestFrameMs: Math.round(Math.max(0, ...gaps)),
    };
  });
  await page.close();
  const line = { page: name, ...stats, sliderMs: slider };
  console.log(JSON.stringify(line));
  return line;
}

/** Opens the MNIST lesson from the Lessons menu, applies its first part and shows the Train view, as a teacher would in class. */
async function mnistLesson(page) {
  await page.getByLabel('Lesson', { exact: true }).selectOption('distillVsScratch');
  const card = page.getByRole('region', { name: 'Does distillation beat training from scratch?', exact: true });
  await card.getByRole('button', { name: /^Part 1: / }).click();
  await card.getByText('Part 1 applied: press Start to run it.').waitFor();
  const tab = page.getByRole('tab', { name: 'Train', exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('.status-area').getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
}

const lines = [];
lines.push(await measure('default recipe', async () => {}, 0));
lines.push(await measure('MNIST lesson (part 1)', mnistLesson, Number(process.env.BENCH_PAGE_LESSON_SECONDS ?? 60)));
await browser.close();
stop();
for (const d of lines) {
  console.log(
    `bench:page: ${d.page}: first loss ${d.firstLossMs} ms, ${d.longTasks} tasks over 50 ms (target ≤ 2), ${d.framesOver100ms} frames over 100 ms (target 0), slider worst ${d.sliderMs.worstMs} ms (target ≤ 50)`,
  );
}
