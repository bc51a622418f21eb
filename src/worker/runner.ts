import * as tf from '@tensorflow/tfjs';
import { DATASETS } from '../engine/data/registry';
import { createFetchSource } from '../engine/data/source';
import { summarizeDataset } from '../engine/data/summary';
import { validateConfig } from '../engine/train/validateConfig';
import { missingKernel } from '../engine/parity';
import { RunCancelled, RunController } from '../engine/train/controller';
import { LossDivergedError } from '../engine/train/errors';
import { runExperiment, type ExperimentHooks, type ExperimentOptions, type ExperimentOutcome } from '../engine/train/experiment';
import type { Dataset } from '../engine/data/types';
import { standardizedCopy } from '../engine/data/userData';
import { encodeResumePoint, type ResumePoint } from '../engine/train/resumePoint';
import type { ExperimentConfig } from '../engine/train/types';
import { errorText } from './backends';
import { backendFault, deviceWasLost, nextBackend, watchDevice } from './deviceLoss';
import type { BackendPlanner } from './backendPlanner';
import { DeltaBatcher } from './batcher';
import { type BackendChoice, type BackendInfo, type BackendName, type FailureKind, type SwitchCause, type WorkerEvent } from './protocol';
import { FeedSpacing } from './feedSpacing';
import type { TeacherScores } from './predictors';
import { classroomFeeds } from './classroomFeeds';
import type { UploadStore } from './uploads';
import { toySets } from './toySets';
import type { PretrainedStore } from './pretrainedTeachers';
import { ImportFailure } from '../engine/import/errors';
import type { RunMessage } from './runMessage';

/** The teacher a run is given instead of training one: a tfjs model or an ONNX teacher's precomputed logits. */
type TeacherOptions = Pick<ExperimentOptions, 'teacher' | 'precomputed'>;

/** Posts one typed event to the UI (transferring buffers where given). */
export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** A run refused before training (bad settings, a teacher that does not fit, no backend): its one terminal event. */
class Refused extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: RunMessage,
  ) {
    super('run refused');
  }
}

/** How one attempt at the experiment ended: done (with its last checkpoint), or a backend fault to continue from `resume`. */
type Attempt = { kind: 'done'; outcome: ExperimentOutcome; last: ResumePoint | null } | { kind: 'fault'; cause: SwitchCause; resume: ResumePoint | null };

/** One run in the worker: data, backend choice, the three phases, and its controller. */
export class Run {
  readonly controller: RunController;
  /** The run's dataset once loaded (kept by the worker for the student's downloads). */
  dataset: Dataset | null = null;
  /** The trained teacher's weights from the finished run's last checkpoint (null until it finishes, or without one). */
  teacherWeights: Float32Array[] | null = null;
  /** A loaded ONNX teacher's logits on any inputs (for "Try it yourself"; null without one). */
  private teacherScores: TeacherScores | null = null;

  /** Creates a run; call `execute` to start it. */
  constructor(
    readonly runId: number,
    private readonly config: ExperimentConfig,
    private readonly backend: BackendChoice,
    private readonly post: Post,
    private readonly planner: BackendPlanner,
    private readonly uploads: UploadStore,
    private readonly teachers: PretrainedStore | null = null,
    /** Continue from this checkpoint (null: from the beginning). */
    private readonly from: ResumePoint | null = null,
  ) {
    this.controller = new RunController({ temperature: config.temperature, alpha: config.alpha });
  }

  /** Applies a live T/α change from the next distillation step; `hyperApplied` reports the step whose loss first uses it. */
  setHyper(temperature: number, alpha: number): void {
    if (!(temperature > 0) || !(alpha >= 0 && alpha <= 1)) return;
    this.controller.hyper = { temperature, alpha };
  }

