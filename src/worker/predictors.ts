import * as tf from '@tensorflow/tfjs';
import type { ExperimentHooks } from '../engine/train/experiment';
import { buildModel } from '../engine/models/build';
import type { ExperimentConfig, Phase } from '../engine/train/types';
import { PHASES } from '../engine/train/types';

type Evaluated = NonNullable<ExperimentHooks['onEvaluated']>;

/** The three models' logits on some inputs (row-major, `count` × `numClasses`); null for a model not trained yet. */
export interface PredictedLogits {
  teacher: Float32Array | null;
  scratch: Float32Array | null;
  distill: Float32Array | null;
}

/** A teacher known only by its file (an ONNX teacher): its logits on `count` inputs, computed outside tfjs. */
export type TeacherScores = (inputs: Float32Array, count: number) => Promise<Float32Array>;

/** Why a prediction could not be made (the UI words the code). */
export type PredictProblem = 'noRun' | 'staleRun' | 'badInput' | 'failed';

/**
 * Copies of the main run's three models (teacher, scratch, distilled) as of their latest evaluated epoch, kept in
 * the worker after the run so the UI can ask for their logits on any input (a drawn digit, a point on the plane).
 */
export class Predictors {
  private runId = -1;
  private inputShape: number[] = [];
  private numClasses = 0;
  private readonly models = new Map<Phase, tf.LayersModel>();
  /** A model that is borrowed (a loaded teacher): predicted with directly, never disposed here. */
  private borrowed: Phase | null = null;
  /** The ONNX teacher's scorer, when the run's teacher is one. */
  private teacherScores: TeacherScores | null = null;

  /** Forgets the previous run's models and returns the hook that keeps copies of this run's (`onEvaluated`); an ONNX teacher answers through `teacherScores`. */
  feed(runId: number, config: ExperimentConfig, inputShape: number[], numClasses: number, teacherScores: TeacherScores | null = null): Evaluated {
    this.clear();
    this.runId = runId;
    this.teacherScores = teacherScores;
    this.inputShape = inputShape;
    this.numClasses = numClasses;
    return async (phase, _epoch, model) => {
      // A teacher known only by its logits (an ONNX file) has no model in this worker to predict with.
      if (this.runId !== runId || !model) return;
      if (phase === 'teacher' && config.pretrainedTeacher) {
        this.models.set(phase, model);
        this.borrowed = phase;
        return;
      }
      let copy = this.models.get(phase);
      if (!copy) {
        copy = buildModel(phase === 'teacher' ? config.teacher : config.student, inputShape, numClasses, `predict_${phase}`);
        this.models.set(phase, copy);
      }
      copy.setWeights(model.getWeights());
    };
  }

  /** Run `runId`'s model of `phase` as of its latest evaluated epoch (borrowed: only read it), or null. */
  modelOf(runId: number, phase: Phase): tf.LayersModel | null {
    return runId === this.runId ? (this.models.get(phase) ?? null) : null;
  }

  /** Disposes the copies. */
  clear(): void {
    for (const [phase, m] of this.models) if (phase !== this.borrowed) m.dispose();
    this.models.clear();
    this.borrowed = null;
    this.teacherScores = null;
    this.runId = -1;
  }

  /** The models' logits on `count` inputs of the run's input shape, or why there are none. */
  async predict(runId: number, inputs: Float32Array, count: number): Promise<{ logits: PredictedLogits; numClasses: number } | { problem: PredictProblem }> {
    if (this.runId === -1 || (this.models.size === 0 && !this.teacherScores)) return { problem: 'noRun' };
    if (runId !== this.runId) return { problem: 'staleRun' };
    const size = this.inputShape.reduce((a, b) => a * b, 1);
    if (!(count >= 1) || inputs.length !== count * size || !inputs.every(Number.isFinite)) return { problem: 'badInput' };
    const logits: PredictedLogits = { teacher: null, scratch: null, distill: null };
    try {
      for (const phase of PHASES) {
        const model = this.models.get(phase);
        if (!model) continue;
        const out = tf.tidy(() => model.apply(tf.tensor(inputs, [count, ...this.inputShape]), { training: false }) as tf.Tensor);
        logits[phase] = (await out.data()) as Float32Array;
        out.dispose();
      }
      if (!logits.teacher && this.teacherScores) logits.teacher = await this.teacherScores(inputs, count);
    } catch {
      return { problem: 'failed' };
    }
    return { logits, numClasses: this.numClasses };
  }
}

/** The worker's one set of predictors (the latest main run's models). */
export const predictors = new Predictors();
