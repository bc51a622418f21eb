#!/usr/bin/env node
// `npm run bench:page`: how the page feels during a run, measured in headless Chromium without a trace. Builds the
// studio, serves it (cross-origin isolated), and for the default recipe (to Done) prints one JSON line (the MNIST
// lesson is not measured yet: its first loss point was never seen by the recorder in the one attempt):
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
async function sliderResponses(page, times) {
  const slider = page.getByRole('slider', { name: 'Temperature' });
  await slider.focus();
  const out = [];
  for (let i = 0; i < times; i++) {
    const before = await slider.inputValue();
    await page.evaluate(() => {
      const w = window;
      w.__keyAt = null;
      document.addEventListener('keydown', () => (w.__keyAt = performance.now()), { once: true, capture: true });
    });
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    const ms = await page.evaluate(
      (old) =>
        new Promise((resolve) => {
          const w = window;
          const el = document.activeElement;
          const check = () => {
            if (el && el.value !== old && w.__keyAt !== null) requestAnimationFrame((t) => resolve(t - w.__keyAt));
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
  await page.evaluate(() => (window.__bench.runFrom = performance.now()));
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForFunction(() => window.__bench.firstLossAt !== null, null, { timeout: 300_000 });
  const slider = await sliderResponses(page, 5);
  const finished = () => /^(Done|Failed|Stopped)/.test(document.querySelector('.status-area [role=status]')?.textContent ?? '');
  if (seconds > 0) {
    await page.waitForFunction(finished, null, { timeout: seconds * 1000, polling: 500 }).catch(() => undefined);
    if (!(await page.evaluate(finished))) await page.getByRole('button', { name: 'Stop', exact: true }).click();
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
      framesOver100ms: gaps.filter((d) => d > 100).length,
      longestFrameMs: Math.round(Math.max(0, ...gaps)),
    };
  });
  await page.close();
  const line = { page: name, ...stats, sliderMs: slider };
  console.log(JSON.stringify(line));
  return line;
}

const lines = [];
lines.push(await measure('default recipe', async () => {}, 0));
await browser.close();
stop();
const d = lines[0];
console.log(
  `bench:page: default run ${d.longTasks} tasks over 50 ms (target ≤ 2), ${d.framesOver100ms} frames over 100 ms (target 0), slider worst ${d.sliderMs.worstMs} ms (target ≤ 50)`,
);
