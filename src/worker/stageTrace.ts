/** Where the training worker sends stage lines in test builds (other workers using the same modules set none). */
let sink: ((text: string) => void) | null = null;

/** Test builds: the training worker sends each stage line to the page too (its trace, `window.__distillWorkerTrace`). */
export function setStageSink(send: (text: string) => void): void {
  if (import.meta.env.VITE_TEST_HOOKS === '1') sink = send;
}

/**
 * Test builds only (VITE_TEST_HOOKS=1): logs a step of the worker's backend start to the console and the page's worker
 * trace, with the worker's clock, so a browser test that never sees "Ready" can print how far the worker got (WebKit's
 * WebDriver shows no console, the trace it can read). Production builds do nothing.
 */
export function stageTrace(text: string): void {
  if (import.meta.env.VITE_TEST_HOOKS !== '1') return;
  const line = `[worker ${Math.round(performance.now())} ms] ${text}`;
  console.info(line);
  sink?.(line);
}
