import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** The browser: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Flags that work on a sandboxed, offline machine. */
export const baseArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Port and build folder of the served production build (overridable so two suites can run side by side). */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // npm test adds a JSON report (PLAYWRIGHT_REPORTERS=list,json) to print the combined closing line.
  reporter: (process.env.PLAYWRIGHT_REPORTERS ?? 'list').split(',').map((r) => [r] as [string]),
  use: {
    baseURL: `http://localhost:${PORT}`,
    acceptDownloads: true,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      // No WebGPU flag: Auto must fall back to WebGL / WASM / CPU and say why.
      name: 'fallback',
      // onnx-torch.spec.ts needs a PyTorch-trained file: `npm run test:onnx-torch` runs it (playwright.onnx-torch.config.ts).
      testIgnore: [/webgpu\.spec\.ts/, /onnx-torch\.spec\.ts/],
      use: { launchOptions: { executablePath: chromiumPath, args: baseArgs } },
    },
    {
      // SwiftShader's WebGPU adapter, exercised for real (slow: keep runs short).
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath: chromiumPath, args: [...baseArgs, '--enable-unsafe-webgpu'] } },
    },
    // `npm run test:pytorch` only: the studio imports what the exported PyTorch scripts wrote (needs torch-made files).
    ...(process.env.DISTILL_PYTORCH_E2E
      ? [{ name: 'pytorch', testDir: 'tests/e2e-pytorch', use: { launchOptions: { executablePath: chromiumPath, args: baseArgs } } }]
      : []),
  ],
  webServer: {
    command: `npx tsc -b && VITE_TEST_HOOKS=1 npx vite build --outDir ${OUT_DIR} --emptyOutDir && npx vite preview --outDir ${OUT_DIR} --strictPort --port ${PORT}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'ignore',
  },
});
