import * as tf from '@tensorflow/tfjs';
import { agreement, evaluate, type Evaluation } from '../metrics';
import { paramCount } from '../models/spec';
import type { ExperimentScope } from './experimentHooks';
import { measureLatency } from './latency';
import type { CompareSummary } from './compareSummary';
import type { MainStudents } from './mainStudents';
import type { MainTeacher } from './obtainTeacher';
import type { ExperimentResults, LatencyResults, ModelResult, SamplePrediction, SeedSummary, SweepSummary } from './types';

/** How many test examples are reported with their predictions. */
const SAMPLE_COUNT = 6;

/** The trials beyond the main run: the seeds' summary and the sweep (each null when not run). */
export interface ExtraTrials {
  seeds: SeedSummary | null;
  sweep: SweepSummary | null;
  /** The method comparison's summary (absent or null: none ran). */
  compare?: CompareSummary | null;
}

/** The results table of a finished experiment: the three models, the distilled student's samples, latency and the trials. */
export async function experimentResults(scope: ExperimentScope, teacher: MainTeacher, main: MainStudents, trials: ExtraTrials): Promise<ExperimentResults> {
  const { cfg, data } = scope;
  const { scratch: s, distilled: d } = main;
  const validationLogits = await leftOutValidationLogits(scope, d.model);
  const samples = await samplePredictions(d.model, scope);
  await scope.controller.yieldPoint();
  const latency = await measureLatencies(scope, teacher, d.model);
  const studentParams = paramCount(cfg.student, data.inputShape, data.numClasses);
  return {
    teacher: modelResult(teacher.last, teacher.ms, teacher.params, null, teacher.valAccuracy),
    scratch: modelResult(s.last, s.ms, studentParams, agreement(s.last.preds, teacher.preds), s.val),
    distilled: modelResult(d.last, d.ms, studentParams, agreement(d.last.preds, teacher.preds), d.val),
    gainPoints: (d.last.accuracy - s.last.accuracy) * 100,
    samples,
    seeds: trials.seeds,
    sweep: trials.sweep,
    latency,
    trainCounts: { teacher: data.train.count, students: data.students.count, validation: data.validation?.split.count ?? 0 },
    validationLogits,
    // Only runs that compared methods carry the field, so other runs' results keep their shape.
    ...(trials.compare ? { compare: trials.compare } : {}),
  };
}

/** One model's row of the results table. */
function modelResult(e: Evaluation, ms: number, params: number, agree: number | null, val: number | null): ModelResult {
  return { accuracy: e.accuracy, loss: e.loss, agreement: agree, params, ece: e.ece, trainMs: ms, valAccuracy: val };
}

/** With classes left out, the distilled student's validation logits, so the bias correction can be read on validation too. */
async function leftOutValidationLogits(scope: ExperimentScope, student: tf.LayersModel): Promise<ExperimentResults['validationLogits']> {
  const v = scope.data.validation;
  if (scope.cfg.excludeClasses.length === 0 || !v) return null;
  const e = await evaluate(student, v.x, v.y, v.split.count);
  return { labels: Array.from(v.split.y), logits: Array.from(e.logits ?? []) };
}

/** Teacher and student inference times at batches of 1 and 256 (announced as the latency phase). */
async function measureLatencies(scope: ExperimentScope, teacher: MainTeacher, student: tf.LayersModel): Promise<LatencyResults> {
  scope.hooks.onPhase('distill', 0, { kind: 'latency' }, 0);
  const latency: LatencyResults = { teacher: [], student: [] };
  for (const batch of [1, 256]) {
    if (teacher.latency) latency.teacher.push(await teacher.latency(batch));
    latency.student.push(await measureLatency(student, scope.data.inputShape, batch));
  }
  return latency;
}

/** The distilled student's probabilities on the first few test examples (inputs included for low-dimensional sets). */
async function samplePredictions(model: tf.LayersModel, scope: ExperimentScope): Promise<SamplePrediction[]> {
  const { source, inputSize } = scope.data;
  const n = Math.min(SAMPLE_COUNT, source.test.count);
  const x = source.test.x.slice(0, n * inputSize);
  const probsT = tf.tidy(() => tf.softmax(model.apply(tf.tensor(x, [n, ...source.inputShape]), { training: false }) as tf.Tensor2D));
  const probs = await probsT.data();
  probsT.dispose();
  const out: SamplePrediction[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      input: inputSize <= 16 ? Array.from(x.subarray(i * inputSize, (i + 1) * inputSize)) : [],
      label: source.test.y[i]!,
      studentProbs: Array.from(probs.subarray(i * source.numClasses, (i + 1) * source.numClasses)),
    });
  }
  return out;
}
