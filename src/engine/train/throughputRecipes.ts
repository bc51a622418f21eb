import * as tf from '@tensorflow/tfjs';
import { distillationLoss, hardLossParts } from '../losses';
import { COLOUR_STUDENT_PRESETS, COLOUR_TEACHER_PRESETS, IMAGE_TEACHER_PRESETS } from '../models/presets';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../models/build';
import type { ArchSpec } from '../models/spec';
import { Rng } from '../rng';
import { RunController } from './controller';
import { trainPhase, type Batch, type TrainTensors } from './loop';
import { makeOptimizer } from './hostAdam';
import { trainingForward } from '../kernels/wasmDenseForward';

/** A fixed benchmark recipe: a teacher and a student on random data of one shape. */
export interface BenchRecipe {
  teacher: ArchSpec;
  student: ArchSpec;
  inputShape: number[];
  numClasses: number;
  batchSize: number;
  examples: number;
}

/** The MLP recipe: MNIST-sized MLPs on random data (teacher 784→512→512→10, student 784→32→10, batch 128). */
export const BENCH_RECIPE: BenchRecipe = {
  teacher: { kind: 'mlp', hidden: [512, 512], activation: 'relu' },
  student: { kind: 'mlp', hidden: [32], activation: 'relu' },
  inputShape: [784],
  numClasses: 10,
  batchSize: 128,
  examples: 8192,
};

/** The CNN recipe: the studio's MNIST CNN teacher preset on 28×28×1 inputs, batch 64, with the 32-unit student. */
export const BENCH_CNN_RECIPE: BenchRecipe = {
  teacher: IMAGE_TEACHER_PRESETS.find((p) => p.id === 'cnn-32-64-128')!.spec,
  student: { kind: 'mlp', hidden: [32], activation: 'relu' },
  inputShape: [28, 28, 1],
  numClasses: 10,
  batchSize: 64,
  examples: 4096,
};

/** The colour recipe: the colour teacher preset (small VGG with batch norm) on 32×32×3 inputs, batch 64, with the small colour CNN student. */
export const BENCH_COLOUR_RECIPE: BenchRecipe = {
  teacher: COLOUR_TEACHER_PRESETS.find((p) => p.id === 'colour-vgg-bn')!.spec,
  student: COLOUR_STUDENT_PRESETS.find((p) => p.id === 'colour-cnn-small')!.spec,
  inputShape: [32, 32, 3],
  numClasses: 10,
  batchSize: 64,
  examples: 4096,
};

/** Throughput of one phase: over all its timed steps, and in the fastest of its `BENCH_WINDOWS` equal windows. */
export interface PhaseFigures {
  steps: number;
  seconds: number;
  examplesPerSecond: number;
  /** The fastest window's examples per second (a noisy machine's slow moments left out, as PyTorch's bench does too). */
  bestExamplesPerSecond: number;
}

/** The timed steps of a phase run in this many equal windows (`bestExamplesPerSecond` is the fastest). */
export const BENCH_WINDOWS = 4;

/** What one benchmark run measured on the active backend. */
export interface BenchFigures {
  teacher: PhaseFigures;
  scratch: PhaseFigures;
  distill: PhaseFigures;
  numTensorsBefore: number;
  numTensorsAfter: number;
  /** numTensors right before and after the distillation steps alone. */
  distillTensorsBefore: number;
  distillTensorsAfter: number;
}

/** Step budgets: at most `maxSteps` per phase, fewer when a phase would exceed `budgetMs`. */
export interface BenchBudget {
  teacherSteps: number;
  studentSteps: number;
  budgetMs: number;
}

/**
 * Runs the recipe through the studio's own training loop (Adam, cached teacher logits, batched
 * async read-back) on the active backend and reports examples per second for each phase.
 */
