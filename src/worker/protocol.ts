import type { io } from '@tensorflow/tfjs';
import type { CsvPreview } from '../engine/data/csv';
import type { DataErrorValue } from '../engine/data/dataErrors';
import type { UserDataMeta } from '../engine/data/meta';
import type { SkippedFile } from '../engine/data/images/classTree';
import type { ImageSetReport, LoadImagesRequest, PhotoProblem, PredictPhotoRequest } from './imageMessages';
import type { MissingRule } from '../engine/data/missing';
import type { DatasetSummary } from '../engine/data/summary';
import type { BoundaryGrid } from '../engine/inspect/boundaryGrid';
import type { InspectExamples } from '../engine/inspect/examples';
import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, Phase, TrialResult } from '../engine/train/types';
import type { PhaseContext } from '../engine/train/phaseContext';
import type { BackendNote, BackendReason } from './backendReason';
import type { ModelRequest, ModelEvent } from './modelMessages';
import type { RunMessage } from './runMessage';
import type { PredictedLogits, PredictProblem } from './predictors';
import type { ToyParams, ToyPoints } from './toyPoints';

/** tfjs backends the studio can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The Backend menu: Auto or one forced backend. */
export type BackendChoice = 'auto' | BackendName;

/** Every backend, in fall-through order. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Which backend runs, and why (shown in the UI). */
export interface BackendInfo {
  name: BackendName;
  /** Why this backend was chosen (a code the UI renders through the catalogues: `describeBackend`). */
  reason: BackendReason;
  /** Fall-throughs and exclusions, e.g. webgl failed to initialise (with tfjs's error text). */
  notes: BackendNote[];
  /** WASM only: how many threads XNNPACK uses, and whether the page is cross-origin isolated (threads need it). */
  threads?: WasmThreads;
}

/** The WASM backend's thread pool as it started. */
export interface WasmThreads {
  /** Threads XNNPACK runs on (1 without cross-origin isolation). */
  count: number;
  /** The page is cross-origin isolated (COOP + COEP), so SharedArrayBuffer and the threaded build are available. */
  isolated: boolean;
}

/** What kind of failure ended a run. */
export type FailureKind = 'diverged' | 'invalid-config' | 'backend' | 'internal';

/** Which of the page's views that show classroom feeds are open: only their feeds do any work in the worker. */
export interface OpenViews {
  /** "See the dark knowledge": the inspected examples and the models' logits on them. */
  knowledge: boolean;
  /** "Data": the 2-D sets' decision-boundary grids. */
  boundaries: boolean;
}

/** Messages from the UI to the training worker. */
export type WorkerRequest =
  | { type: 'start'; runId: number; config: ExperimentConfig; backend: BackendChoice }
  /** The views now open (sent when the worker starts and whenever they change); a view that opens is caught up on what it missed. */
  | { type: 'views'; open: OpenViews }
  /** Choose (and warm up) the backend for this config ahead of Start, while the studio is idle. */
  | { type: 'prepare'; requestId: number; config: ExperimentConfig; backend: BackendChoice }
  /** Earlier Auto benchmark results (kept by the UI across visits), keyed by architecture. */
  | { type: 'restoreBackendCache'; entries: [string, BackendInfo][] }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'setHyper'; runId: number; temperature: number; alpha: number }
  | { type: 'exportStudent'; runId: number }
  /** Reads a CSV file's headers and first rows (answered by `csvPreview`). */
  | { type: 'inspectCsv'; requestId: number; fileName: string; text: string }
  /** Parses a CSV with the chosen label column (0-based) and missing-value rule, and keeps it in the worker (answered by `uploadReady` or `uploadFailed`). */
  | { type: 'loadCsv'; requestId: number; fileName: string; text: string; labelColumn: number; seed: number; missing: MissingRule }
  /** Decodes an idx images + labels pair (raw or gzip) and keeps it in the worker (answered by `uploadReady` or `uploadFailed`). */
  | { type: 'loadIdx'; requestId: number; imagesName: string; images: ArrayBuffer; labelsName: string; labels: ArrayBuffer; seed: number }
  /** Decodes a class-per-folder image set (loose files or a zip) and keeps it in the worker (answered by `imagesProgress`, then `uploadReady` or `uploadFailed`). */
  | LoadImagesRequest
  /** Test builds only (VITE_TEST_HOOKS=1): throw an uncaught error inside the worker. */
  | { type: 'debugCrash' }
  /** Continues a run from an encoded checkpoint (`checkpoint` event), or from the beginning when null. */
  | { type: 'resumeRun'; runId: number; config: ExperimentConfig; backend: BackendChoice; checkpoint: ArrayBuffer | null }
  /** Test builds only: destroys the WebGPU backend's device, as a driver reset would. */
  | { type: 'debugLoseDevice' }
  /** Test builds only: every backend that starts from now on stays starting (its tfjs init pending) until released. */
  | { type: 'debugHoldBackend' }
  /** Test builds only: lets the backends held by `debugHoldBackend` finish starting. */
  | { type: 'debugReleaseBackend' }
  /** The main run's three models' logits on `count` inputs (a drawn digit, a point of the plane); answered by `predicted`. */
  | { type: 'predict'; requestId: number; runId: number; inputs: Float32Array; count: number }
  /** A built-in toy set's points for the page to draw (the ones a run with these params trains on); answered by `toyPoints`. */
  | { type: 'toyPoints'; requestId: number; params: ToyParams }
  /** The same for one picture, decoded and resized in the worker as the run's image set was; answered by `predicted` with the prepared pixels. */
  | PredictPhotoRequest
  /** Student zip, quantised previews and pretrained teachers (see `modelMessages.ts`). */
  | ModelRequest;

