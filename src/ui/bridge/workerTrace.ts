import type { WorkerEvent, WorkerRequest } from '../../worker/protocol';

/** How many of the latest requests and events the trace keeps. */
const TRACE_LENGTH = 60;

/** Event types too frequent to be worth a line each (a run's metrics and feeds). */
const QUIET = new Set<string>(['metrics', 'boundary', 'inspectLogits', 'imagesProgress', 'loading']);

/**
 * Test builds only: the latest worker requests and events with their time since the page started, in
 * `window.__distillWorkerTrace`, so a test that waits in vain (e.g. for Ready) can say what did and did not arrive.
 */
export function traceWorker(direction: 'sent' | 'got' | 'error', what: WorkerRequest | WorkerEvent | string): void {
  if (import.meta.env.VITE_TEST_HOOKS !== '1') return;
  const type = typeof what === 'string' ? what : what.type === 'debugTrace' ? what.text : what.type;
  if (QUIET.has(type)) return;
  const host = window as Window & { __distillWorkerTrace?: string[] };
  const trace = (host.__distillWorkerTrace ??= []);
  trace.push(`${performance.now().toFixed(0)} ms ${direction} ${type}`);
  if (trace.length > TRACE_LENGTH) trace.splice(0, trace.length - TRACE_LENGTH);
}
