/// <reference lib="webworker" />
import type * as tf from '@tensorflow/tfjs';
import { activateBackend, errorText, holdBackendStarts, warmUpBackendChoice } from './backends';
import { decodeResumePoint, type ResumePoint } from '../engine/train/resumePoint';
import { backendFault, destroyDevice, deviceKnownLost } from './deviceLoss';
import { holdLivenessLock } from './lifeLock';
import { serializeModel } from './exportModel';
import { BackendGate } from './backendGate';
import { backendNeed } from './backendNeed';
import { BackendPlanner } from './backendPlanner';
import { ModelDesk } from './modelDesk';
import { assertNever, type WorkerEvent, type WorkerRequest } from './protocol';
import { Run } from './runner';
import { predictors } from './predictors';
import { viewFeeds } from './viewFeeds';
import { preparePhoto } from './photoPrep';
import type { PredictPhotoRequest } from './imageMessages';
import { imageFeatures } from '../engine/data/images/imageSet';
import { UploadStore, withDataError } from './uploads';
import { loadImageFolder } from './imageFolderLoader';
import { setStageSink, stageTrace } from './stageTrace';
import { toySets } from './toySets';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The one queue of tfjs work: backend selections run alone, and requests that need tfjs wait for the backend they will
 * run on. Work that comes before the page asked for any backend (e.g. a fresh worker after a crash) starts the CPU
 * backend, which always starts; the next prepare or run moves its tensors to the backend it chooses.
 */
const gate = new BackendGate(() => activateBackend('cpu'));
const planner = new BackendPlanner(gate, (key, info) => post({ type: 'backendMeasured', key, info }));
/** Test builds only: releases the backend starts held by `debugHoldBackend`. */
let releaseBackends: (() => void) | null = null;
let active: { run: Run; done: Promise<unknown> } | null = null;
let student: { runId: number; model: tf.LayersModel; dispose: () => void } | null = null;
const uploads = new UploadStore();
const models = new ModelDesk(post);

/** Posts a typed event to the UI. */
function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** Starts a run after stopping (and awaiting) any run still going. */
async function start(msg: Extract<WorkerRequest, { type: 'start' | 'resumeRun' }>, resume: ResumePoint | null = null): Promise<void> {
  if (active) {
    active.run.controller.stop();
    await active.done;
  }
  models.clearFinished();
  viewFeeds.attach({}); // the previous run's feeds catch no view up any more
  student?.dispose();
  student = null;
  const run = new Run(msg.runId, msg.config, msg.backend, post, planner, uploads, models.teachers, resume);
  const done = run.execute().then((outcome) => {
    if (outcome) student = { runId: msg.runId, model: outcome.student, dispose: outcome.dispose };
    if (outcome) models.setFinished(msg.runId, outcome.student, msg.config, outcome.results, run.dataset, run.teacherWeights);
    if (active?.run === run) active = null;
  });
  active = { run, done };
  await done;
}

/** Id of the newest prepare request; older ones still queued are skipped. */
let latestPrepare = -1;

/** Chooses and warms up the backend for a config while idle, so Start trains at once. */
async function prepare(msg: Extract<WorkerRequest, { type: 'prepare' }>): Promise<void> {
  if (active) return; // never switch backends under a running experiment
  latestPrepare = msg.requestId;
  stageTrace(`prepare ${msg.requestId}: ${msg.backend}`);
  try {
    // Settings that changed again (or a Start) while this request waited make it stale: skip its benchmark.
    const info = await planner.plan(msg.config, msg.backend, () => latestPrepare !== msg.requestId || active !== null);
    stageTrace(`prepare ${msg.requestId}: ${info ? info.name : 'stale, skipped'}`);
    if (info) post({ type: 'prepared', requestId: msg.requestId, info, message: null });
  } catch (e) {
    post({ type: 'prepared', requestId: msg.requestId, info: null, message: errorText(e) });
  }
}

