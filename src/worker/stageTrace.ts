/**
 * Test builds only (VITE_TEST_HOOKS=1): logs a step of the worker's backend start to the console, with the worker's
 * clock, so a browser test that never sees "Ready" can print how far the worker got. Production builds log nothing.
 */
export function stageTrace(text: string): void {
  if (import.meta.env.VITE_TEST_HOOKS === '1') console.info(`[worker ${Math.round(performance.now())} ms] ${text}`);
}
