import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, WebElement, type WebDriver } from 'selenium-webdriver';
import type { PageDriver, PageFunction } from './pageDriver';
import { waitForFile } from './waitForFile';

/** Where Debian's webkit2gtk-driver and libwebkit2gtk-4.1 put the driver and the browser it automates. */
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_RUN = '/usr/bin/xvfb-run';

/** A free TCP port on localhost, for the driver to listen on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the driver's /status says it is ready (each try waits for the HTTP answer, no delay between tries). */
async function driverReady(url: string, driver: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  driver.once('exit', (code, signal) => (exited = `WebKitWebDriver exited (${code ?? signal})`));
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const answer = (await (await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) })).json()) as { value?: { ready?: boolean } };
      if (answer.value?.ready) return;
    } catch {
      // Not listening yet: wait for the process's next output instead of sleeping.
      await new Promise<void>((next) => {
        const done = () => {
          clearTimeout(timer);
          driver.stderr?.off('data', done);
          driver.stdout?.off('data', done);
          next();
        };
        const timer = setTimeout(done, 100);
        driver.stderr?.once('data', done);
        driver.stdout?.once('data', done);
      });
    }
  }
  throw new Error(`WebKitWebDriver did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts WebKitWebDriver under `xvfb-run` (MiniBrowser of WebKitGTK 4.1 has no headless mode) with a fresh HOME, where
 * MiniBrowser saves downloads, and opens a MiniBrowser window whose viewport is `width`×`height` CSS pixels.
 */
export async function launchWebKit(width: number, height: number): Promise<PageDriver> {
  const home = mkdtempSync(join(tmpdir(), 'distill-webkit-home-'));
  // WebKitGTK saves downloads in $HOME/Downloads. Made now, so the download watcher (waitForFile) watches it from the
  // start: a directory the browser creates later is watched only once its own event is handled, and a file written
  // into it at once could go unseen (one CI run lost a finished student.zip that way).
  mkdirSync(join(home, 'Downloads'));
  const port = await freePort();
  // Its own process group, so closing ends xvfb-run, Xvfb, the driver and the browser together.
  const server = spawn(XVFB_RUN, ['-a', '-s', '-screen 0 1920x1080x24', WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No accelerated compositing: under Xvfb it is Mesa's llvmpipe, which cost a third of the run's CPU time (99 → 68 CPU-s).
    env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: '1', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local/share') },
  });
  const log: string[] = [];
  server.stdout.on('data', (d: Buffer) => log.push(d.toString()));
  server.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  const stop = () => {
    if (server.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(home, { recursive: true, force: true });
    process.off('exit', stop);
  };
  // Detached, the group would outlive a test process that ends early (a timed-out test): end it with the process.
  process.on('exit', stop);
  try {
    const url = `http://127.0.0.1:${port}`;
    await driverReady(url, server, 20_000);
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    const caps = await driver.getCapabilities();
    // The window's rectangle includes MiniBrowser's toolbar: size it, measure the viewport, and grow it by the difference.
    await driver.manage().window().setRect({ width, height });
    const inner = (await driver.executeScript('return [window.innerWidth, window.innerHeight];')) as [number, number];
    await driver.manage().window().setRect({ width: width + (width - inner[0]), height: height + (height - inner[1]) });
    return new WebKitPage(driver, `${String(caps.get('browserName'))}/${String(caps.get('browserVersion'))}`, home, stop);
  } catch (e) {
    stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log.join('')}`);
  }
}

/** A WebKitGTK tab, driven over WebDriver classic by selenium-webdriver, as a PageDriver. */
class WebKitPage implements PageDriver {
  constructor(
    private readonly driver: WebDriver,
    readonly version: string,
    private readonly home: string,
    private readonly stop: () => void,
  ) {}

  async open(url: string): Promise<void> {
    await this.driver.get(url);
  }

  async evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R> {
    return (await this.driver.executeScript(fn as (...a: unknown[]) => R, ...args)) as R;
  }

  async waitFor<A extends unknown[]>(what: string, timeoutMs: number, fn: PageFunction<A, boolean>, ...args: A): Promise<void> {
    await this.driver.wait(async () => (await this.evaluate(fn, ...args)) === true, timeoutMs, what, 100);
  }

  async click<A extends unknown[]>(find: PageFunction<A, Element | null>, ...args: A): Promise<void> {
    const element: unknown = await this.driver.executeScript(find as (...a: unknown[]) => Element | null, ...args);
    if (!(element instanceof WebElement)) throw new Error(`Nothing to click: ${find.toString().slice(0, 80)} ${JSON.stringify(args)}`);
    await element.click();
  }

  /** WebKitWebDriver reports no console: the page's own trace (inPage.workerTrace) is what a failure shows. */
  messages(): string[] {
    return [];
  }

  downloaded(fileName: string, timeoutMs: number, complete: (bytes: Uint8Array) => boolean): Promise<Uint8Array> {
    return waitForFile(this.home, fileName, timeoutMs, complete);
  }

  async close(): Promise<void> {
    try {
      await this.driver.quit();
    } finally {
      this.stop();
    }
  }
}
