import { COLOUR_TEACHER_PRESETS, IMAGE_TEACHER_PRESETS } from '../models/presets';
import type { ArchSpec } from '../models/spec';

// Kernel parity: two SGD steps of one tiny model per layer type, run on a backend and compared with the CPU
// backend (the reference). This file: the cases. record.ts runs one, compare.ts judges it, suite.ts runs them all,
// pageProtocol.ts is the parity page's messages; missingKernel.ts words a kernel a backend lacks.

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
  {
    id: 'colour-preset',
    covers: "the colour teacher preset 'colour-vgg-bn' (conv on 3 channels with batch norm, pool, dense, dropout) on 16×16×3, its smallest size",
    spec: COLOUR_TEACHER_PRESETS.find((p) => p.id === 'colour-vgg-bn')!.spec,
    inputShape: [16, 16, 3],
    numClasses: 10,
    batch: 2,
    loss: 'kd',
  },
];

