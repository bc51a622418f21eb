import type { ParityBackend } from './cases';
import type { ParityReport } from './suite';

/** A set of tfjs flag values to try on one backend (applied after `activateBackend`; {} = exactly the app's flags). */
export interface FlagCandidate {
  backend: ParityBackend;
  label: string;
  flags: Record<string, number | boolean>;
}

/** What the flag measurement times: the MNIST CNN teacher preset, or the studio's default MLP teacher on the spiral. */
export type FlagWorkload = 'cnn' | 'mlp';

/** Timings of one workload under one backend and flag set. */
export interface FlagTiming {
  backend: ParityBackend;
  label: string;
  workload: FlagWorkload;
  /** The backend's flags in effect during the measurement. */
  flags: Record<string, unknown>;
  /** First forward pass (shader compilation included) and the median of the later ones, ms. */
  forwardFirstMs: number;
  forwardMs: number;
  /** First SGD training step and the median of the later ones, ms; null when a kernel is missing. */
  stepFirstMs: number | null;
  stepMs: number | null;
  /** Why the step could not run, else empty. */
  note: string;
  /** Parity of every case under these flags (filled on the candidate's first workload only). */
  parity: Record<string, string>;
}

/** Requests from the parity page to its worker. */
export type ParityRequest =
  | { mode: 'parity'; backends: ParityBackend[]; cases: string[] | null; overrides: Record<string, number | boolean> }
  | { mode: 'flags'; candidates: FlagCandidate[]; workloads: FlagWorkload[]; batch: number; reps: number; checkParity: boolean };

/** Messages from the parity worker to its page. */
export type ParityMessage =
  | { type: 'progress'; text: string }
  | { type: 'parity'; report: ParityReport }
  | { type: 'flags'; rows: FlagTiming[] }
  | { type: 'failed'; error: string };

