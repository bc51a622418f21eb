import * as tf from '@tensorflow/tfjs';
import { PARITY_CASES, type ParityBackend, type ParityCase } from './cases';
import { compareRecords, PARITY_TOLERANCES, type ParityError, type Tolerance } from './compare';
import { missingKernel, missingKernelMessage } from './missingKernel';
import { runParityCase, type ParityRecord } from './record';

/** How one case fared on one backend. */
export type CaseOutcome =
  | ({ status: 'ok' | 'mismatch'; ms: number; leakedTensors: number } & ParityError)
  | { status: 'unsupported'; kernel: string; message: string }
  | { status: 'error'; message: string };

/** All cases on one backend. */
export interface BackendParity {
  backend: string;
  /** False when the backend could not be initialised (then `note` says why and `cases` is empty). */
  available: boolean;
  note: string;
  tolerance: Tolerance;
  /** The tfjs flags of this backend in effect while the cases ran (set by `activateBackend`). */
  flags: Record<string, unknown>;
  cases: Record<string, CaseOutcome>;
}

/** The whole parity run: the CPU reference and every backend compared with it. */
export interface ParityReport {
  reference: 'cpu';
  cases: { id: string; covers: string }[];
  backends: BackendParity[];
  totalMs: number;
}

/** Error text of an unknown thrown value. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Backend-specific tfjs flags currently in effect (WEBGPU_*, WEBGL_*, WASM_*). */
export function backendFlags(backend: string): Record<string, unknown> {
  const prefix = `${backend.toUpperCase()}_`;
  return Object.fromEntries(Object.entries(tf.env().getFlags()).filter(([k]) => k.startsWith(prefix)));
}

/** Runs one case on the active backend and judges it against the reference record. */
export async function judgeCase(c: ParityCase, ref: ParityRecord, tol: Tolerance): Promise<CaseOutcome> {
  try {
    const rec = await runParityCase(c);
    const err = compareRecords(ref, rec, tol);
    return { status: err.worstRatio <= 1 ? 'ok' : 'mismatch', ms: Math.round(rec.ms), leakedTensors: rec.leakedTensors, ...err };
  } catch (e) {
    const text = messageOf(e);
    const missing = missingKernel(text);
    return missing ? { status: 'unsupported', kernel: missing.kernel, message: missingKernelMessage(missing.kernel, missing.backend) } : { status: 'error', message: text };
  }
}

/** Records every case on the active backend (call after activating the CPU backend for the reference). */
export async function referenceRecords(cases: readonly ParityCase[]): Promise<Map<string, ParityRecord>> {
  const refs = new Map<string, ParityRecord>();
  for (const c of cases) refs.set(c.id, await runParityCase(c));
  return refs;
}

/**
 * Runs every case on the CPU backend (the reference), then on each named backend, activating backends through
 * `activate` (the studio's own `activateBackend`, so the app's flags apply). `onProgress` hears each finished case.
 */
export async function runParitySuite(
  backends: readonly ParityBackend[],
  activate: (name: ParityBackend) => Promise<void>,
  cases: readonly ParityCase[] = PARITY_CASES,
  onProgress?: (backend: string, caseId: string, outcome: CaseOutcome) => void,
): Promise<ParityReport> {
  const start = performance.now();
  await activate('cpu');
  const refs = await referenceRecords(cases);
  const report: ParityReport = { reference: 'cpu', cases: cases.map(({ id, covers }) => ({ id, covers })), backends: [], totalMs: 0 };
  for (const backend of backends) {
    const tolerance = PARITY_TOLERANCES[backend];
    try {
      await activate(backend);
    } catch (e) {
      report.backends.push({ backend, available: false, note: `could not be initialised: ${messageOf(e)}`, tolerance, flags: {}, cases: {} });
      continue;
    }
    const entry: BackendParity = { backend, available: true, note: '', tolerance, flags: backendFlags(backend), cases: {} };
    for (const c of cases) {
      const outcome = await judgeCase(c, refs.get(c.id)!, tolerance);
      entry.cases[c.id] = outcome;
      onProgress?.(backend, c.id, outcome);
    }
    report.backends.push(entry);
  }
  report.totalMs = Math.round(performance.now() - start);
  return report;
}

