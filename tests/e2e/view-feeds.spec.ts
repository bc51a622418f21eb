// Issue 20: the worker computes the classroom logits and the decision-boundary grids only for a view that shows them.
// The page counts, by type, the feed messages its workers send it (a listener added to every Worker the app creates,
// installed before the app loads), and the test drives the views through their tabs.
import type { Page } from '@playwright/test';
import { expect, test, Studio } from './fixtures';

/** The worker → page messages of the classroom feeds. */
type FeedCounts = { inspectExamples: number; inspectLogits: number; boundary: number };

/** Opens the studio with every worker's feed messages counted. */
async function openCounting(page: Page): Promise<Studio> {
  await page.addInitScript(() => {
    const w = window as Window & { __feeds?: Record<string, number> };
    const counts: Record<string, number> = { inspectExamples: 0, inspectLogits: 0, boundary: 0 };
    w.__feeds = counts;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent<{ type?: unknown }>) => {
          const type = e.data?.type;
          if (typeof type === 'string' && type in counts) counts[type]!++;
        });
      }
    };
  });
  const studio = new Studio(page);
  await studio.open();
  return studio;
}

/** The feed messages received so far. */
async function feeds(page: Page): Promise<FeedCounts> {
  return page.evaluate(() => ({ ...((window as Window & { __feeds?: FeedCounts }).__feeds as FeedCounts) }));
}

const NONE: FeedCounts = { inspectExamples: 0, inspectLogits: 0, boundary: 0 };

test('a run with the Data and Knowledge views closed gets no classroom feeds; opening a view mid-run fills it in', async ({ page }) => {
  const studio = await openCounting(page);
  // A scratch phase long enough to pause in (as in classroom.spec.ts): 60 epochs over every point, batch 32.
  await studio.setNumber('Epochs', '60');
  await studio.setNumber('Transfer set size', '0');
  await studio.setNumber('Batch size', '32');
  await studio.button('Start').click();
  // Paused after a few of its epochs were evaluated, well before its last.
  await expect(studio.status).toHaveText(/^Running scratch student training, epoch ([3-9]|[1-4]\d) of 60/, { timeout: 120_000 });
  await studio.button('Pause').click();
  await expect(studio.status).toHaveText(/^Paused during scratch student training/);
  // The teacher trained all its 60 epochs and the scratch student some: not one feed message reached the page.
  expect(await feeds(page)).toEqual(NONE);

  // Opening "See the dark knowledge" fills it in: the examples, then the teacher's and the scratch student's latest logits.
  await studio.view('See the dark knowledge');
  const matrices = page.getByRole('region', { name: 'Confusion matrices' });
  await expect(matrices.getByRole('table', { name: /^Teacher after epoch 60: \d+ of \d+ right/ })).toBeVisible();
  await expect(matrices.getByRole('table', { name: /^Student from scratch after epoch \d+: \d+ of \d+ right/ })).toBeVisible();
  expect(await feeds(page)).toEqual({ inspectExamples: 1, inspectLogits: 2, boundary: 0 });

  // Opening Data draws the two models' decision boundaries, once each.
  await studio.view('Data');
  const maps = page.getByRole('region', { name: 'Decision boundaries' });
  await expect(maps.getByText('Teacher · epoch 60', { exact: true })).toBeVisible();
  await expect(maps.getByText(/^Student from scratch · epoch \d+$/)).toBeVisible();
  await expect(maps.getByText('Distilled student · not trained yet', { exact: true })).toBeVisible();
  expect(await feeds(page)).toEqual({ inspectExamples: 1, inspectLogits: 2, boundary: 2 });

  // Back on Train (both closed), the rest of the run sends nothing more.
  await studio.view('Train');
  const before = await feeds(page);
  await studio.button('Resume').click();
  expect(await studio.waitForEnd()).toMatch(/^Done/);
  expect(await feeds(page)).toEqual(before);

  // After the run, each view opens on the final models.
  await studio.view('Data');
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) await expect(maps.getByText(`${model} · epoch 60`, { exact: true })).toBeVisible();
  await studio.view('See the dark knowledge');
  for (const model of ['Teacher', 'Student from scratch', 'Distilled student']) {
    await expect(matrices.getByRole('table', { name: new RegExp(`^${model} after epoch 60: \\d+ of \\d+ right`) })).toBeVisible();
  }
  // Only what the views lacked: the scratch and distilled students' last grids and logits (the teacher's were sent).
  expect(await feeds(page)).toEqual({ inspectExamples: 1, inspectLogits: 4, boundary: 4 });
});
