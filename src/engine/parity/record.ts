import * as tf from '@tensorflow/tfjs';
import { crossEntropy, distillationLoss } from '../losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../models/build';
import { deriveSeed, Rng } from '../rng';
import { PARITY_KD, PARITY_LEARNING_RATE, PARITY_SEED, type ParityCase } from './cases';

/** Everything one case records on one backend: loss and gradients at each of the two steps, weights after step 2. */
export interface ParityRecord {
  /** Loss at step 1 and at step 2. */
  losses: number[];
  /**
   * Gradient of every trainable weight and of the input at steps 1 and 2, keyed "step 1 conv_1/kernel", "step 2 input".
   * Step 2's gradients are taken at weights a GPU backend has itself updated (textures it wrote and recycled), which
   * is where state-dependent kernel bugs show; step 1 only sees freshly uploaded weights.
   */
  grads: Record<string, Float32Array>;
  /** Every weight after step 2 (by weight name), including batch norm's moving mean and variance. */
  weights: Record<string, Float32Array>;
  /** tf.memory().numTensors after the case minus before (0: nothing leaked). */
  leakedTensors: number;
  /** Wall time of the two steps and the read-backs, ms (includes shader compilation). */
  ms: number;
}

/** Copies a tensor's values out (asynchronously, so GPU backends do not block). */
async function values(t: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from(await t.data());
}

/** The case's fixed input, one-hot labels and teacher logits, from the project's seeded generator. */
function caseData(c: ParityCase): { x: Float32Array; labels: Int32Array; teacher: Float32Array } {
  const rng = new Rng(deriveSeed(PARITY_SEED, `parity-data-${c.id}`));
  const x = new Float32Array(c.batch * c.inputShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const labels = Int32Array.from({ length: c.batch }, () => rng.int(c.numClasses));
  const teacher = new Float32Array(c.batch * c.numClasses);
  for (let i = 0; i < teacher.length; i++) teacher[i] = 3 * rng.normal();
  return { x, labels, teacher };
}

/** Builds the case's model from `PARITY_SEED`, takes two SGD steps and records them; disposes everything. */
async function twoSteps(c: ParityCase): Promise<Omit<ParityRecord, 'leakedTensors'>> {
  const start = performance.now();
  const data = caseData(c);
  const model = buildModel(c.spec, c.inputShape, c.numClasses, `parity_${c.id}`, { seed: PARITY_SEED });
  const optimizer = tf.train.sgd(PARITY_LEARNING_RATE);
  const x = tf.tidy(() => tf.variable(tf.tensor(data.x, [c.batch, ...c.inputShape]), true));
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), c.numClasses).toFloat() as tf.Tensor2D);
  const teacher = tf.tensor2d(data.teacher, [c.batch, c.numClasses]);
  try {
    assignWeights(model, seededWeights(model, PARITY_SEED));
    const vars = trainableVariables(model);
    const names = new Map(vars.map((v, i) => [v.name, model.trainableWeights[i]!.originalName]));
    const lossFn = (): tf.Scalar => {
      const logits = model.apply(x, { training: true }) as tf.Tensor2D;
      return c.loss === 'ce' ? crossEntropy(oneHot, logits) : distillationLoss(oneHot, teacher, logits, PARITY_KD).total;
    };
    const losses: number[] = [];
    const grads: Record<string, Float32Array> = {};
    for (let step = 1; step <= 2; step++) {
      const { value, grads: g } = tf.variableGrads(lossFn, [...vars, x]);
      try {
        losses.push((await value.data())[0]!);
        for (const [varName, t] of Object.entries(g)) grads[`step ${step} ${varName === x.name ? 'input' : (names.get(varName) ?? varName)}`] = await values(t);
        const modelGrads: tf.NamedTensorMap = {};
        for (const v of vars) if (g[v.name]) modelGrads[v.name] = g[v.name]!;
        optimizer.applyGradients(modelGrads);
      } finally {
        tf.dispose([value, ...Object.values(g)]);
      }
    }
    const weights: Record<string, Float32Array> = {};
    for (const w of model.weights) weights[w.originalName] = await values(w.read());
    return { losses, grads, weights, ms: performance.now() - start };
  } finally {
    tf.dispose([x, oneHot, teacher]);
    optimizer.dispose();
    model.dispose();
  }
}

/**
 * Runs one case on the active backend: two SGD steps recording the losses and gradients (weights and input) of both
 * steps and the weights after step 2, plus the tensors left behind. Throws what tfjs throws, e.g.
 * "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'".
 */
export async function runParityCase(c: ParityCase): Promise<ParityRecord> {
  const before = tf.memory().numTensors;
  const record = await twoSteps(c);
  return { ...record, leakedTensors: tf.memory().numTensors - before };
}

