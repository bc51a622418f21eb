import * as tf from '@tensorflow/tfjs';
import { crossEntropy, distillationLoss } from '../losses';
import { IMAGE_TEACHER_PRESETS } from '../models/presets';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../models/build';
import type { ArchSpec } from '../models/spec';
import { deriveSeed, Rng } from '../rng';

// Kernel parity: two SGD steps of one tiny model per layer type, run on a backend and compared with the CPU
// backend (the reference). Pure tfjs, no DOM: the parity worker drives it, the parity page publishes it.

/** The tfjs backends parity is checked on (the studio's four). */
export type ParityBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** One parity case: a tiny model that exercises one layer type's forward and backward kernels. */
export interface ParityCase {
  /** Stable id (used in the report and the spec). */
  id: string;
  /** What the case exercises, in a few words. */
  covers: string;
  /** The architecture, built with the studio's own `buildModel`. */
  spec: ArchSpec;
  /** Input shape per example. */
  inputShape: number[];
  /** Output classes. */
  numClasses: number;
  /** Examples per step. */
  batch: number;
  /** Cross-entropy on the labels, or the full distillation loss against fixed teacher logits. */
  loss: 'ce' | 'kd';
}

/** Seed of every case: weights, inputs, labels, teacher logits and dropout masks. */
export const PARITY_SEED = 20240611;
/** SGD step size: large enough that step 2 visibly depends on step 1's gradients. */
export const PARITY_LEARNING_RATE = 0.1;
/** The distillation weights of the `kd-loss` case (T² scaling on, so the soft gradients are not tiny). */
export const PARITY_KD = { temperature: 4, alpha: 0.7, scaleByT2: true } as const;

const conv = (filters: number, stride: number, batchNorm = false) =>
  ({ type: 'conv', filters, kernel: 3, stride, activation: 'relu', batchNorm }) as const;

/**
 * The cases, one per layer type. Every case also takes the gradient with respect to its input, so the first layer's
 * input-gradient kernel runs too (Conv2DBackpropInput, MaxPoolGrad) even when nothing trainable precedes it.
 */
export const PARITY_CASES: readonly ParityCase[] = [
  { id: 'dense-relu', covers: 'MatMul; the backward transposed MatMuls dy·Wᵀ and xᵀ·dy (XNNPACK on WASM after an explicit transpose); Relu', spec: { kind: 'mlp', hidden: [24, 16], activation: 'relu' }, inputShape: [12], numClasses: 5, batch: 16, loss: 'ce' },
  {
    id: 'dense-tanh',
    covers: "MatMul, Tanh: the studio's default teacher (MLP 64·64 tanh) on the spiral's shapes (2 inputs, 3 classes, batch 32)",
    spec: { kind: 'mlp', hidden: [64, 64], activation: 'tanh' },
    inputShape: [2],
    numClasses: 3,
    batch: 32,
    loss: 'ce',
  },
  { id: 'dense-gelu', covers: 'MatMul, GELU (Erf)', spec: { kind: 'mlp', hidden: [24, 16], activation: 'gelu' }, inputShape: [12], numClasses: 5, batch: 16, loss: 'ce' },
  {
    id: 'dense-dropout',
    covers: 'SeededDropout masks (drawn on the CPU, identical on every backend)',
    spec: { kind: 'mlp', hidden: [32, 32], activation: 'relu', dropout: 0.5 },
    inputShape: [12],
    numClasses: 5,
    batch: 16,
    loss: 'ce',
  },
  { id: 'conv-relu', covers: 'Conv2D stride 1, Conv2DBackpropInput and Conv2DBackpropFilter (im2col + matmul on WASM)', spec: { kind: 'cnn', layers: [conv(6, 1), conv(6, 1)] }, inputShape: [9, 9, 3], numClasses: 4, batch: 6, loss: 'ce' },
  { id: 'conv-stride2', covers: 'Conv2D stride 2 and both conv gradients', spec: { kind: 'cnn', layers: [conv(6, 2), conv(6, 2)] }, inputShape: [11, 11, 3], numClasses: 4, batch: 6, loss: 'ce' },
  { id: 'maxpool', covers: 'MaxPool and MaxPoolGrad (signed input: all-negative windows included)', spec: { kind: 'cnn', layers: [{ type: 'maxpool', size: 2 }] }, inputShape: [10, 10, 4], numClasses: 4, batch: 6, loss: 'ce' },
  {
    id: 'conv-batchnorm',
    covers: 'Conv2D + batch norm in training mode (batch moments, moving statistics updated)',
    spec: { kind: 'cnn', layers: [conv(6, 1, true), conv(6, 1, true)] },
    inputShape: [9, 9, 3],
    numClasses: 4,
    batch: 6,
    loss: 'ce',
  },
  { id: 'kd-loss', covers: 'α·T²·KL + (1−α)·CE on a tanh MLP (LogSoftmax, Exp)', spec: { kind: 'mlp', hidden: [16], activation: 'tanh' }, inputShape: [12], numClasses: 5, batch: 16, loss: 'kd' },
  {
    id: 'cnn-preset',
    covers: "the MNIST teacher preset 'cnn-32-64-128' (conv, pool, conv, pool, dense, dropout) on 28×28×1",
    spec: IMAGE_TEACHER_PRESETS.find((p) => p.id === 'cnn-32-64-128')!.spec,
    inputShape: [28, 28, 1],
    numClasses: 10,
    batch: 2,
    loss: 'kd',
  },
];

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

