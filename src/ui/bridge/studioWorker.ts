import type { io } from '@tensorflow/tfjs-core';
import { useStudio } from '../../store';
import { experimentOf } from '../../store/experimentOf';
import { isFinished } from '../../store/runState';
import type { ImageSource } from '../../worker/imageMessages';
import type { WorkerEvent, WorkerRequest } from '../../worker/protocol';
import { loadBackendCache, saveBackendDecision } from './backendCacheStore';
import { afterWorkerEvent, forgetCheckpoint, type Continuation } from './survival';
import { watchWorkerLock } from './watchWorkerLock';
import { traceWorker } from './workerTrace';
import { i18n } from '../i18n';
import { isModelEvent } from '../../worker/modelMessages';
import { applyModelEvent, studentZipRequest } from './modelsEvents';
import { StudentRequests } from './studentRequests';
import { PredictRequests, type PredictAnswer } from './predictRequests';
import { AnswerRequests } from './answerRequests';
import type { ToyParams, ToyPoints } from '../../worker/toyPoints';
import { RateLimiter, type Timers } from '../../util/rateLimit';
import type { FitMode } from '../../engine/data/images/fitSquare';
import { useLayout } from '../layout/layoutStore';
import { openViewsOf, sameViews } from './openViews';

/** Events that end a run (or checkpoint it): flushed at once rather than waiting for the next frame. */
const TERMINAL = new Set<WorkerEvent['type']>(['done', 'stopped', 'failed', 'halted', 'checkpoint', 'backendSwitched']);

/** A `toyPoints` answer. */
type ToyPointsAnswer = Extract<WorkerEvent, { type: 'toyPoints' }>;

/** How long a hidden tab's events wait (ms): it draws no frames, but its title keeps counting the run's progress. */
const HIDDEN_TAB_BATCH_MS = 250;

/** The next animation frame, or a timer in a hidden tab (which draws no frames). */
const frameTimers: Timers = {
  now: () => performance.now(),
  later: (fn) => {
    if (document.hidden) {
      const id = setTimeout(fn, HIDDEN_TAB_BATCH_MS);
      return () => clearTimeout(id);
    }
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  },
};

/**
 * The main-thread side of the training worker: starts it lazily, sends typed requests, and applies
 * events to the store at most once per animation frame. A crashed worker is replaced on the next run.
 */
class StudioWorker {
  private worker: Worker | null = null;
  private queue: WorkerEvent[] = [];
  /** Applies the queued run events once per frame. */
  private readonly frame = new RateLimiter(() => this.applyQueued(), 0, frameTimers, false);
  private nextRunId = 1;
  private prepareId = 0;
  private prepareTimer: ReturnType<typeof setTimeout> | null = null;
  private studentRequests = new StudentRequests();
  private predictRequests = new PredictRequests();
  private toyRequests = new AnswerRequests<ToyPointsAnswer>((requestId) => ({ type: 'toyPoints', requestId, points: null }));

