import type { io } from '@tensorflow/tfjs';
import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase, TrialResult } from '../engine/train/types';

/** tfjs backends the studio can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The Backend menu: Auto or one forced backend. */
export type BackendChoice = 'auto' | BackendName;

/** Every backend, in fall-through order. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Which backend runs, and why (shown in the UI). */
export interface BackendInfo {
  name: BackendName;
  /** One sentence: why this backend was chosen. */
  reason: string;
  /** Fall-throughs and exclusions, e.g. "webgl failed to initialise: …". */
  notes: string[];
}

/** What kind of failure ended a run. */
export type FailureKind = 'diverged' | 'invalid-config' | 'backend' | 'internal';

/** Messages from the UI to the training worker. */
export type WorkerRequest =
  | { type: 'start'; runId: number; config: ExperimentConfig; backend: BackendChoice }
  /** Choose (and warm up) the backend for this config ahead of Start, while the studio is idle. */
  | { type: 'prepare'; requestId: number; config: ExperimentConfig; backend: BackendChoice }
  /** Earlier Auto benchmark results (kept by the UI across visits), keyed by architecture. */
  | { type: 'restoreBackendCache'; entries: [string, BackendInfo][] }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'setHyper'; runId: number; temperature: number; alpha: number }
  | { type: 'exportStudent'; runId: number }
  /** Test builds only (VITE_TEST_HOOKS=1): throw an uncaught error inside the worker. */
  | { type: 'debugCrash' };

/** Messages from the training worker to the UI. Metrics travel as deltas, never as whole histories. */
export type WorkerEvent =
  | { type: 'prepared'; requestId: number; info: BackendInfo | null; message: string | null }
  /** Auto measured the backends for an architecture; the UI keeps it for later visits. */
  | { type: 'backendMeasured'; key: string; info: BackendInfo }
  | { type: 'loading'; runId: number; what: string; fraction: number }
  | { type: 'backend'; runId: number; info: BackendInfo }
  /** A phase starts; `context` names an extra trial ("seed 2 of 3", "sweep point …"), null for the main run. */
  | { type: 'phase'; runId: number; phase: Phase; epochs: number; stepsPerEpoch: number; context: string | null }
  /** An extra trial (seed or sweep point) finished. */
  | { type: 'trial'; runId: number; trial: TrialResult }
  | { type: 'metrics'; runId: number; losses: LossPoint[]; epochs: EpochPoint[] }
  | { type: 'paused'; runId: number }
  | { type: 'resumed'; runId: number }
  | { type: 'hyperApplied'; runId: number; phase: Phase | null; step: number; temperature: number; alpha: number }
  | { type: 'done'; runId: number; results: ExperimentResults }
  | { type: 'stopped'; runId: number }
  | { type: 'failed'; runId: number; kind: FailureKind; message: string }
  | { type: 'exported'; runId: number; artifacts: io.ModelArtifacts }
  | { type: 'exportFailed'; runId: number; message: string };

/** Compile-time exhaustiveness check for `switch` statements over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