/** Per-element tolerance: |got − ref| ≤ atol + rtol·|ref| (numpy's allclose). */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Worst disagreement of one backend with the reference over every recorded value of a case. */
export interface ParityError {
  /** Largest |got − ref|. */
  maxAbs: number;
  /** Largest |got − ref| / |ref| over values with |ref| ≥ 1e-3 (smaller references are judged by atol). */
  maxRel: number;
  /** Largest |got − ref| / (atol + rtol·|ref|): ≤ 1 passes. */
  worstRatio: number;
  /** Where `worstRatio` occurred, e.g. "grad step 2 conv_1/kernel[17]". */
  where: string;
  /** Reference and backend value there. */
  ref: number;
  got: number;
  /** Largest |got − ref| among the losses, the gradients (both steps) and the weights after step 2. */
  parts: { loss: number; grads: number; weights: number };
  /** The (at most five) tensors furthest outside the tolerance, as "label: max abs (ratio)". */
  worstTensors: string[];
}

/** Compares a backend's record with the CPU reference; `null` values (NaN etc.) count as infinitely wrong. */
export function compareRecords(ref: ParityRecord, got: ParityRecord, tol: Tolerance): ParityError {
  const err: ParityError = { maxAbs: 0, maxRel: 0, worstRatio: 0, where: '', ref: 0, got: 0, parts: { loss: 0, grads: 0, weights: 0 }, worstTensors: [] };
  const perTensor: { label: string; abs: number; ratio: number }[] = [];
  const visit = (part: keyof ParityError['parts'], label: string, a: ArrayLike<number>, b: ArrayLike<number> | undefined) => {
    if (!b || b.length !== a.length) {
      Object.assign(err, { worstRatio: Infinity, maxAbs: Infinity, where: `${label} (${b ? `length ${b.length} vs ${a.length}` : 'missing'})` });
      err.parts[part] = Infinity;
      perTensor.push({ label, abs: Infinity, ratio: Infinity });
      return;
    }
    let tensorAbs = 0;
    let tensorRatio = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i]!;
      const g = b[i]!;
      const d = Number.isFinite(g) ? Math.abs(g - r) : Infinity;
      const ratio = d / (tol.atol + tol.rtol * Math.abs(r));
      tensorAbs = Math.max(tensorAbs, d);
      tensorRatio = Math.max(tensorRatio, ratio);
      if (Math.abs(r) >= 1e-3) err.maxRel = Math.max(err.maxRel, d / Math.abs(r));
      if (ratio > err.worstRatio || (ratio === Infinity && err.worstRatio !== Infinity)) Object.assign(err, { worstRatio: ratio, where: `${label}[${i}]`, ref: r, got: g });
    }
    err.maxAbs = Math.max(err.maxAbs, tensorAbs);
    err.parts[part] = Math.max(err.parts[part], tensorAbs);
    perTensor.push({ label, abs: tensorAbs, ratio: tensorRatio });
  };
  visit('loss', 'loss', ref.losses, got.losses);
  for (const [name, a] of Object.entries(ref.grads)) visit('grads', `grad ${name}`, a, got.grads[name]);
  for (const [name, a] of Object.entries(ref.weights)) visit('weights', `weight after step 2 ${name}`, a, got.weights[name]);
  err.worstTensors = perTensor
    .filter((t) => t.ratio > 1)
    .sort((p, q) => q.ratio - p.ratio)
    .slice(0, 5)
    .map((t) => `${t.label}: max abs ${t.abs.toExponential(2)} (${t.ratio.toFixed(1)}× tolerance)`);
  return err;
}