  /**
   * Starts the training worker now (loading tfjs and its WASM module takes about half a second), so that a Start
   * pressed as soon as the page shows finds it running. Called once at start-up, before the first render.
   */
  boot(): void {
    this.ensureWorker();
    // A tab hidden with a frame pending would never draw it: apply its events now; later ones wait on a timer.
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) this.frame.flush();
    });
    // The worker feeds only the views that are open (and catches one up when it opens).
    useLayout.subscribe((now, before) => {
      const open = openViewsOf(now.view);
      if (!sameViews(open, openViewsOf(before.view))) this.send({ type: 'views', open });
    });
  }

  /** Asks the idle worker to choose and warm up a backend for the current settings (debounced). */
  prepare(delayMs = 300): void {
    if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    useStudio.getState().setPrepared(null);
    this.prepareTimer = setTimeout(() => {
      this.prepareTimer = null;
      const state = useStudio.getState();
      const { config, fieldErrors, run } = state;
      if (Object.keys(fieldErrors).length > 0 || !isFinished(run.status)) return;
      this.send({ type: 'prepare', requestId: ++this.prepareId, config: experimentOf(state), backend: config.backend });
    }, delayMs);
  }

  /** Starts a run with the store's current config; returns its id. */
  start(): number {
    if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    this.prepareTimer = null;
    this.prepareId++; // answers to earlier prepare requests are now stale
    const state = useStudio.getState();
    const { config } = state;
    const runId = this.nextRunId++;
    const experiment = experimentOf(state);
    forgetCheckpoint();
    useStudio.getState().beginRun(runId, experiment, performance.now());
    useStudio.getState().resetInspectFeed(runId);
    this.send({ type: 'start', runId, config: experiment, backend: config.backend });
    return runId;
  }

  /** Continues a checkpointed run (after a reload, a divergence or a crash) as a new run id; a crashed worker is replaced. */
  continueRun(c: Continuation): number {
    if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    this.prepareTimer = null;
    this.prepareId++;
    const runId = this.nextRunId++;
    const curves = c.saved
      ? { lossRows: c.saved.lossRows, epochRows: c.saved.epochRows, lossCount: c.saved.lossCount, checkpoint: { phase: c.saved.phase, epoch: c.saved.epoch, epochs: c.experiment.epochs } }
      : null;
    useStudio.getState().restoreRun(runId, c.experiment, curves, performance.now());
    useStudio.getState().resetInspectFeed(runId); // the continued run posts its own examples and logits
    this.send({ type: 'resumeRun', runId, config: c.experiment, backend: c.backend, checkpoint: c.saved ? c.saved.data : null });
    return runId;
  }

  /** Test builds only: terminates the worker from outside, as the browser would when it runs out of memory. */
  debugTerminate(): void {
    this.worker?.terminate();
  }

  /** Test builds only: destroys the worker's WebGPU device. */
  debugLoseDevice(): void {
    this.send({ type: 'debugLoseDevice' });
  }

  /** Pauses the current run. */
  pause(): void {
    this.send({ type: 'pause', runId: this.runId() });
  }

  /** Resumes the current run. */
  resume(): void {
    this.send({ type: 'resume', runId: this.runId() });
  }

  /** Stops the current run. */
  stop(): void {
    this.send({ type: 'stop', runId: this.runId() });
  }

  /** Sends a live T/α change to the current run. */
  setHyper(temperature: number, alpha: number): void {
    this.send({ type: 'setHyper', runId: this.runId(), temperature, alpha });
  }

  /** Asks the worker for the distilled student as one zip (model.json, weights.bin, report.json), saved when it answers. */
  exportStudent(): void {
    this.send(studentZipRequest(this.runId(), 'none'));
  }

  /** Sends a request built elsewhere (model export, pretrained teachers), transferring buffers where given. */
  request(msg: WorkerRequest, transfer: Transferable[] = []): void {
    this.send(msg, transfer);
  }

  /** Asks the worker for the live run's three models' logits on `count` inputs (a drawn digit, a point of the plane). */
  predict(inputs: Float32Array, count: number): Promise<PredictAnswer> {
    const { requestId, answer } = this.predictRequests.add();
    const { viewing, run } = useStudio.getState();
    const runId = viewing ? viewing.live.id : run.id;
    this.send({ type: 'predict', requestId, runId, inputs, count }, [inputs.buffer as ArrayBuffer]);
    return answer;
  }

  /** The same for one picture's file bytes, decoded and resized in the worker to `size` × `size` with `fit` as the run's images were. */
  predictPhoto(bytes: ArrayBuffer, size: number, fit: FitMode): Promise<PredictAnswer> {
    const { requestId, answer } = this.predictRequests.add();
    const { viewing, run } = useStudio.getState();
    const runId = viewing ? viewing.live.id : run.id;
    this.send({ type: 'predictPhoto', requestId, runId, bytes, size, fit }, [bytes]);
    return answer;
  }

  /** Asks the worker for a built-in toy set's points (the ones it trains on with these params; null when it has none). */
  async toyPoints(params: ToyParams): Promise<ToyPoints | null> {
    const { requestId, answer } = this.toyRequests.add();
    this.send({ type: 'toyPoints', requestId, params });
    return (await answer).points;
  }

  /** Asks the worker for a finished run's distilled student without downloading it (the history keeps it). */
  requestStudent(runId: number): Promise<io.ModelArtifacts> {
    const answer = this.studentRequests.add(runId);
    this.send({ type: 'exportStudent', runId });
    return answer;
  }

  /** Sends a picked CSV's text to the worker for a preview (headers, first rows, suggested label column). */
  inspectCsv(fileName: string, text: string): void {
    const requestId = useStudio.getState().upload.requestId + 1;
    useStudio.getState().beginInspect(requestId, fileName, text);
    this.send({ type: 'inspectCsv', requestId, fileName, text });
  }

  /** Parses the previewed CSV in the worker with the chosen label column and missing-value rule, split with the current seed. */
  loadCsv(): void {
    const { upload, config, beginLoad } = useStudio.getState();
    const fileName = upload.fileNames[0];
    if (upload.csvText === null || fileName === undefined) return;
    const requestId = upload.requestId + 1;
    beginLoad(requestId, 'csv', upload.fileNames, config.seed);
    this.send({ type: 'loadCsv', requestId, fileName, text: upload.csvText, labelColumn: upload.labelColumn, seed: config.seed, missing: upload.missingRule });
  }

  /** Sends an idx images + labels pair (raw or gzip bytes, transferred) to the worker to decode, split with the current seed. */
  loadIdx(images: { name: string; bytes: ArrayBuffer }, labels: { name: string; bytes: ArrayBuffer }): void {
    const { upload, config, beginLoad } = useStudio.getState();
    const requestId = upload.requestId + 1;
    beginLoad(requestId, 'idx', [images.name, labels.name], config.seed);
    const msg: WorkerRequest = { type: 'loadIdx', requestId, imagesName: images.name, images: images.bytes, labelsName: labels.name, labels: labels.bytes, seed: config.seed };
    this.send(msg, images.bytes === labels.bytes ? [images.bytes] : [images.bytes, labels.bytes]);
  }

  /** Sends an image set (loose files or a zip, buffers transferred) to the worker to decode with the chosen size and fit, split with the current seed. */
  loadImages(source: ImageSource): void {
    const { upload, config, beginLoad } = useStudio.getState();
    const requestId = upload.requestId + 1;
    beginLoad(requestId, 'images', [source.name], config.seed);
    const transfer = source.kind === 'zip' ? [source.bytes] : source.buffers;
    this.send({ type: 'loadImages', requestId, source, size: upload.imagePrep.size, fit: upload.imagePrep.fit, seed: config.seed }, transfer);
  }

  /** Test builds only: makes the worker throw, to exercise crash recovery. */
  debugCrash(): void {
    this.send({ type: 'debugCrash' });
  }

  private runId(): number {
    return useStudio.getState().run.id;
  }

  private send(msg: WorkerRequest, transfer: Transferable[] = []): void {
    traceWorker('sent', msg);
    this.ensureWorker().postMessage(msg, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'distill-training' });
    traceWorker('sent', 'new Worker');
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      traceWorker('got', e.data);
      if (e.data.type === 'alive') watchWorkerLock(e.data.lock, () => this.worker === worker && this.crash(i18n.t('survive:workerGone')));
      else this.receive(e.data);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      traceWorker('error', e.message || 'error');
      this.crash(i18n.t('app:failure.workerCrashed', { error: e.message || i18n.t('app:failure.unknownError') }));
    };
    worker.onmessageerror = () => this.crash(i18n.t('app:failure.workerUnreadable'));
    this.worker = worker;
    // Test builds only: a page opened with `__distillHoldBackend` set keeps the worker's backends starting until released.
    if (import.meta.env.VITE_TEST_HOOKS === '1' && (window as Window & { __distillHoldBackend?: boolean }).__distillHoldBackend) {
      worker.postMessage({ type: 'debugHoldBackend' } satisfies WorkerRequest);
    }
    worker.postMessage({ type: 'restoreBackendCache', entries: loadBackendCache() } satisfies WorkerRequest);
    worker.postMessage({ type: 'views', open: openViewsOf(useLayout.getState().view) } satisfies WorkerRequest);
    return worker;
  }

  /** Replaces a crashed worker and fails the current run (or shows a notice when none is going) with a clear message; uploads it held are gone. */
  private crash(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.studentRequests.failAll(message);
    this.predictRequests.failAll();
    this.toyRequests.failAll();
    const { run, upload, failUpload, setNotice } = useStudio.getState();
    if (upload.status === 'inspecting' || upload.status === 'loading') failUpload(i18n.t('app:failure.crashWhileReading', { message }));
    else if (upload.status === 'ready') failUpload(i18n.t('app:failure.uploadGone'));
    useStudio.getState().modelsWorkerGone();
    if (isFinished(run.status)) setNotice(message);
    else this.receive({ type: 'halted', runId: this.runId(), halt: { reason: 'crashed', message } });
  }

  private receive(event: WorkerEvent): void {
    // Only the History asks for a student this way (downloads go through the zip); a late answer is dropped.
    if (event.type === 'exported') {
      this.studentRequests.settle(event);
      return;
    }
    if (event.type === 'exportFailed' && this.studentRequests.settle(event)) return;
    if (event.type === 'predicted') {
      this.predictRequests.settle(event);
      return;
    }
    if (event.type === 'toyPoints') {
      this.toyRequests.settle(event);
      return;
    }
    if (isModelEvent(event)) {
      applyModelEvent(event);
      return;
    }
    if (event.type === 'backendMeasured') {
      saveBackendDecision(event.key, event.info);
      return;
    }
    if (event.type === 'prepared') {
      if (event.requestId === this.prepareId) useStudio.getState().setPrepared({ info: event.info, message: event.message });
      return;
    }
    if (event.type === 'csvPreview' || event.type === 'uploadReady' || event.type === 'uploadFailed' || event.type === 'imagesProgress') {
      useStudio.getState().applyUploadEvent(event);
      if (event.type === 'uploadReady') this.prepare();
      return;
    }
    if (event.type === 'exportFailed') {
      useStudio.getState().setNotice(i18n.t('app:failure.downloadFailed', { error: event.message }));
      return;
    }
    this.queue.push(event);
    this.frame.request();
    if (TERMINAL.has(event.type)) this.frame.flush();
    afterWorkerEvent(event);
  }

  /** Applies the queued run events in one store update each: the run (and its progress), the boundaries, the inspected logits. */
  private applyQueued(): void {
    if (this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    const now = performance.now();
    useStudio.getState().applyEvents(events, now);
    useStudio.getState().applyBoundaryEvents(events);
    useStudio.getState().applyInspectEvents(events);
  }
}

/** The one worker bridge of the app. */
export const studioWorker = new StudioWorker();

if (import.meta.env.VITE_TEST_HOOKS === '1') {
  (window as Window & { __distillTestHooks?: { crashWorker: () => void; terminateWorker: () => void; loseDevice: () => void; releaseBackend: () => void } }).__distillTestHooks = {
    crashWorker: () => studioWorker.debugCrash(),
    terminateWorker: () => studioWorker.debugTerminate(),
    loseDevice: () => studioWorker.debugLoseDevice(),
    releaseBackend: () => studioWorker.request({ type: 'debugReleaseBackend' }),
  };
}
