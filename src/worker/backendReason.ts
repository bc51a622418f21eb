import type { BackendInfo, BackendName, SwitchCause } from './protocol';

/** What the WebGPU probe found, as a code the UI words in its language. */
export type WebGpuStatus =
  /** navigator.gpu is missing. */
  | { code: 'missing' }
  /** requestAdapter threw; `error` is the browser's own text. */
  | { code: 'requestFailed'; error: string }
  /** requestAdapter returned no adapter. */
  | { code: 'noAdapter' }
  /** An adapter; `adapter` is its vendor/architecture/description ('' when the browser tells nothing). */
  | { code: 'adapter'; software: boolean; adapter: string };

/** One measured training step of a backend (ms). */
export interface BackendTiming {
  name: BackendName;
  ms: number;
}

/** Why a backend runs (a code plus parameters; the UI renders it through the message catalogues). */
export type BackendReason =
  /** Forced in the Backend menu and it started. */
  | { code: 'forced' }
  /** `chosen` was forced but failed to start; the run fell through to this backend. */
  | { code: 'fellThrough'; chosen: BackendName }
  /** Auto, before it timed hardware WebGPU: WebGPU on a hardware adapter (kept for history records and files). */
  | { code: 'webgpuHardware'; webgpu: WebGpuStatus }
  /** Auto: the fastest backend by a short benchmark (hardware WebGPU among them) (timings fastest first); `cached` when reused from an earlier one. */
  | { code: 'benchmarked'; webgpu: WebGpuStatus; timings: BackendTiming[]; cached?: boolean }
  /** Mid-run switch away from `from`. */
  | { code: 'switched'; from: BackendName; cause: SwitchCause }
  /** An English sentence saved by an older version (history records and files). */
  | { code: 'legacy'; text: string };

/** A fall-through or exclusion on the way to the chosen backend; `error` is tfjs's own text. */
export type BackendNote =
  | { code: 'initFailed'; backend: BackendName; error: string }
  | { code: 'cannotTrain'; backend: BackendName; error: string }
  /** Auto did not time WebGL: its renderer is a software fallback (`renderer`, e.g. SwiftShader), far slower than WASM. */
  | { code: 'softwareWebgl'; renderer: string }
  /** Auto did not time the CPU backend: WASM trains these models, and it runs the same kernels compiled with SIMD. */
  | { code: 'cpuNotTimed' }
  /** An English note saved by an older version. */
  | { code: 'legacy'; text: string };

/** Plain-English notes, for error messages thrown from the worker (never shown as a sentence of the catalogues). */
export function notesInEnglish(notes: readonly BackendNote[]): string {
  return notes
    .map((n) => {
      switch (n.code) {
        case 'legacy':
          return n.text;
        case 'initFailed':
          return `${n.backend} failed to initialise: ${n.error}`;
        case 'cannotTrain':
          return `${n.backend} cannot train these models: ${n.error}`;
        case 'softwareWebgl':
          return `webgl not timed: its renderer is software (${n.renderer})`;
        case 'cpuNotTimed':
          return 'cpu not timed: wasm trains these models';
      }
    })
    .join('; ');
}

const REASON_CODES = new Set(['forced', 'fellThrough', 'webgpuHardware', 'benchmarked', 'switched', 'legacy']);
const NOTE_CODES = new Set(['initFailed', 'cannotTrain', 'softwareWebgl', 'cpuNotTimed', 'legacy']);

/** A plain object (not an array). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A backend decision read back from storage (history records, history files): the current shape as it is, and an
 * older version's English `reason`/`notes` sentences as `legacy` codes. Null when it is neither.
 */
export function readBackendInfo(value: unknown): BackendInfo | null {
  if (!isRecord(value) || typeof value.name !== 'string' || !Array.isArray(value.notes)) return null;
  const raw = value.reason;
  const reason: BackendReason | null =
    typeof raw === 'string' ? { code: 'legacy', text: raw } : isRecord(raw) && typeof raw.code === 'string' && REASON_CODES.has(raw.code) ? (raw as BackendReason) : null;
  if (!reason) return null;
  const notes: BackendNote[] = [];
  for (const n of value.notes as unknown[]) {
    if (typeof n === 'string') notes.push({ code: 'legacy', text: n });
    else if (isRecord(n) && typeof n.code === 'string' && NOTE_CODES.has(n.code)) notes.push(n as BackendNote);
    else return null;
  }
  return { name: value.name as BackendName, reason, notes };
}
