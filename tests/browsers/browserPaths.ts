import { existsSync } from 'node:fs';
import { MINIBROWSER, WEBKIT_DRIVER, XVFB_RUN } from './webkitDriver';

/** A browser the suite drives: where it is, or why it cannot run and how to install it. */
export type Found = { path: string } | { missing: string };

/** Chromium, found as playwright.config.ts finds it: $CHROMIUM_PATH, Debian's /usr/bin/chromium, else Playwright's own. */
export async function findChromium(): Promise<Found> {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? { path: env } : { missing: `CHROMIUM_PATH is ${env}, but no file is there` };
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium' };
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own };
  } catch {
    /* the message below */
  }
  return { missing: 'no Chromium: sudo apt-get install -y chromium (or npx playwright install chromium, or CHROMIUM_PATH=/path/to/chrome)' };
}

/** Firefox ESR: $FIREFOX_PATH, else Debian's /usr/bin/firefox-esr. */
export function findFirefox(): Found {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  return existsSync(path) ? { path } : { missing: `no Firefox at ${path}: sudo apt-get install -y firefox-esr (or FIREFOX_PATH=/path/to/firefox)` };
}

/** WebKitGTK: its WebDriver, MiniBrowser, and xvfb-run (with xauth) for a display. */
export function findWebKit(): Found {
  const absent = [WEBKIT_DRIVER, MINIBROWSER, XVFB_RUN, '/usr/bin/xauth'].filter((p) => !existsSync(p));
  return absent.length === 0 ? { path: WEBKIT_DRIVER } : { missing: `no ${absent.join(', ')}: sudo apt-get install -y webkit2gtk-driver xvfb xauth` };
}