/** Serialises the last distilled student and sends it to the UI (which builds the files). */
async function exportStudent(runId: number): Promise<void> {
  if (!student || student.runId !== runId) {
    post({ type: 'exportFailed', runId, message: 'There is no finished student to download. Run an experiment first.' });
    return;
  }
  try {
    const artifacts = await serializeModel(student.model);
    const buffer = artifacts.weightData as ArrayBuffer;
    post({ type: 'exported', runId, artifacts }, [buffer]);
  } catch (e) {
    post({ type: 'exportFailed', runId, message: errorText(e) });
  }
}

/** Parses the user's CSV or idx files into the upload store and answers with their metadata or the parser's message. */
async function loadUpload(msg: Extract<WorkerRequest, { type: 'loadCsv' | 'loadIdx' }>): Promise<void> {
  try {
    const { meta, summary } =
      msg.type === 'loadCsv'
        ? uploads.addCsv(msg.fileName, msg.text, msg.labelColumn, msg.seed, msg.missing)
        : await uploads.addIdx(msg.imagesName, new Uint8Array(msg.images), msg.labelsName, new Uint8Array(msg.labels), msg.seed);
    post({ type: 'uploadReady', requestId: msg.requestId, meta, summary }, summary.gallery.map((g) => g.pixels.buffer as ArrayBuffer));
  } catch (e) {
    post({ type: 'uploadFailed', requestId: msg.requestId, message: errorText(e), ...withDataError(e) });
  }
}

/** Answers a CSV preview request with the headers and first rows, or the reason the text cannot be read. */
function inspectCsv(msg: Extract<WorkerRequest, { type: 'inspectCsv' }>): void {
  try {
    post({ type: 'csvPreview', requestId: msg.requestId, preview: uploads.inspectCsv(msg.text, msg.fileName), error: null });
  } catch (e) {
    post({ type: 'csvPreview', requestId: msg.requestId, preview: null, error: errorText(e), ...withDataError(e) });
  }
}

/** Answers a predict request with the three models' logits (buffers transferred) or the reason there are none; `photo` (a prepared picture) travels along. */
async function predict(msg: Extract<WorkerRequest, { type: 'predict' }>, photo?: Uint8Array): Promise<void> {
  const answer = await predictors.predict(msg.runId, msg.inputs, msg.count);
  const withPhoto = photo ? { photo } : {};
  const photoBuffers = photo ? [photo.buffer as ArrayBuffer] : [];
  if ('problem' in answer) {
    post({ type: 'predicted', requestId: msg.requestId, runId: msg.runId, logits: null, numClasses: 0, problem: answer.problem, ...withPhoto }, photoBuffers);
    return;
  }
  const { logits, numClasses } = answer;
  const buffers = [logits.teacher, logits.scratch, logits.distill].filter((l): l is Float32Array => l !== null).map((l) => l.buffer as ArrayBuffer);
  post({ type: 'predicted', requestId: msg.requestId, runId: msg.runId, logits, numClasses, problem: null, ...withPhoto }, [...buffers, ...photoBuffers]);
}

/** Prepares a picture as the run's images were, then answers as `predict` does, with the prepared pixels (or the picture's problem). */
async function predictPhoto(msg: PredictPhotoRequest): Promise<void> {
  const prepared = await preparePhoto(msg.bytes, msg.size, msg.fit);
  if ('problem' in prepared) {
    post({ type: 'predicted', requestId: msg.requestId, runId: msg.runId, logits: null, numClasses: 0, problem: prepared.problem });
    return;
  }
  await predict({ type: 'predict', requestId: msg.requestId, runId: msg.runId, inputs: imageFeatures(prepared.rgb), count: 1 }, prepared.rgb);
}

