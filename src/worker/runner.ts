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
import type { ExperimentConfig, Phase } from '../engine/train/types';
import { errorText } from './backends';
import { backendFault, deviceWasLost, nextBackend, watchDevice } from './deviceLoss';
import type { BackendPlanner } from './backendPlanner';
import { DeltaBatcher } from './batcher';
import { boundaryFeed } from './boundaryFeed';
import { type BackendChoice, type BackendInfo, type BackendName, type WorkerEvent } from './protocol';
import { InspectFeed } from './inspectFeed';
import { FeedSpacing } from './feedSpacing';
import { allEvaluated } from './evaluatedHooks';
import { predictors } from './predictors';
import type { UploadStore } from './uploads';
import type { PretrainedStore } from './pretrainedTeachers';
import { ImportFailure } from '../engine/import/errors';

/** The teacher a run is given instead of training one: a tfjs model or an ONNX teacher's precomputed logits. */
type TeacherOptions = Pick<ExperimentOptions, 'teacher' | 'precomputed'>;

/** Posts one typed event to the UI (transferring buffers where given). */
export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** One run in the worker: data, backend choice, the three phases, and its controller. */
export class Run {
  readonly controller: RunController;
  private phase: Phase | null = null;
  private lastStep = 0;
  /** The run's dataset once loaded (kept by the worker for the student's downloads). */
  dataset: Dataset | null = null;

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
    private resume: ResumePoint | null = null,
  ) {
    this.controller = new RunController({ temperature: config.temperature, alpha: config.alpha });
  }

  /** Applies a live T/α change at the next distillation step and reports where it took effect. */
  setHyper(temperature: number, alpha: number): void {
    if (!(temperature > 0) || !(alpha >= 0 && alpha <= 1)) return;
    this.controller.hyper = { temperature, alpha };
    this.post({ type: 'hyperApplied', runId: this.runId, phase: this.phase, step: this.lastStep, temperature, alpha });
  }

  /** Runs to completion, cancellation or failure; always ends with exactly one terminal event. Returns the outcome on success. */
  async execute(): Promise<ExperimentOutcome | null> {
    const { runId, config, post } = this;
    const invalid = validateConfig(config);
    if (invalid) {
      post({ type: 'failed', runId, kind: 'invalid-config', message: { code: 'text', text: invalid } });
      return null;
    }
    if (config.userData && !this.uploads.has(config.userData.id)) {
      post({ type: 'failed', runId, kind: 'invalid-config', message: { code: 'uploadGone' } });
      return null;
    }
    const batcher = new DeltaBatcher((losses, epochs) => post({ type: 'metrics', runId, losses, epochs }));
    // "paused" is reported where the run really halts, after the losses trained before it.
    this.controller.onPaused = () => {
      batcher.flush();
      post({ type: 'paused', runId });
    };
    try {
      post({ type: 'loading', runId, what: 'dataset', fraction: 0 });
      const upload = config.userData ? this.uploads.get(config.userData.id) : null;
      // A CSV's features are standardised on its training split unless the user turned it off.
      const data = upload
        ? upload.inputShape.length === 1 && config.standardize !== false
          ? standardizedCopy(upload)
          : upload
        : await DATASETS[config.dataset].load(
            { seed: config.seed, noise: config.noise, samples: config.samples },
            (fraction) => post({ type: 'loading', runId, what: 'dataset', fraction }),
            createFetchSource(new URL(import.meta.env.BASE_URL, self.location.href)),
          );
      this.dataset = data;
      const pretrained = this.teachers?.forRun(config, data) ?? null;
      if (pretrained && 'error' in pretrained) {
        post({ type: 'failed', runId, kind: 'invalid-config', message: { code: 'text', text: pretrained.error } });
        return null;
      }
      let given: TeacherOptions = pretrained?.kind === 'tfjs' ? { teacher: pretrained.model } : {};
      if (pretrained?.kind === 'onnx') {
        // The ONNX teacher runs once over both sets (onnxruntime-web); distillation then reads its logits.
        post({ type: 'loading', runId, what: 'onnxTeacher', fraction: 0 });
        try {
          const { precomputeOnnxTeacher } = await import('./onnxTeacherLogits');
          const { teacher, timing } = await precomputeOnnxTeacher(pretrained.onnx, pretrained.params, data, (fraction) =>
            post({ type: 'loading', runId, what: 'onnxTeacher', fraction }),
          );
          console.info(`[onnx-teacher] logits of ${timing.examples} examples in ${timing.ms.toFixed(0)} ms${timing.probabilities ? ' (probabilities → logits)' : ''}`);
          given = { precomputed: teacher };
        } catch (e) {
          const text = e instanceof ImportFailure ? e.error.message : `The ONNX teacher failed on this dataset: ${errorText(e)}`;
          post({ type: 'failed', runId, kind: 'invalid-config', message: { code: 'text', text } });
          return null;
        }
      }
      const summary = summarizeDataset(data);
      post({ type: 'dataset', runId, summary }, summary.gallery.map((g) => g.pixels.buffer as ArrayBuffer));
      const inspect = new InspectFeed(runId, data, post, new FeedSpacing(config.epochs));
      const checkpoints = new FeedSpacing(config.epochs);
      await this.controller.yieldPoint();
      post({ type: 'loading', runId, what: 'backend', fraction: 0 });
      let info: BackendInfo | null;
      try {
        info = await this.planner.plan(config, this.backend);
        if (!info) throw new Error('backend selection was cancelled');
      } catch (e) {
        post({ type: 'failed', runId, kind: 'backend', message: { code: 'text', text: errorText(e) } });
        return null;
      }
      post({ type: 'backend', runId, info });
      await this.controller.yieldPoint();
      const hooks: ExperimentHooks = {
        onPhase: (phase, stepsPerEpoch, context, fromEpoch) => {
          batcher.flush();
          this.phase = context === null ? phase : null;
          this.lastStep = 0;
          post({ type: 'phase', runId, phase, epochs: config.epochs, stepsPerEpoch, context, fromEpoch });
        },
        onLoss: (points) => {
          const last = points[points.length - 1];
          if (last) this.lastStep = last.step;
          batcher.addLosses(points);
        },
        onEpoch: (point) => batcher.addEpoch(point),
        onTrial: (trial) => {
          batcher.flush();
          post({ type: 'trial', runId, trial });
        },
        onCheckpoint: (point) => {
          // Kept here for a backend switch; sent (encoded, transferred) for the UI to store.
          this.resume = point;
          // The page stores one only every FEED_SPACING_MS (and each phase's first and last): it clones the curves.
          if (!checkpoints.allow(point.epoch)) return;
          batcher.flush();
          const data = encodeResumePoint(point);
          post({ type: 'checkpoint', runId, phase: point.phase, epoch: point.epoch, epochs: config.epochs, data }, [data]);
        },
        onEvaluated: allEvaluated(
          inspect.onEvaluated,
          boundaryFeed(data, runId, post, config.epochs),
          predictors.feed(runId, config, data.inputShape, data.numClasses),
        ),
        evaluatedLogits: inspect.logitCount,
      };
      const outcome = await this.trainSurvivingBackendFaults(data, hooks, batcher, given);
      batcher.flush();
      post({ type: 'done', runId, results: outcome.results });
      return outcome;
    } catch (e) {
      batcher.flush();
      if (e instanceof RunCancelled) post({ type: 'stopped', runId });
      else if (e instanceof LossDivergedError) post({ type: 'halted', runId, halt: { reason: 'diverged', phase: e.phase, step: e.step, value: e.value } });
      else {
        const missing = missingKernel(errorText(e));
        post({
          type: 'failed',
          runId,
          kind: missing ? 'backend' : 'internal',
          message: missing
            ? { code: 'missingKernel', kernel: missing.kernel, backend: missing.backend }
            : { code: 'runFailed', backend: tf.getBackend() ?? 'no backend', error: errorText(e) },
        });
      }
      return null;
    }
  }

  /** The trained teacher's weights from the last checkpoint (null before the teacher is trained, or for a loaded teacher). */
  get teacherWeights(): Float32Array[] | null {
    return this.resume?.teacherWeights ?? null;
  }

  /** Runs the experiment; when the GPU device is lost (or WebGPU lacks a kernel) continues on the next backend from the last checkpoint. */
  private async trainSurvivingBackendFaults(data: Dataset, hooks: ExperimentHooks, batcher: DeltaBatcher, given: TeacherOptions): Promise<ExperimentOutcome> {
    for (;;) {
      const backend = tf.getBackend() as BackendName;
      watchDevice((error) => this.controller.fault(error));
      try {
        return await runExperiment(this.config, data, this.controller, hooks, { resume: this.resume, ...given });
      } catch (e) {
        // Reads in flight when the device goes fail with their own messages (e.g. "Buffer was unmapped before mapping was resolved").
        const cause = backendFault(e, backend) ?? (backend === 'webgpu' && (await deviceWasLost()) ? 'device-lost' : null);
        if (!cause) throw e;
        this.controller.clearFault();
        const info = await nextBackend(backend, cause);
        const from = this.resume;
        // Points queued since the checkpoint go out first, so the UI's rewind to the checkpoint drops them too.
        batcher.flush();
        this.post({ type: 'backendSwitched', runId: this.runId, from: backend, cause, info, phase: from?.phase ?? null, epoch: from?.epoch ?? 0, step: from?.step ?? 0 });
      }
    }
  }
}
