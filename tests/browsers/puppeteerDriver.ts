import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { PageDriver, PageFunction } from './pageDriver';
import { waitForFile } from './waitForFile';

/** Which engine puppeteer-core drives: Chromium over CDP, or Firefox over WebDriver BiDi. */
export type PuppeteerEngine = 'chrome' | 'firefox';

/**
 * Launches a browser (never downloads one: `executablePath` must exist) with one tab of `width`×`height` CSS pixels.
 * `longestWaitMs`: the longest `waitFor` to come; over BiDi one wait is one protocol call, so the protocol's own timeout
 * (puppeteer's default: 180 s) is set above it, and the wait's own timeout is the one that fires, with its message.
 */
export async function launchPuppeteer(engine: PuppeteerEngine, executablePath: string, width: number, height: number, longestWaitMs: number): Promise<PageDriver> {
  const downloads = mkdtempSync(join(tmpdir(), `distill-${engine}-downloads-`));
  const browser: Browser = await puppeteer.launch({
    browser: engine,
    executablePath,
    headless: true,
    protocolTimeout: longestWaitMs + 30_000,
    protocol: engine === 'firefox' ? 'webDriverBiDi' : 'cdp',
    // The same offline, sandbox-free flags as the Playwright suite (playwright.config.ts).
    args: engine === 'chrome' ? ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] : [],
    // Chromium: CDP's download behaviour. Firefox: its own preferences, so a download lands in `downloads` with no dialog.
    downloadBehavior: engine === 'chrome' ? { policy: 'allow', downloadPath: downloads } : undefined,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  try {
    const page: Page = await browser.newPage();
    const messages: string[] = [];
    const started = Date.now();
    page.on('console', (m) => messages.push(`${Date.now() - started} ms console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => messages.push(`${Date.now() - started} ms page error: ${e instanceof Error ? e.message : String(e)}`));
    await page.setViewport({ width, height });
    return new PuppeteerPage(browser, page, `${await browser.version()}`, downloads, messages);
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** A puppeteer-core tab as a PageDriver. */
class PuppeteerPage implements PageDriver {
  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly version: string,
    private readonly downloads: string,
    private readonly logged: string[],
  ) {}

  messages(): string[] {
    return [...this.logged];
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R> {
    return this.page.evaluate(fn as (...a: unknown[]) => R, ...args) as Promise<R>;
  }

  async waitFor<A extends unknown[]>(what: string, timeoutMs: number, fn: PageFunction<A, boolean>, ...args: A): Promise<void> {
    try {
      await this.page.waitForFunction(fn as (...a: unknown[]) => boolean, { timeout: timeoutMs, polling: 100 }, ...args);
    } catch (e) {
      throw new Error(`${what} (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  async click<A extends unknown[]>(find: PageFunction<A, Element | null>, ...args: A): Promise<void> {
    const handle = await this.page.evaluateHandle(find as (...a: unknown[]) => Element | null, ...args);
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (!element) throw new Error(`Nothing to click: ${find.toString().slice(0, 80)} ${JSON.stringify(args)}`);
    await element.click();
    await handle.dispose();
  }

  downloaded(fileName: string, timeoutMs: number, complete: (bytes: Uint8Array) => boolean): Promise<Uint8Array> {
    return waitForFile(this.downloads, fileName, timeoutMs, complete);
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.downloads, { recursive: true, force: true });
  }
}
