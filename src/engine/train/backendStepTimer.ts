import * as tf from '@tensorflow/tfjs';
import { makeOptimizer } from './hostAdam';
import { distillationLoss, hardLossParts } from '../losses';
import { buildModel, trainableVariables } from '../models/build';
import type { ArchSpec } from '../models/spec';
import { trainStep } from './step';
import { trainingForward } from '../kernels/wasmDenseForward';

/** What a step benchmark needs to know about the models and the data. */
export interface StepBenchmarkSpec {
  teacher: ArchSpec;
  student: ArchSpec;
  inputShape: number[];
  numClasses: number;
  batchSize: number;
}

/**
 * Times one teacher training step plus one distillation step on the active backend, after a warm-up
 * step (shader compilation). Runs until `budgetMs` is spent or `maxReps` repeats. Throws when the
 * backend lacks a kernel the models need. Returns milliseconds per (teacher + distillation) step.
 */
export async function benchmarkTrainingStep(spec: StepBenchmarkSpec, budgetMs = 150, maxReps = 20): Promise<number> {
  const teacher = buildModel(spec.teacher, spec.inputShape, spec.numClasses, 'bench_teacher');
  const student = buildModel(spec.student, spec.inputShape, spec.numClasses, 'bench_student');
  const optT = makeOptimizer('adam', 1e-3);
  const optS = makeOptimizer('adam', 1e-3);
  const x = tf.randomUniform([spec.batchSize, ...spec.inputShape]);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([spec.batchSize], 0, spec.numClasses, 'int32'), spec.numClasses).toFloat()) as tf.Tensor2D;
  const zt = tf.randomNormal([spec.batchSize, spec.numClasses]) as tf.Tensor2D;
  const varsT = trainableVariables(teacher);
  const varsS = trainableVariables(student);
  const once = async () => {
    const a = trainStep(optT, varsT, () => hardLossParts(y, trainingForward(teacher, x)));
    const b = trainStep(optS, varsS, () =>
      distillationLoss(y, zt, trainingForward(student, x), { temperature: 4, alpha: 0.5, scaleByT2: true }),
    );
    try {
      await Promise.all([a.data(), b.data()]);
    } finally {
      tf.dispose([a, b]);
    }
  };
  try {
    await once();
    const start = performance.now();
    let reps = 0;
    while (reps < maxReps && (reps === 0 || performance.now() - start < budgetMs)) {
      await once();
      reps++;
    }
    return (performance.now() - start) / reps;
  } finally {
    tf.dispose([x, y, zt]);
    optT.dispose();
    optS.dispose();
    teacher.dispose();
    student.dispose();
  }
}