/** Messages from the training worker to the UI. Metrics travel as deltas, never as whole histories. */
export type WorkerEvent =
  | { type: 'prepared'; requestId: number; info: BackendInfo | null; message: string | null }
  /** Answer to `toyPoints`: the set's points (copied, the worker keeps its set), or null when it has none. */
  | { type: 'toyPoints'; requestId: number; points: ToyPoints | null }
  /** Auto measured the backends for an architecture; the UI keeps it for later visits. */
  | { type: 'backendMeasured'; key: string; info: BackendInfo }
  | { type: 'loading'; runId: number; what: string; fraction: number }
  /** The dataset is loaded: counts, classes and gallery images. */
  | { type: 'dataset'; runId: number; summary: DatasetSummary }
  | { type: 'backend'; runId: number; info: BackendInfo }
  /** A phase starts; `context` names an extra trial (a seed, a sweep point) or the latency measurement, null for the main run. */
  | { type: 'phase'; runId: number; phase: Phase; epochs: number; stepsPerEpoch: number; context: PhaseContext | null; fromEpoch?: number }
  /** An extra trial (seed or sweep point) finished. */
  | { type: 'trial'; runId: number; trial: TrialResult }
  | { type: 'metrics'; runId: number; losses: LossPoint[]; epochs: EpochPoint[] }
  /** A 2-D set's decision-boundary grid of the main run's model of `phase` after `epoch` (buffers transferred). */
  | ({ type: 'boundary'; runId: number; phase: Phase; epoch: number } & BoundaryGrid)
  | { type: 'paused'; runId: number }
  | { type: 'resumed'; runId: number }
  /** A live T/α change took effect: `step` is the first step of `phase` ('distill'; null: an extra trial's) whose loss used it. */
  | { type: 'hyperApplied'; runId: number; phase: Phase | null; step: number; temperature: number; alpha: number }
  | { type: 'done'; runId: number; results: ExperimentResults }
  | { type: 'stopped'; runId: number }
  | { type: 'failed'; runId: number; kind: FailureKind; message: RunMessage }
  | { type: 'exported'; runId: number; artifacts: io.ModelArtifacts }
  | { type: 'exportFailed'; runId: number; message: string }
  /** Answer to `inspectCsv`: the preview, or why the file cannot be read. */
  | { type: 'csvPreview'; requestId: number; preview: CsvPreview | null; error: string | null; dataError?: DataErrorValue }
  /** The user's data is parsed, split and held by the worker under `meta.id`. */
  | { type: 'uploadReady'; requestId: number; meta: UserDataMeta; summary: DatasetSummary; images?: ImageSetReport }
  /** The user's files could not be used: the parser's message (for an image set, also the files it had set aside). */
  | { type: 'uploadFailed'; requestId: number; message: string; dataError?: DataErrorValue; skipped?: SkippedFile[] }
  /** An image set is being decoded: `done` of `total` files. */
  | { type: 'imagesProgress'; requestId: number; done: number; total: number }
  /** The worker holds the Web Lock `lock` for its lifetime: the UI learns of its termination when it can take it. */
  | { type: 'alive'; lock: string }
  /** Test builds only: a step of the worker's backend start (see stageTrace.ts), for the page's worker trace. */
  | { type: 'debugTrace'; text: string }
  /** The main run finished `epoch` of `phase`; `data` is the encoded checkpoint to continue from there. */
  | { type: 'checkpoint'; runId: number; phase: Phase; epoch: number; epochs: number; data: ArrayBuffer }
  /** The run paused on a fault it cannot train through (the last checkpoint stays available to resume from). */
  | { type: 'halted'; runId: number; halt: Halt }
  /** The backend failed mid-run; training continues on `info.name` from the last checkpoint (`epoch`/`step` of `phase`, or the start). */
  | { type: 'backendSwitched'; runId: number; from: BackendName; cause: SwitchCause; info: BackendInfo; phase: Phase | null; epoch: number; step: number }
  /**
   * Answer to `predict` and `predictPhoto`: each model's logits (null for one not trained yet), or why there are none;
   * for a picture also its prepared `size × size × 3` RGB bytes (what the models saw).
   */
  | { type: 'predicted'; requestId: number; runId: number; logits: PredictedLogits | null; numClasses: number; problem: PredictProblem | PhotoProblem | null; photo?: Uint8Array }
  /** Answers to model requests (see `modelMessages.ts`). */
  | ModelEvent
  /** The test examples the classroom views inspect (sent once per run; buffers transferred). */
  | { type: 'inspectExamples'; runId: number; examples: InspectExamples }
  /** A main-run model's logits on the inspected examples after an evaluated epoch (row-major, transferred). */
  | { type: 'inspectLogits'; runId: number; phase: Phase; epoch: number; logits: Float32Array };

/** Why a run paused itself, with its parameters: a diverged loss (phase, step, the bad value) or a crashed worker. */
export type Halt = { reason: 'diverged'; phase: Phase; step: number; value: number } | { reason: 'crashed'; message: string };

/** Why the worker left a backend mid-run. */
export type SwitchCause = 'device-lost' | 'kernel-missing';

/** Why a run or the UI cannot use an upload any more: the worker that held it has gone (e.g. after a crash). */
export const UPLOAD_GONE = 'Your uploaded data is no longer loaded — please add the file again.';

/** Compile-time exhaustiveness check for `switch` statements over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