  /** Runs to completion, cancellation or failure; always ends with exactly one terminal event. Returns the outcome on success. */
  async execute(): Promise<ExperimentOutcome | null> {
    const { runId, post } = this;
    const batcher = new DeltaBatcher((losses, epochs) => post({ type: 'metrics', runId, losses, epochs }));
    // "paused" is reported where the run really halts, after the losses trained before it.
    this.controller.onPaused = () => {
      batcher.flush();
      post({ type: 'paused', runId });
    };
    try {
      this.checkConfig();
      const data = await this.loadData();
      const given = await this.teacherOptions(data);
      const summary = summarizeDataset(data);
      post({ type: 'dataset', runId, summary }, summary.gallery.map((g) => g.pixels.buffer as ArrayBuffer));
      await this.controller.yieldPoint();
      post({ type: 'backend', runId, info: await this.chooseBackend() });
      await this.controller.yieldPoint();
      const { outcome, last } = await this.trainSurvivingBackendFaults(data, this.hooks(data, batcher), batcher, given);
      this.teacherWeights = last?.teacherWeights ?? null;
      batcher.flush();
      post({ type: 'done', runId, results: outcome.results });
      return outcome;
    } catch (e) {
      batcher.flush();
      post(this.endEvent(e));
      return null;
    }
  }

  /** Refuses settings the engine cannot run, and an upload that is gone. */
  private checkConfig(): void {
    const invalid = validateConfig(this.config);
    if (invalid) throw new Refused('invalid-config', { code: 'text', text: invalid });
    if (this.config.userData && !this.uploads.has(this.config.userData.id)) throw new Refused('invalid-config', { code: 'uploadGone' });
  }

  /** The run's data: an upload (a CSV standardised on its training split unless turned off) or a built-in dataset. */
  private async loadData(): Promise<Dataset> {
    const { runId, config, post } = this;
    post({ type: 'loading', runId, what: 'dataset', fraction: 0 });
    const upload = config.userData ? this.uploads.get(config.userData.id) : null;
    const data = upload
      ? upload.inputShape.length === 1 && config.standardize !== false
        ? standardizedCopy(upload)
        : upload
      : DATASETS[config.dataset].toy
        ? await toySets.load({ dataset: config.dataset, seed: config.seed, noise: config.noise, samples: config.samples })
        : await DATASETS[config.dataset].load(
          { seed: config.seed, noise: config.noise, samples: config.samples },
          (fraction) => post({ type: 'loading', runId, what: 'dataset', fraction }),
          createFetchSource(new URL(import.meta.env.BASE_URL, self.location.href)),
        );
    this.dataset = data;
    return data;
  }

  /** The loaded teacher the run uses, if any: a tfjs model, or an ONNX teacher run once over both sets (onnxruntime-web). */
  private async teacherOptions(data: Dataset): Promise<TeacherOptions> {
    const { runId, post } = this;
    const pretrained = this.teachers?.forRun(this.config, data) ?? null;
    if (pretrained && 'error' in pretrained) throw new Refused('invalid-config', { code: 'text', text: pretrained.error });
    if (pretrained?.kind !== 'onnx') return pretrained?.kind === 'tfjs' ? { teacher: pretrained.model } : {};
    post({ type: 'loading', runId, what: 'onnxTeacher', fraction: 0 });
    try {
      const { precomputeOnnxTeacher, onnxTeacherScores } = await import('./onnxTeacherLogits');
      const { teacher, timing } = await precomputeOnnxTeacher(pretrained.onnx, pretrained.params, data, (fraction) =>
        post({ type: 'loading', runId, what: 'onnxTeacher', fraction }),
      );
      this.teacherScores = onnxTeacherScores(pretrained.onnx, timing.probabilities);
      console.info(`[onnx-teacher] logits of ${timing.examples} examples in ${timing.ms.toFixed(0)} ms${timing.probabilities ? ' (probabilities → logits)' : ''}`);
      return { precomputed: teacher };
    } catch (e) {
      const text = e instanceof ImportFailure ? e.error.message : `The ONNX teacher failed on this dataset: ${errorText(e)}`;
      throw new Refused('invalid-config', { code: 'text', text });
    }
  }

  /** Picks and starts the run's backend (refused when none can start). */
  private async chooseBackend(): Promise<BackendInfo> {
    this.post({ type: 'loading', runId: this.runId, what: 'backend', fraction: 0 });
    try {
      const info = await this.planner.plan(this.config, this.backend);
      if (!info) throw new Error('backend selection was cancelled');
      return info;
    } catch (e) {
      throw new Refused('backend', { code: 'text', text: errorText(e) });
    }
  }