/** Handles one request (awaitable when it does async work); the switch is exhaustive over the request union. */
function handle(msg: WorkerRequest): Promise<void> | void {
  const run = active && 'runId' in msg && active.run.runId === msg.runId ? active.run : null;
  switch (msg.type) {
    case 'start':
      return start(msg);
    case 'restoreBackendCache':
      planner.restore(msg.entries);
      return;
    case 'prepare':
      return prepare(msg);
    case 'pause':
      run?.controller.pause(); // the run posts "paused" when it halts at its next step boundary
      return;
    case 'resume':
      if (run) {
        run.controller.resume();
        post({ type: 'resumed', runId: msg.runId });
      }
      return;
    case 'stop':
      run?.controller.stop();
      return;
    case 'setHyper':
      run?.setHyper(msg.temperature, msg.alpha);
      return;
    case 'views':
      // A view that opens is caught up from the latest run's feeds (predictions: through the gate, as `predict` is).
      for (const fill of viewFeeds.setOpen(msg.open)) void gate.use(fill);
      return;
    case 'exportStudent':
      return exportStudent(msg.runId);
    case 'inspectCsv':
      inspectCsv(msg);
      return;
    case 'loadCsv':
    case 'loadIdx':
      return loadUpload(msg);
    case 'loadImages':
      return loadImageFolder(msg, uploads, post);
    case 'resumeRun': {
      let resume: ResumePoint | null = null;
      try {
        resume = msg.checkpoint ? decodeResumePoint(msg.checkpoint) : null;
      } catch (e) {
        post({ type: 'failed', runId: msg.runId, kind: 'invalid-config', message: { code: 'text', text: errorText(e) } });
        return;
      }
      return start(msg, resume);
    }
    case 'debugLoseDevice':
      if (import.meta.env.VITE_TEST_HOOKS === '1') destroyDevice();
      return;
    case 'debugHoldBackend':
      if (import.meta.env.VITE_TEST_HOOKS === '1') releaseBackends = holdBackendStarts();
      return;
    case 'debugReleaseBackend':
      releaseBackends?.();
      releaseBackends = null;
      return;
    case 'buildStudentZip':
    case 'previewQuantized':
    case 'buildOnnx':
    case 'buildPreparedDataset':
    case 'loadTeacher':
    case 'loadOnnxTeacher':
    case 'removeTeacher':
      return models.handle(msg);
    case 'predict':
      return predict(msg);
    case 'toyPoints':
      return toySets.points(msg.params).then((points) => post({ type: 'toyPoints', requestId: msg.requestId, points }));
    case 'predictPhoto':
      return predictPhoto(msg);
    case 'debugCrash':
      if (import.meta.env.VITE_TEST_HOOKS === '1') throw new Error('Simulated worker crash (test hook)');
      return;
    default:
      assertNever(msg);
  }
}

/** Routes a request: tfjs work through the backend gate, everything else at once (runs and prepares choose their backend through the planner, which is the gate's selection). */
function receive(msg: WorkerRequest): void {
  if (backendNeed(msg) === 'use') void gate.use(async () => handle(msg));
  else void handle(msg);
}

/**
 * Connects the worker to the page: messages in (first the ones that arrived while this module loaded), the early
 * warm-up, unhandled rejections out, the liveness lock.
 */
export function boot(early: readonly MessageEvent<WorkerRequest>[]): void {
  const scope = self as typeof self & { distillWorkerBooted?: boolean };
  if (scope.distillWorkerBooted) return;
  scope.distillWorkerBooted = true;
  setStageSink((text) => post({ type: 'debugTrace', text }));
  stageTrace('boot');
  self.onmessage = (e: MessageEvent<WorkerRequest>) => receive(e.data);
  // Off the first run's critical path: see warmUpBackendChoice.
  warmUpBackendChoice();
  for (const e of early) receive(e.data);
  self.onunhandledrejection = (e: PromiseRejectionEvent) => {
    // A lost GPU device rejects tfjs's pending reads; the run itself switches backend and continues.
    if (deviceKnownLost() || backendFault(e.reason, 'webgpu') === 'device-lost') return;
    post({ type: 'failed', runId: active?.run.runId ?? -1, kind: 'internal', message: { code: 'workerError', error: errorText(e.reason) } });
  };
  holdLivenessLock(post);
}
