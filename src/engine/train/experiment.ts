import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { crossEntropy, distillationLoss, type KdLossParts } from '../losses';
import { evaluate, agreement, predictLogits, type Evaluation } from '../metrics';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../models/build';
import { paramCount } from '../models/spec';
import { deriveSeed } from '../rng';
import { featureSize } from '../data/types';
import type { RunController } from './controller';
import { trainPhase, type Batch, type TrainTensors } from './loop';
import type { EpochPoint, ExperimentConfig, ExperimentResults, LossPoint, ModelResult, Phase, SamplePrediction } from './types';

/** Progress callbacks of an experiment (the worker turns them into messages). */
export interface ExperimentHooks {
  onPhase: (phase: Phase, stepsPerEpoch: number) => void;
  onLoss: (points: LossPoint[]) => void;
  onEpoch: (point: EpochPoint) => void;
}

/** A finished experiment: its results and the distilled student, owned by the caller until `dispose`. */
export interface ExperimentOutcome {
  results: ExperimentResults;
  student: tf.LayersModel;
  dispose: () => void;
}

/** How many test examples are reported with their predictions. */
const SAMPLE_COUNT = 6;

/** Float one-hot matrix of integer labels. */
function oneHotLabels(labels: Int32Array, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Hard-label cross-entropy as loss parts (soft part 0), for teacher and scratch training. */
function hardOnly(oneHot: tf.Tensor2D, logits: tf.Tensor2D): KdLossParts {
  const ce = crossEntropy(oneHot, logits);
  return { total: ce, hard: ce, soft: tf.zerosLike(ce) };
}

/**
 * Trains the teacher on hard labels, then the student from scratch, then distils the same student
 * architecture from the same initial weights and data order. Pure engine code: progress leaves through hooks.
 */
export async function runExperiment(
  cfg: ExperimentConfig,
  data: Dataset,
  controller: RunController,
  hooks: ExperimentHooks,
): Promise<ExperimentOutcome> {
  const { inputShape, numClasses } = data;
  const owned: tf.Tensor[] = [];
  const models: tf.LayersModel[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const train: TrainTensors = {
    x: keep(tf.tensor(data.train.x, [data.train.count, ...inputShape])),
    yOneHot: keep(oneHotLabels(data.train.y, numClasses)),
    count: data.train.count,
  };
  const xTest = keep(tf.tensor(data.test.x, [data.test.count, ...inputShape]));
  const yTest = keep(oneHotLabels(data.test.y, numClasses));
  const inputSize = featureSize(inputShape);
  const stepsPerEpoch = Math.ceil(train.count / cfg.batchSize);
  let student: tf.LayersModel | null = null;

  const trainModel = async (
    phase: Phase,
    model: tf.LayersModel,
    orderSeed: number,
    lossForBatch: (b: Batch) => KdLossParts,
    teacherPreds: Int32Array | null,
  ): Promise<{ last: Evaluation; ms: number }> => {
    hooks.onPhase(phase, stepsPerEpoch);
    const optimizer = cfg.optimizer === 'sgd' ? tf.train.sgd(cfg.learningRate) : tf.train.adam(cfg.learningRate);
    const started = performance.now();
    let last: Evaluation | null = null;
    try {
      await trainPhase({
        phase,
        epochs: cfg.epochs,
        batchSize: cfg.batchSize,
        orderSeed,
        train,
        optimizer,
        vars: trainableVariables(model),
        controller,
        lossForBatch,
        onLoss: hooks.onLoss,
        onEpochEnd: async (epoch) => {
          last = await evaluate(model, xTest, yTest);
          hooks.onEpoch({
            phase,
            epoch,
            testAccuracy: last.accuracy,
            testLoss: last.loss,
            agreement: teacherPreds ? agreement(last.preds, teacherPreds) : null,
          });
        },
      });
    } finally {
      optimizer.dispose();
    }
    return { last: last ?? (await evaluate(model, xTest, yTest)), ms: performance.now() - started };
  };

  try {
    const teacher = buildModel(cfg.teacher, inputShape, numClasses, 'teacher');
    models.push(teacher);
    assignWeights(teacher, seededWeights(teacher, deriveSeed(cfg.seed, 'teacher-init')));
    const t = await trainModel(
      'teacher',
      teacher,
      deriveSeed(cfg.seed, 'teacher-order'),
      (b) => hardOnly(b.yOneHot, teacher.apply(b.x, { training: true }) as tf.Tensor2D),
      null,
    );
    // The teacher is frozen from here on: cache its training-set logits once instead of a forward pass per step.
    const teacherLogits = keep(predictLogits(teacher, train.x));

    const scratch = buildModel(cfg.student, inputShape, numClasses, 'student_scratch');
    models.push(scratch);
    const studentInit = seededWeights(scratch, deriveSeed(cfg.seed, 'student-init'));
    assignWeights(scratch, studentInit);
    const studentOrder = deriveSeed(cfg.seed, 'student-order');
    const s = await trainModel(
      'scratch',
      scratch,
      studentOrder,
      (b) => hardOnly(b.yOneHot, scratch.apply(b.x, { training: true }) as tf.Tensor2D),
      t.last.preds,
    );

    student = buildModel(cfg.student, inputShape, numClasses, 'student');
    assignWeights(student, studentInit);
    const distilled = student;
    const d = await trainModel(
      'distill',
      distilled,
      studentOrder,
      (b) =>
        distillationLoss(b.yOneHot, tf.gather(teacherLogits, b.idx), distilled.apply(b.x, { training: true }) as tf.Tensor2D, {
          temperature: controller.hyper.temperature,
          alpha: controller.hyper.alpha,
          scaleByT2: cfg.scaleByT2,
        }),
      t.last.preds,
    );

    const samples = await samplePredictions(distilled, data, inputSize);
    const result = (e: Evaluation, ms: number, params: number, agree: number | null): ModelResult => ({
      accuracy: e.accuracy,
      loss: e.loss,
      agreement: agree,
      params,
      trainMs: ms,
    });
    const studentParams = paramCount(cfg.student, inputSize, numClasses);
    const results: ExperimentResults = {
      teacher: result(t.last, t.ms, paramCount(cfg.teacher, inputSize, numClasses), null),
      scratch: result(s.last, s.ms, studentParams, agreement(s.last.preds, t.last.preds)),
      distilled: result(d.last, d.ms, studentParams, agreement(d.last.preds, t.last.preds)),
      gainPoints: (d.last.accuracy - s.last.accuracy) * 100,
      samples,
    };
    const kept = distilled;
    student = null;
    return { results, student: kept, dispose: () => kept.dispose() };
  } finally {
    tf.dispose(owned);
    for (const m of models) m.dispose();
    student?.dispose();
  }
}

/** The distilled student's probabilities on the first few test examples (inputs included for low-dimensional sets). */
async function samplePredictions(model: tf.LayersModel, data: Dataset, inputSize: number): Promise<SamplePrediction[]> {
  const n = Math.min(SAMPLE_COUNT, data.test.count);
  const x = data.test.x.slice(0, n * inputSize);
  const probsT = tf.tidy(() => tf.softmax(model.apply(tf.tensor(x, [n, ...data.inputShape]), { training: false }) as tf.Tensor2D));
  const probs = await probsT.data();
  probsT.dispose();
  const out: SamplePrediction[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      input: inputSize <= 16 ? Array.from(x.subarray(i * inputSize, (i + 1) * inputSize)) : [],
      label: data.test.y[i]!,
      studentProbs: Array.from(probs.subarray(i * data.numClasses, (i + 1) * data.numClasses)),
    });
  }
  return out;
}