export async function runBenchRecipe(budget: BenchBudget, readEvery = 5, r: BenchRecipe = BENCH_RECIPE): Promise<BenchFigures> {
  const features = r.inputShape.reduce((a, b) => a * b, 1);
  const rng = new Rng(1234);
  const xs = new Float32Array(r.examples * features);
  for (let i = 0; i < xs.length; i++) xs[i] = rng.next();
  const ys = Int32Array.from({ length: r.examples }, () => rng.int(r.numClasses));
  const numTensorsBefore = tf.memory().numTensors;
  const train: TrainTensors = {
    x: tf.tensor(xs, [r.examples, ...r.inputShape]),
    yOneHot: tf.tidy(() => tf.oneHot(tf.tensor1d(ys, 'int32'), r.numClasses).toFloat() as tf.Tensor2D),
    count: r.examples,
    host: { x: xs, y: ys, numClasses: r.numClasses },
  };
  const teacher = buildModel(r.teacher, r.inputShape, r.numClasses, 'bench_teacher');
  const student = buildModel(r.student, r.inputShape, r.numClasses, 'bench_student');
  const scratch = buildModel(r.student, r.inputShape, r.numClasses, 'bench_scratch');
  assignWeights(teacher, seededWeights(teacher, 1));
  const init = seededWeights(student, 2);
  assignWeights(student, init);
  assignWeights(scratch, init);
  const controller = new RunController({ temperature: 4, alpha: 0.7 });
  let cached: tf.Tensor2D | null = null;

  /** Calibrates how many steps fit the budget, then times them. */
  const phase = async (model: tf.LayersModel, maxSteps: number, lossFor: (b: Batch) => ReturnType<typeof distillationLoss>) => {
    const optimizer = makeOptimizer('adam', 1e-3);
    const vars = trainableVariables(model);
    const run = async (steps: number) => {
      const t0 = performance.now();
      await trainPhase({
        phase: 'distill',
        epochs: Math.ceil((steps * r.batchSize) / r.examples) + 1,
        batchSize: r.batchSize,
        orderSeed: 7,
        train,
        optimizer,
        vars,
        controller,
        lossForBatch: lossFor,
        onLoss: () => {},
        onEpochEnd: async () => {},
        readEvery,
        maxSteps: steps,
      });
      return performance.now() - t0;
    };
    try {
      const warm = await run(10); // includes shader compilation / first-use costs
      const perStep = Math.max(warm / 10, 0.01);
      const perWindow = Math.max(10, Math.ceil(Math.min(maxSteps, Math.floor(budget.budgetMs / perStep)) / BENCH_WINDOWS));
      const windows: number[] = [];
      for (let w = 0; w < BENCH_WINDOWS; w++) windows.push(await run(perWindow));
      const steps = perWindow * BENCH_WINDOWS;
      const ms = windows.reduce((a, b) => a + b, 0);
      const rate = (n: number, t: number) => (n * r.batchSize) / (t / 1000);
      return { steps, seconds: ms / 1000, examplesPerSecond: rate(steps, ms), bestExamplesPerSecond: rate(perWindow, Math.min(...windows)) };
    } finally {
      optimizer.dispose();
    }
  };

  try {
    const t = await phase(teacher, budget.teacherSteps, (b) => hardLossParts(b.yOneHot, trainingForward(teacher, b.x)));
    cached = tf.tidy(() => teacher.predict(train.x, { batchSize: 256 }) as tf.Tensor2D);
    const logits = cached;
    const s = await phase(scratch, budget.studentSteps, (b) => hardLossParts(b.yOneHot, trainingForward(scratch, b.x)));
    const distillTensorsBefore = tf.memory().numTensors;
    const d = await phase(student, budget.studentSteps, (b) =>
      distillationLoss(b.yOneHot, tf.gather(logits, b.idx), trainingForward(student, b.x), {
        temperature: 4,
        alpha: 0.7,
        scaleByT2: true,
      }),
    );
    const distillTensorsAfter = tf.memory().numTensors;
    return { teacher: t, scratch: s, distill: d, numTensorsBefore, numTensorsAfter: -1, distillTensorsBefore, distillTensorsAfter };
  } finally {
    tf.dispose([train.x, train.yOneHot]);
    cached?.dispose();
    teacher.dispose();
    student.dispose();
    scratch.dispose();
  }
}
