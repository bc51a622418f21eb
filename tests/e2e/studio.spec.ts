import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Steps of a finished default run: 30 epochs of ceil(n / 16) for the teacher's n points and for each student's (read from the results). */
async function defaultRunSteps(page: Page): Promise<number> {
  const text = (await page.getByText(/The teacher trained on [\d,]+ examples; each student on [\d,]+/).first().textContent()) ?? '';
  const counts = /The teacher trained on ([\d,]+) examples; each student on ([\d,]+)/.exec(text)!;
  const [teacherN, studentN] = [counts[1]!, counts[2]!].map((c) => Number(c.replace(/,/g, '')));
  return 30 * Math.ceil(teacherN! / 16) + 2 * 30 * Math.ceil(studentN! / 16);
}

test('Auto falls back without WebGPU, streams losses live and reports all three models', async ({ studio, page }) => {
  // Start is pressed as soon as the page is ready (the fixture waits for "Ready"), while Auto may still be choosing the
  // backend: the first loss point should still come within about a second (printed below, not asserted). The page
  // itself notes when the loss chart's caption first counts a point (checked every frame, so the test's own polling
  // of the page does not delay what it measures).
  const runStart = await studio.now();
  await page.evaluate(() => {
    const w = window as Window & { __firstLossAt?: number };
    const caption = () => Array.from(document.querySelectorAll('figure.chart figcaption')).find((c) => /^\d+ loss points?$/.test(c.textContent ?? ''));
    const tick = () => {
      if (Number(caption()?.textContent?.split(' ')[0] ?? 0) > 0) w.__firstLossAt = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await studio.button('Start').click();
  // Loss points arrive while the run is still in progress.
  await page.waitForFunction(() => (window as Window & { __firstLossAt?: number }).__firstLossAt !== undefined, null, { timeout: 30_000 });
  await expect(studio.status).toHaveText(/^Running/);
  expect(await studio.lossPoints()).toBeGreaterThan(0);
  const firstPointMs = Math.round((await page.evaluate(() => (window as Window & { __firstLossAt?: number }).__firstLossAt!)) - runStart);
  // Without --enable-unsafe-webgpu there is no adapter: Auto picks a fallback and says why.
  await expect(page.locator('.backend-note')).toContainText(/WebGPU: not supported/);
  await expect(studio.status).toHaveText(/^Running .* · backend: (webgl|wasm|cpu)$/);

  expect(await studio.waitForEnd()).toMatch(/^Done · backend: (webgl|wasm|cpu)$/);
  const teacher = await studio.accuracy('Teacher');
  const scratch = await studio.accuracy('Student from scratch');
  const distilled = await studio.accuracy('Distilled student');
  // The default recipe: the teacher sees every training point, the 8-unit students a small transfer set (3 classes).
  expect(teacher).toBeGreaterThan(0.8);
  expect(scratch).toBeGreaterThan(0.45);
  expect(distilled).toBeGreaterThan(0.45);
  await expect(page.getByLabel('Verdict')).toContainText(/Distillation: (\+|−|±)\d+\.\d points over scratch/);
  // Every step's losses arrived: 30 epochs of ceil(n / 16) steps for the teacher's n points and for each student's.
  expect(await studio.lossPoints()).toBe(await defaultRunSteps(page));
  // The loss chart's x-axis is in epochs: the teacher's many steps and the students' few end at the same place, epoch 30.
  const lossChart = page.getByRole('figure', { name: 'Loss curves' });
  await expect(lossChart.locator('.recharts-label').filter({ hasText: /^epoch$/ })).toHaveCount(1);
  const spans = await lossChart.locator('path.recharts-line-curve').evaluateAll((paths) =>
    paths.map((p) => {
      const xs = [...(p.getAttribute('d') ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
      return { first: Math.min(...xs), last: Math.max(...xs) };
    }),
  );
  expect(spans).toHaveLength(5); // teacher, scratch, distill total, soft, hard
  const [teacherSpan, scratchSpan, distillSpan] = spans;
  expect(Math.abs(scratchSpan!.last - teacherSpan!.last)).toBeLessThan(1);
  expect(Math.abs(distillSpan!.last - teacherSpan!.last)).toBeLessThan(1);
  // Each curve spans most of the plot, not the first few per cent of it.
  for (const s of spans) expect(s.last - s.first).toBeGreaterThan(0.9 * (teacherSpan!.last - teacherSpan!.first));

  const long = await studio.longTasks(runStart);
  // The charts' tooltips are mounted on demand (a mounted one re-renders at every redraw). None shows with the pointer
  // elsewhere; over the loss chart's plot it gives a point's epoch and its step; from the keyboard, the accuracy
  // chart's arrow keys show its own, and it goes away with the focus.
  const accuracyChart = page.getByRole('figure', { name: 'Accuracy curves' });
  const tooltips = page.locator('figure.chart .recharts-tooltip-wrapper');
  await expect(tooltips).toHaveCount(0);
  const plot = (await lossChart.locator('.recharts-surface').boundingBox())!;
  await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height * 0.5);
  await expect(lossChart.locator('.recharts-default-tooltip')).toContainText(/epoch \d+\.\d\d · step \d+/);
  await page.mouse.move(1, 1);
  await expect(tooltips).toHaveCount(0);
  await accuracyChart.locator('.recharts-surface').focus();
  await page.keyboard.press('ArrowRight');
  await expect(accuracyChart.locator('.recharts-default-tooltip')).toContainText(/\d+\.\d%/);
  await page.keyboard.press('Tab');
  await expect(tooltips).toHaveCount(0);
  console.log(`[metrics] first loss point ${firstPointMs} ms after Start (pressed as soon as the page was ready); main-thread long tasks (> 50 ms) during the run: ${long.count} (longest ${long.maxMs.toFixed(0)} ms)`);
});

test('Before any run the live charts are drawn once, hidden, with made-up curves, then removed; the real charts stay empty', async ({ page }) => {
  // The warm-up (ChartWarmup) runs the charts' drawing code before Start, so a run's first redraws are not its first.
  // Watch it from the first byte of the page: how many curves it drew, and whether it was ever on screen.
  await page.addInitScript(() => {
    const w = window as Window & { __warmup?: { curves: number; shown: boolean } };
    const seen = { curves: 0, shown: false };
    w.__warmup = seen;
    new MutationObserver(() => {
      const box = document.querySelector('.chart-warmup');
      if (!box) return;
      const curves = Array.from(box.querySelectorAll('path.recharts-line-curve')).filter((p) => (p.getAttribute('d') ?? '').length > 20);
      seen.curves = Math.max(seen.curves, curves.length);
      if (getComputedStyle(box).visibility !== 'hidden' || box.getBoundingClientRect().right > 0) seen.shown = true;
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto('/');
  await expect(page.locator('.status-area').getByRole('status')).toContainText('Ready');
  await expect(page.locator('.chart-warmup')).toHaveCount(0);
  const seen = await page.evaluate(() => (window as Window & { __warmup?: { curves: number; shown: boolean } }).__warmup!);
  // Its last step draws the loss chart's five curves and the accuracy chart's teacher and scratch curves.
  expect(seen.curves).toBe(7);
  expect(seen.shown).toBe(false);
  await expect(page.getByText(/^0 loss points$/)).toBeVisible();
  await expect(page.locator('figure.chart path.recharts-line-curve[d]')).toHaveCount(0);
});

test('Pause holds training, Resume continues it to the end', async ({ studio }) => {
  await studio.button('Start').click();
  await expect.poll(() => studio.lossPoints(), { intervals: [50] }).toBeGreaterThan(0);
  await studio.button('Pause').click();
  await expect(studio.status).toHaveText(/^Paused during /);
  // Paused in the teacher's first epochs, the loss chart's epoch axis already ends at the run's 30 epochs: the curves
  // grow into it (it does not rescale at every redraw, as it did when it followed the data), and it stays so.
  const lossChart = studio.page.getByRole('figure', { name: 'Loss curves' });
  const lastXTick = async () => Math.max(...(await lossChart.locator('text.recharts-xAxis.recharts-cartesian-axis-tick-value').allTextContents()).map(Number));
  await expect(studio.status).toHaveText(/^Paused during teacher/);
  await expect.poll(lastXTick).toBe(30);
  // "Paused" is reported by the worker where the loop really halted, after the losses trained before it: no fixed sleep.
  // Counters instead: the page draws every frame (requestAnimationFrame) and the bridge applies worker events at most
  // once per frame, so after 30 more frames every event sent before the halt is on screen, and nothing may follow.
  const after = await studio.lossPoints();
  await studio.page.evaluate(
    () => new Promise<void>((done) => {
      let frames = 0;
      const tick = () => (++frames >= 30 ? done() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }),
  );
  expect(await studio.lossPoints()).toBe(after);
  await expect(studio.status).toHaveText(/^Paused during /);
  await studio.button('Resume').click();
  await expect(studio.status).toHaveText(/^Running /);
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(await studio.lossPoints()).toBe(await defaultRunSteps(studio.page));
  expect(await lastXTick()).toBe(30);
});

test('Stop ends a run, Space starts the next one', async ({ studio, page }) => {
  await studio.button('Start').click();
  await expect.poll(() => studio.lossPoints(), { intervals: [50] }).toBeGreaterThan(0);
  await studio.button('Stop').click();
  expect(await studio.waitForEnd()).toMatch(/^Stopped/);
  await expect(studio.button('Start')).toBeEnabled();
  await studio.setNumber('Epochs', '2');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  expect(await studio.waitForEnd()).toMatch(/^Done/);
});

test('Start locks every setting in its own task, and T and α stay live', async ({ studio, page }) => {
  // The panels re-render locked later, in a background render; the lock itself must not wait for it. React renders
  // the click's own update in a microtask queued during the click, so it is done after one more microtask.
  const lock = await page.evaluate(async () => {
    const start = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Start')!;
    const fields = () => Array.from(document.querySelectorAll('#all-settings input, #all-settings select, #all-settings button'));
    const enabledBefore = fields().filter((f) => !f.matches(':disabled')).length;
    start.click();
    await null;
    return { enabledBefore, enabledAfter: fields().filter((f) => !f.matches(':disabled')).length };
  });
  expect(lock.enabledBefore).toBeGreaterThan(10);
  expect(lock.enabledAfter).toBe(0);
  await expect(page.getByRole('slider', { name: 'Temperature' })).toBeEnabled();
  await expect(page.getByRole('slider', { name: 'Alpha' })).toBeEnabled();
  await studio.button('Stop').click();
  expect(await studio.waitForEnd()).toMatch(/^(Stopped|Done)/);
  await expect(page.getByLabel('Epochs', { exact: true })).toBeEnabled();
});

test('Invalid settings get an inline message and cannot start', async ({ studio, page }) => {
  await studio.setNumber('Epochs', '0');
  await expect(page.getByText('Must be between 1 and 500.')).toBeVisible();
  await expect(studio.button('Start')).toBeDisabled();
  await studio.setNumber('Learning rate', '-1');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await studio.setNumber('Epochs', '1');
  await studio.setNumber('Learning rate', '0.02');
  await expect(studio.button('Start')).toBeEnabled();
  // The sliders cannot leave their ranges: T stays ≥ 0.5, α within [0, 1].
  const t = page.getByRole('slider', { name: 'Temperature' });
  await t.focus();
  await page.keyboard.press('Home');
  await expect(t).toHaveValue('0.5');
  const a = page.getByRole('slider', { name: 'Alpha' });
  await a.focus();
  await page.keyboard.press('End');
  await expect(a).toHaveValue('1');
});

