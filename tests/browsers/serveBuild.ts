import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  /** What the global setup hands the tests. */
  export interface ProvidedContext {
    /** The served production build (test hooks on), e.g. http://localhost:4173. */
    baseUrl: string;
  }
}

/** The port and build folder, as in playwright.config.ts (E2E_PORT, E2E_OUT_DIR). */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';

/** True when something answers HTTP at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Global setup: serves the production build with `vite preview` the way playwright.config.ts's webServer does. Outside
 * CI a server already on the port is reused. E2E_BUILT=1 (set by `npm test` after the Playwright stage, which has just
 * built OUT_DIR) skips the build; otherwise it builds with VITE_TEST_HOOKS=1 first.
 */
export default async function serveBuild(project: TestProject): Promise<() => void> {
  const baseUrl = `http://localhost:${PORT}`;
  project.provide('baseUrl', baseUrl);
  if (await answers(baseUrl)) {
    if (!process.env.CI) return () => {};
    throw new Error(`Port ${PORT} is already serving something: CI serves its own build (set E2E_PORT to a free port).`);
  }
  if (process.env.E2E_BUILT !== '1' || !existsSync(`${OUT_DIR}/index.html`)) {
    const built = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, VITE_TEST_HOOKS: '1' },
    });
    if (built.status !== 0) throw new Error(`vite build failed (exit ${built.status})`);
  }
  const server = spawn('npx', ['vite', 'preview', '--outDir', OUT_DIR, '--strictPort', '--port', String(PORT)], { detached: true, stdio: 'ignore' });
  const stop = () => {
    if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  };
  // Wait for the server to answer (each try waits for the connection or its refusal; the process may also fail to start).
  const deadline = Date.now() + 60_000;
  while (!(await answers(baseUrl))) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode}): is port ${PORT} taken?`);
    if (Date.now() > deadline) {
      stop();
      throw new Error(`vite preview did not answer at ${baseUrl} within 60 s`);
    }
    await new Promise((next) => setTimeout(next, 100));
  }
  return stop;
}