  /** The engine's hooks: progress, trials, checkpoints, live T/α changes and the per-epoch feeds, as worker events. */
  private hooks(data: Dataset, batcher: DeltaBatcher): ExperimentHooks {
    const { runId, config, post } = this;
    const checkpoints = new FeedSpacing(config.epochs);
    return {
      onPhase: (phase, stepsPerEpoch, context, fromEpoch) => {
        batcher.flush();
        post({ type: 'phase', runId, phase, epochs: config.epochs, stepsPerEpoch, context, fromEpoch });
      },
      onLoss: (points) => batcher.addLosses(points),
      onEpoch: (point) => batcher.addEpoch(point),
      onTrial: (trial) => {
        batcher.flush();
        post({ type: 'trial', runId, trial });
      },
      // The page stores one only every FEED_SPACING_MS (and each phase's first and last): it clones the curves. So a
      // resume point is captured only for the epochs whose checkpoint will be posted.
      wantsCheckpoint: (_phase, epoch) => checkpoints.allow(epoch),
      onCheckpoint: (point) => {
        batcher.flush();
        const encoded = encodeResumePoint(point);
        post({ type: 'checkpoint', runId, phase: point.phase, epoch: point.epoch, epochs: config.epochs, data: encoded }, [encoded]);
      },
      onHyperApplied: (change) => post({ type: 'hyperApplied', runId, ...change }),
      ...classroomFeeds(runId, config, data, post, this.teacherScores),
    };
  }

  /** The terminal event of a run that threw: stopped, halted on a diverged loss, refused, or failed. */
  private endEvent(e: unknown): WorkerEvent {
    const { runId } = this;
    if (e instanceof Refused) return { type: 'failed', runId, kind: e.kind, message: e.reason };
    if (e instanceof RunCancelled) return { type: 'stopped', runId };
    if (e instanceof LossDivergedError) return { type: 'halted', runId, halt: { reason: 'diverged', phase: e.phase, step: e.step, value: e.value } };
    const missing = missingKernel(errorText(e));
    return {
      type: 'failed',
      runId,
      kind: missing ? 'backend' : 'internal',
      message: missing
        ? { code: 'missingKernel', kernel: missing.kernel, backend: missing.backend }
        : { code: 'runFailed', backend: tf.getBackend() ?? 'no backend', error: errorText(e) },
    };
  }

  /**
   * Runs the experiment; when the GPU device is lost (or WebGPU lacks a kernel) continues on the next backend from the
   * last checkpoint the failed attempt reached (each attempt's checkpoint is the next one's input).
   */
  private async trainSurvivingBackendFaults(data: Dataset, hooks: ExperimentHooks, batcher: DeltaBatcher, given: TeacherOptions): Promise<{ outcome: ExperimentOutcome; last: ResumePoint | null }> {
    let resume = this.from;
    for (;;) {
      const backend = tf.getBackend() as BackendName;
      const attempt = await this.attempt(data, hooks, given, backend, resume);
      if (attempt.kind === 'done') return attempt;
      resume = attempt.resume;
      this.controller.clearFault();
      const info = await nextBackend(backend, attempt.cause);
      // Points queued since the checkpoint go out first, so the UI's rewind to the checkpoint drops them too.
      batcher.flush();
      this.post({ type: 'backendSwitched', runId: this.runId, from: backend, cause: attempt.cause, info, phase: resume?.phase ?? null, epoch: resume?.epoch ?? 0, step: resume?.step ?? 0 });
    }
  }

  /** One attempt from `resume` on `backend`: done, or the backend fault that ended it and the last checkpoint it reached. */
  private async attempt(data: Dataset, hooks: ExperimentHooks, given: TeacherOptions, backend: BackendName, resume: ResumePoint | null): Promise<Attempt> {
    let last = resume;
    const tracked: ExperimentHooks = {
      ...hooks,
      onCheckpoint: (point) => {
        last = point;
        hooks.onCheckpoint?.(point);
      },
    };
    const unwatch = watchDevice((error) => this.controller.fault(error));
    try {
      return { kind: 'done', outcome: await runExperiment(this.config, data, this.controller, tracked, { resume, ...given }), last };
    } catch (e) {
      // Reads in flight when the device goes fail with their own messages ("Buffer was unmapped before mapping was
      // resolved": backendFault knows it); any other error on WebGPU counts as the device's if it is reported lost soon.
      const cause = backendFault(e, backend) ?? (backend === 'webgpu' && (await deviceWasLost()) ? 'device-lost' : null);
      if (!cause) throw e;
      return { kind: 'fault', cause, resume: last };
    } finally {
      unwatch();
    }
  }
}
