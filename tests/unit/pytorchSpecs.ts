// Specs and helpers shared by the PyTorch export tests (unit suite) and the torch end-to-end checks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { PyTorchExportSpec } from '../../src/engine/export/pytorchScript';

export const dir = mkdtempSync(join(tmpdir(), 'distill-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Python with torch, for `npm run test:pytorch` (DISTILL_TORCH_PYTHON=/path/to/python). */
export const torchPython = process.env.DISTILL_TORCH_PYTHON;

export const SPIRAL: PyTorchExportSpec = {
  dataset: 'spiral',
  inputShape: [2],
  numClasses: 3,
  teacher: { kind: 'mlp', hidden: [64, 64], activation: 'relu' },
  student: { kind: 'mlp', hidden: [8], activation: 'tanh', dropout: 0.1 },
  loss: { soft: 'kl', temperature: 4, alpha: 0.7, scaleByT2: true },
  optimizer: 'adam',
  learningRate: 0.02,
  epochs: 3,
  batchSize: 32,
  seed: 11,
  samples: 300,
  noise: 0.05,
};

export const MNIST_CNN: PyTorchExportSpec = {
  dataset: 'mnist',
  inputShape: [28, 28, 1],
  numClasses: 10,
  teacher: {
    kind: 'cnn',
    layers: [
      { type: 'conv', filters: 32, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
      { type: 'maxpool', size: 2 },
      { type: 'conv', filters: 64, kernel: 3, stride: 1, activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dropout', rate: 0.5 },
    ],
  },
  student: { kind: 'mlp', hidden: [64], activation: 'gelu' },
  loss: { soft: 'mse', temperature: 1, alpha: 0.5, scaleByT2: false, hint: { teacherLayer: 2, studentLayer: 0, beta: 0.25 } },
  optimizer: 'sgd',
  learningRate: 0.1,
  epochs: 2,
  batchSize: 128,
  seed: 7,
};

export const FASHION: PyTorchExportSpec = {
  ...MNIST_CNN,
  dataset: 'fashion-mnist',
  student: {
    kind: 'cnn',
    layers: [
      { type: 'conv', filters: 8, kernel: 5, stride: 2, activation: 'tanh' },
      { type: 'dense', units: 32, activation: 'relu' },
    ],
  },
  loss: { soft: 'kl', temperature: 8, alpha: 0.9, scaleByT2: false, hint: { teacherLayer: 0, studentLayer: 0, beta: 1 } },
  optimizer: 'adam',
};

export const EVIL_NAME = 'my "data"\n""" ; import os\\ é ☃ \u2028 𝔘';
export const CSV_CNN: PyTorchExportSpec = {
  dataset: EVIL_NAME,
  inputShape: [8, 8, 1],
  numClasses: 3,
  teacher: {
    kind: 'cnn',
    layers: [
      { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
      { type: 'maxpool', size: 2 },
      { type: 'dense', units: 16, activation: 'gelu' },
    ],
  },
  student: { kind: 'mlp', hidden: [12, 6], activation: 'relu', dropout: 0.2 },
  loss: { soft: 'kl', temperature: 3, alpha: 0.6, scaleByT2: true, hint: { teacherLayer: 0, studentLayer: 1, beta: 0.5 } },
  optimizer: 'sgd',
  learningRate: 0.05,
  epochs: 2,
  batchSize: 16,
  seed: 3,
};

export const MOONS: PyTorchExportSpec = { ...SPIRAL, dataset: 'moons', numClasses: 2, loss: { ...SPIRAL.loss, soft: 'mse' } };

export function write(name: string, script: string): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, script, 'utf8');
  return path;
}

export function pyCompile(path: string): { status: number | null; stderr: string } {
  const r = spawnSync('python3', ['-m', 'py_compile', path], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

