import { test as base, expect, type Page } from '@playwright/test';

/** Long tasks (> 50 ms) on the main thread, collected by a PerformanceObserver installed before the app loads. */
export interface LongTaskStats {
  count: number;
  maxMs: number;
}

/** The studio page, driven through its accessible names. */
export class Studio {
  constructor(readonly page: Page) {}

  /** Opens the studio with a fresh long-task observer. */
  async open(): Promise<void> {
    await this.page.addInitScript(() => {
      const w = window as Window & { __longTasks?: [number, number][] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks!.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await this.page.goto('/');
    await expect(this.status).toContainText('Ready');
  }

  get status() {
    // The run's status line (other live notices, e.g. the teacher loader's, are status regions too).
    return this.page.locator('.status-area').getByRole('status');
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Sets a numeric field by its label. */
  async setNumber(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  /** Opens one of the main area's views (tabs): Train, Data, See the dark knowledge, Export, History. */
  async view(name: 'Train' | 'Data' | 'See the dark knowledge' | 'Export' | 'History'): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /**
   * The address bar's hash once it carries every one of `parts`: the studio writes a change into the link just after
   * the page has shown it (at most every 250 ms), so a test reads the link once it has caught up.
   */
  async linkWith(...parts: string[]): Promise<string> {
    const missing = () => {
      const hash = new URL(this.page.url()).hash;
      return parts.filter((p) => !hash.includes(p));
    };
    await expect.poll(missing).toEqual([]);
    return new URL(this.page.url()).hash;
  }

  /** Loss points received so far, read from the chart caption (opens the Train view). */
  async lossPoints(): Promise<number> {
    await this.view('Train');
    const text = await this.page.getByText(/^\d+ loss points?$/).textContent();
    return Number(text?.split(' ')[0]);
  }

  /** Waits for the run to end and returns the final status text. */
  async waitForEnd(timeout = 150_000): Promise<string> {
    await expect(this.status).toHaveText(/^(Done|Failed|Stopped)/, { timeout });
    return (await this.status.textContent()) ?? '';
  }

  /** Test accuracy (0–1) of one row of the results table (opens the Train view). */
  async accuracy(row: 'Teacher' | 'Student from scratch' | 'Distilled student'): Promise<number> {
    await this.view('Train');
    const table = this.page.getByRole('region', { name: 'Results' }).getByRole('table');
    const cells = table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell');
    const text = (await cells.nth(1).textContent()) ?? '';
    return Number(text.replace('%', '')) / 100;
  }

  /** The page's clock (performance.now()), to mark the start of a measured window. */
  async now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /** Long-task statistics for tasks that started at or after `since` (page clock). */
  async longTasks(since = 0): Promise<LongTaskStats> {
    return this.page.evaluate((from) => {
      const t = ((window as Window & { __longTasks?: [number, number][] }).__longTasks ?? []).filter(([s]) => s >= from).map(([, d]) => d);
      return { count: t.length, maxMs: t.length ? Math.max(...t) : 0 };
    }, since);
  }
}

/** Playwright test with a `studio` fixture. */
export const test = base.extend<{ studio: Studio }>({
  studio: async ({ page }, use) => {
    const studio = new Studio(page);
    await studio.open();
    await use(studio);
  },
});

export { expect };
