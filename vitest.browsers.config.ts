import { defineConfig } from 'vitest/config';

// The third stage of `npm test`: the studio in Firefox ESR (WebDriver BiDi) and WebKitGTK (WebDriver), compared with
// Chromium on the same run. tests/browsers/serveBuild.ts serves the production build as the Playwright suite does.
export default defineConfig({
  test: {
    include: ['tests/browsers/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browsers/serveBuild.ts'],
    // Above the run's own timeout (tests/browsers/browsers.test.ts: 300 s), so a stuck browser is closed first.
    testTimeout: 360_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
