#!/usr/bin/env node
// `npm test`: unit tests (Vitest, Node), end-to-end tests (Playwright, headless Chromium against the production build),
// then the same build in Firefox ESR and WebKitGTK against Chromium (Vitest, vitest.browsers.config.ts). Prints one
// closing line "N passed, N failed" over the three suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwrightFailures, printFailures, stageFailures, vitestFailures } from './failedTests.mjs';

/** Finds a Chromium the way playwright.config.ts does, or explains how to get one. */
async function findBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    return null;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* fall through to the message */
  }
  return null;
}

const browser = await findBrowser();
if (!browser) {
  console.error(`
No Chromium found for the end-to-end tests. Get one in any of these ways, then run \`npm test\` again:
  • Debian/Ubuntu:  sudo apt-get install -y chromium        (installs /usr/bin/chromium)
  • Any OS, online: npx playwright install chromium          (Playwright's own build)
  • Already have Chrome/Chromium elsewhere: CHROMIUM_PATH=/path/to/chrome npm test
${process.env.CHROMIUM_PATH ? `(CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.)\n` : ''}`);
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'distill-tests-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (args, env = {}) => spawnSync(npx, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

console.log('\n▶ Unit tests (Vitest, tfjs CPU backend)\n');
const unitJson = join(out, 'vitest.json');
const unitStatus = run(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);

console.log(`\n▶ End-to-end tests (Playwright, ${browser})\n`);
const e2eJson = join(out, 'playwright.json');
const e2eStatus = run(['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, PLAYWRIGHT_REPORTERS: 'list,json' });

console.log('\n▶ Other browsers (Firefox ESR over WebDriver BiDi, WebKitGTK under xvfb-run; each against Chromium)\n');
const browsersJson = join(out, 'browsers.json');
// The Playwright stage has just built the test build (or reused a running server, which this stage reuses too).
const browsersStatus = run(
  ['vitest', 'run', '--config', 'vitest.browsers.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${browsersJson}`],
  existsSync(e2eJson) ? { E2E_BUILT: '1' } : {},
);

/** Reads a JSON report, or null when the runner crashed before writing it. */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const unit = readJson(unitJson);
const e2e = readJson(e2eJson);
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit ? unit.numFailedTests : 1;
const e2ePassed = e2e?.stats?.expected ?? 0;
const e2eFailed = e2e ? (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) : 1;
const browsers = readJson(browsersJson);
const browsersPassed = browsers?.numPassedTests ?? 0;
const browsersFailed = browsers ? browsers.numFailedTests : 1;
const browsersSkipped = browsers ? browsers.numPendingTests + browsers.numTodoTests : 0;
const failed =
  unitFailed +
  e2eFailed +
  browsersFailed +
  (unitStatus !== 0 && unitFailed === 0 ? 1 : 0) +
  (e2eStatus !== 0 && e2eFailed === 0 ? 1 : 0) +
  (browsersStatus !== 0 && browsersFailed === 0 ? 1 : 0);

console.log(
  '\nThe exported PyTorch scripts run for real in a separate suite (not part of npm test): npm run test:pytorch\n' +
    '  (needs PyTorch: sudo apt-get install -y python3-torch python3-numpy libopenblas0-pthread, or DISTILL_TORCH_PYTHON=/path/to/python).',
);
console.log(
  `\nunit: ${unitPassed} passed, ${unitFailed} failed · e2e: ${e2ePassed} passed, ${e2eFailed} failed · ` +
    `other browsers: ${browsersPassed} passed, ${browsersFailed} failed${browsersSkipped ? `, ${browsersSkipped} skipped (browser not installed)` : ''}`,
);
printFailures([
  ...stageFailures('unit', unitStatus, vitestFailures(unit)),
  ...stageFailures('e2e', e2eStatus, playwrightFailures(e2e)),
  ...stageFailures('other browsers', browsersStatus, vitestFailures(browsers)),
]);
console.log(`${unitPassed + e2ePassed + browsersPassed} passed, ${failed} failed`);
process.exit(unitStatus === 0 && e2eStatus === 0 && browsersStatus === 0 && failed === 0 ? 0 : 1);