/** A kernel a backend lacks, parsed from tfjs's "Kernel 'X' not registered for backend 'y'" error. */
export function missingKernel(message: string): { kernel: string; backend: string } | null {
  const m = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(message);
  return m ? { kernel: m[1]!, backend: m[2]! } : null;
}

/** What the training kernels a backend may lack compute, for messages. */
const KERNEL_PURPOSE: Record<string, string> = {
  Conv2DBackpropFilter: 'the gradient of convolution weights',
  Conv2DBackpropInput: 'the gradient through a convolution',
  MaxPoolGrad: 'the gradient through max-pooling',
  FusedBatchNorm: 'batch normalisation',
};

/** A clear, user-facing sentence for a missing kernel (instead of tfjs's raw error). */
export function missingKernelMessage(kernel: string, backend: string): string {
  const purpose = KERNEL_PURPOSE[kernel];
  return `The ${backend} backend cannot train this architecture: tfjs has no ${kernel} kernel for it${purpose ? ` (${purpose})` : ''}. Choose Auto, WebGL, WebGPU or CPU.`;
}

/**
 * Tolerances per backend (|got − ref| ≤ atol + rtol·|ref| for every loss, gradient and weight); the CPU backend rerun
 * against itself must be bit-identical. Float32 kernels on other backends sum in other orders: measured on SwiftShader,
 * correct kernels stay within 2.4e-7 (dense) to 1.7e-6 (the CNN preset, 1,600-term sums) absolute, at most 0.003 of
 * this tolerance, which leaves room for hardware GPUs' own orders and fused multiply-adds. The defects found so far
 * were 3× to 4,000× outside it (e.g. WebGL's step-2 dense gradients 5× to 32×). Never widen it to make a backend pass.
 */
export const PARITY_TOLERANCES: Record<ParityBackend, Tolerance> = {
  webgpu: { rtol: 1e-3, atol: 1e-4 },
  webgl: { rtol: 1e-3, atol: 1e-4 },
  wasm: { rtol: 1e-3, atol: 1e-4 },
  cpu: { rtol: 0, atol: 0 },
};

/** How one case fared on one backend. */
export type CaseOutcome =
  | ({ status: 'ok' | 'mismatch'; ms: number; leakedTensors: number } & ParityError)
  | { status: 'unsupported'; kernel: string; message: string }
  | { status: 'error'; message: string };

/** All cases on one backend. */
export interface BackendParity {
  backend: string;
  /** False when the backend could not be initialised (then `note` says why and `cases` is empty). */
  available: boolean;
  note: string;
  tolerance: Tolerance;
  /** The tfjs flags of this backend in effect while the cases ran (set by `activateBackend`). */
  flags: Record<string, unknown>;
  cases: Record<string, CaseOutcome>;
}

/** The whole parity run: the CPU reference and every backend compared with it. */
export interface ParityReport {
  reference: 'cpu';
  cases: { id: string; covers: string }[];
  backends: BackendParity[];
  totalMs: number;
}

/** Error text of an unknown thrown value. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Backend-specific tfjs flags currently in effect (WEBGPU_*, WEBGL_*, WASM_*). */
export function backendFlags(backend: string): Record<string, unknown> {
  const prefix = `${backend.toUpperCase()}_`;
  return Object.fromEntries(Object.entries(tf.env().getFlags()).filter(([k]) => k.startsWith(prefix)));
}

