import { unzipSync } from 'fflate';
import type { PageDriver } from './pageDriver';
import { backendLine, buttonNamed, layoutBoxes, resultCells, settingsLock, statusMatches, statusText, workerTrace, type Box } from './inPage';

/** The three rows of the Results table. */
export const MODEL_ROWS = ['Teacher', 'Student from scratch', 'Distilled student'] as const;

/** One row of the Results table. */
export type ModelRow = (typeof MODEL_ROWS)[number];

/** What one browser showed and saved for the default recipe. */
export interface StudioRun {
  /** Browser name and version. */
  browser: string;
  /** The status line once the run ended ("Done · backend: wasm"). */
  status: string;
  /** The backend line under it, with the WASM thread count. */
  backendLine: string;
  /** What the page itself has: cross-origin isolation and SharedArrayBuffer (what the thread count depends on). */
  isolation: { crossOriginIsolated: boolean; sharedArrayBuffer: boolean };
  /** Elements that must fit a 1280×720 screen but do not (at Ready, and again at Done), with their boxes. */
  outsideViewport: string[];
  /** The Results table's accuracy and loss cells, as shown. */
  shown: Record<ModelRow, { accuracy: string; loss: string }>;
  /** Alerts on the page once the student was downloaded (an error message the user would see). */
  alerts: string[];
  /** The files of the downloaded student.zip. */
  zip: Record<string, Uint8Array>;
  /** The settings' lock read right after the Start click (`settingsLock`): every control locked but T's slider. */
  lockAtStart: ReturnType<typeof settingsLock>;
  /** Start → Done, in ms. */
  trainMs: number;
  /** Download student clicked → the complete zip on disk, in ms. */
  downloadMs: number;
}

/** The names of layout boxes not entirely inside the viewport (half a pixel of rounding allowed). */
function outside(state: string, layout: { viewport: [number, number]; boxes: Record<string, Box | null> }): string[] {
  const [w, h] = layout.viewport;
  return Object.entries(layout.boxes)
    .filter(([, b]) => !b || b.width === 0 || b.height === 0 || b.x < 0 || b.y < 0 || b.x + b.width > w + 0.5 || b.y + b.height > h + 0.5)
    .map(([name, b]) => `${name} at ${state}: ${b ? `${b.x.toFixed(0)},${b.y.toFixed(0)} ${b.width.toFixed(0)}×${b.height.toFixed(0)}` : 'missing'} in ${w}×${h}`);
}

/** A zip that unzips with every file the studio puts in a student download (a download still being written does not). */
function completeStudentZip(bytes: Uint8Array): boolean {
  try {
    return 'report.json' in unzipSync(bytes);
  } catch {
    return false;
  }
}

/** A failed wait's evidence: the status and backend lines, the worker's latest requests and events, the console. */
async function whatThePageSays(page: PageDriver): Promise<string> {
  const read = async <R>(fn: () => R, fallback: R): Promise<R> => page.evaluate(fn).catch(() => fallback);
  const lines = [
    `status: ${await read(statusText, '(unreadable)')}`,
    `backend line: ${await read(backendLine, '(unreadable)')}`,
    `worker trace:\n  ${(await read(workerTrace, [] as string[])).join('\n  ')}`,
    `console:\n  ${page.messages().slice(-40).join('\n  ')}`,
  ];
  return lines.join('\n');
}

/**
 * Drives the studio as a user would: opens it, waits for Ready, checks the 1280×720 layout, clicks Start, waits for the
 * run to end (visible state only: no fixed sleeps), reads the status and the Results table, clicks Download student
 * (.zip) and returns what the browser saved.
 */
export async function runDefaultRecipe(page: PageDriver, baseUrl: string, timeoutMs: number): Promise<StudioRun> {
  await page.open(baseUrl);
  await page.waitFor('the studio never said Ready', 30_000, statusMatches, '^Ready').catch(async (e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${await whatThePageSays(page)}`);
  });
  const atReady = outside('Ready', await page.evaluate(layoutBoxes));
  const started = Date.now();
  await page.click(buttonNamed, 'Start');
  const lockAtStart = await page.evaluate(settingsLock);
  await page.waitFor(`the run did not end; status: see below`, timeoutMs, statusMatches, '^(Done|Failed|Stopped)').catch(async (e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${await whatThePageSays(page)}`);
  });
  const trainMs = Date.now() - started;
  const status = await page.evaluate(statusText);
  const shown = {} as StudioRun['shown'];
  for (const row of MODEL_ROWS) {
    const cells = await page.evaluate(resultCells, row);
    shown[row] = { accuracy: cells?.[0] ?? '', loss: cells?.[1] ?? '' };
  }
  const atDone = outside('Done', await page.evaluate(layoutBoxes));
  const isolation = await page.evaluate(() => ({ crossOriginIsolated: self.crossOriginIsolated === true, sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined' }));
  let zip: Record<string, Uint8Array> = {};
  let downloadMs = 0;
  if (status.startsWith('Done')) {
    await page.click(buttonNamed, 'Download student');
    const clicked = Date.now();
    try {
      zip = unzipSync(await page.downloaded('student.zip', 30_000, completeStudentZip));
      downloadMs = Date.now() - clicked;
    } catch (e) {
      const alerts = await page.evaluate(() => Array.from(document.querySelectorAll('[role="alert"]')).map((a) => (a.textContent ?? '').trim()));
      throw new Error(`${e instanceof Error ? e.message : String(e)}; alerts on the page: ${JSON.stringify(alerts)}\n${await whatThePageSays(page)}`);
    }
  }
  const alerts = await page.evaluate(() => Array.from(document.querySelectorAll('[role="alert"]')).map((a) => (a.textContent ?? '').trim()));
  return { browser: page.version, status, backendLine: await page.evaluate(backendLine), isolation, outsideViewport: [...atReady, ...atDone], shown, alerts, zip, lockAtStart, trainMs, downloadMs };
}