/** Runs one case on the active backend and judges it against the reference record. */
export async function judgeCase(c: ParityCase, ref: ParityRecord, tol: Tolerance): Promise<CaseOutcome> {
  try {
    const rec = await runParityCase(c);
    const err = compareRecords(ref, rec, tol);
    return { status: err.worstRatio <= 1 ? 'ok' : 'mismatch', ms: Math.round(rec.ms), leakedTensors: rec.leakedTensors, ...err };
  } catch (e) {
    const text = messageOf(e);
    const missing = missingKernel(text);
    return missing ? { status: 'unsupported', kernel: missing.kernel, message: missingKernelMessage(missing.kernel, missing.backend) } : { status: 'error', message: text };
  }
}

/** Records every case on the active backend (call after activating the CPU backend for the reference). */
export async function referenceRecords(cases: readonly ParityCase[]): Promise<Map<string, ParityRecord>> {
  const refs = new Map<string, ParityRecord>();
  for (const c of cases) refs.set(c.id, await runParityCase(c));
  return refs;
}

/**
 * Runs every case on the CPU backend (the reference), then on each named backend, activating backends through
 * `activate` (the studio's own `activateBackend`, so the app's flags apply). `onProgress` hears each finished case.
 */
export async function runParitySuite(
  backends: readonly ParityBackend[],
  activate: (name: ParityBackend) => Promise<void>,
  cases: readonly ParityCase[] = PARITY_CASES,
  onProgress?: (backend: string, caseId: string, outcome: CaseOutcome) => void,
): Promise<ParityReport> {
  const start = performance.now();
  await activate('cpu');
  const refs = await referenceRecords(cases);
  const report: ParityReport = { reference: 'cpu', cases: cases.map(({ id, covers }) => ({ id, covers })), backends: [], totalMs: 0 };
  for (const backend of backends) {
    const tolerance = PARITY_TOLERANCES[backend];
    try {
      await activate(backend);
    } catch (e) {
      report.backends.push({ backend, available: false, note: `could not be initialised: ${messageOf(e)}`, tolerance, flags: {}, cases: {} });
      continue;
    }
    const entry: BackendParity = { backend, available: true, note: '', tolerance, flags: backendFlags(backend), cases: {} };
    for (const c of cases) {
      const outcome = await judgeCase(c, refs.get(c.id)!, tolerance);
      entry.cases[c.id] = outcome;
      onProgress?.(backend, c.id, outcome);
    }
    report.backends.push(entry);
  }
  report.totalMs = Math.round(performance.now() - start);
  return report;
}

/** A set of tfjs flag values to try on one backend (applied after `activateBackend`; {} = exactly the app's flags). */
export interface FlagCandidate {
  backend: ParityBackend;
  label: string;
  flags: Record<string, number | boolean>;
}

/** What the flag measurement times: the MNIST CNN teacher preset, or the studio's default MLP teacher on the spiral. */
export type FlagWorkload = 'cnn' | 'mlp';

/** Timings of one workload under one backend and flag set. */
export interface FlagTiming {
  backend: ParityBackend;
  label: string;
  workload: FlagWorkload;
  /** The backend's flags in effect during the measurement. */
  flags: Record<string, unknown>;
  /** First forward pass (shader compilation included) and the median of the later ones, ms. */
  forwardFirstMs: number;
  forwardMs: number;
  /** First SGD training step and the median of the later ones, ms; null when a kernel is missing. */
  stepFirstMs: number | null;
  stepMs: number | null;
  /** Why the step could not run, else empty. */
  note: string;
  /** Parity of every case under these flags (filled on the candidate's first workload only). */
  parity: Record<string, string>;
}

/** Requests from the parity page to its worker. */
export type ParityRequest =
  | { mode: 'parity'; backends: ParityBackend[]; cases: string[] | null; overrides: Record<string, number | boolean> }
  | { mode: 'flags'; candidates: FlagCandidate[]; workloads: FlagWorkload[]; batch: number; reps: number; checkParity: boolean };

/** Messages from the parity worker to its page. */
export type ParityMessage =
  | { type: 'progress'; text: string }
  | { type: 'parity'; report: ParityReport }
  | { type: 'flags'; rows: FlagTiming[] }
  | { type: 'failed'; error: string };
