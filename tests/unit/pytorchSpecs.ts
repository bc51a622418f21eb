// Experiments shared by the PyTorch export tests (unit suite) and the PyTorch runs (npm run test:pytorch).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { UserDataMeta } from '../../src/engine/data/meta';
import type { ExperimentConfig } from '../../src/engine/train/types';
import { toyConfig } from './toyConfig';

export const dir = mkdtempSync(join(tmpdir(), 'distill-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spiral, KL without T², a mid-run T change (at distillation step 20) and 3 seeds. */
export const SPIRAL: ExperimentConfig = toyConfig({
  samples: 600,
  noise: 0.05,
  teacher: { kind: 'mlp', hidden: [64, 64], activation: 'relu' },
  student: { kind: 'mlp', hidden: [8], activation: 'tanh', dropout: 0.1 },
  temperature: 4,
  alpha: 0.7,
  scaleByT2: false,
  epochs: 2,
  batchSize: 16,
  learningRate: 0.02,
  seed: 11,
  repeats: 3,
});

/** The live change of the spiral run: T 4 → 8 from distillation step 21 (the first step whose loss uses it). */
export const SPIRAL_CHANGES = [{ phase: 'distill' as const, step: 21, temperature: 8, alpha: 0.7 }];

/** MNIST (the shipped 8,000 / 2,000 file), a 1,000-digit transfer set without digit 3. */
export const MNIST_OMIT3: ExperimentConfig = toyConfig({
  dataset: 'mnist',
  teacher: { kind: 'mlp', hidden: [64], activation: 'relu' },
  student: { kind: 'mlp', hidden: [16], activation: 'relu' },
  temperature: 8,
  alpha: 0.9,
  scaleByT2: true,
  transferSize: 1000,
  excludeClasses: [3],
  epochs: 2,
  batchSize: 64,
  learningRate: 0.01,
  seed: 3,
  repeats: 2,
});

/** A CNN on MNIST with batch norm, augmentation for every model and a hint (compiled only: too slow for the Node engine). */
export const MNIST_CNN: ExperimentConfig = toyConfig({
  dataset: 'mnist',
  teacher: {
    kind: 'cnn',
    layers: [
      { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
      { type: 'maxpool', size: 2 },
      { type: 'conv', filters: 16, kernel: 3, stride: 1, activation: 'gelu' },
      { type: 'maxpool', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 32, activation: 'relu' },
      { type: 'dropout', rate: 0.5 },
    ],
  },
  student: { kind: 'mlp', hidden: [16], activation: 'gelu' },
  softTerm: 'mse',
  hint: { teacherLayer: 2, studentLayer: 0, beta: 0.25 },
  augment: 'all',
  transferSize: 500,
  epochs: 1,
  batchSize: 64,
  optimizer: 'sgd',
  learningRate: 0.05,
  seed: 7,
});

/** Columns of the CSV test upload (label in the middle, to check the column order is kept). */
export const CSV_COLUMNS = ['f1', 'f2', 'species', 'f3', 'f4'];

/** A CSV of 4 features and 3 text classes, reproducible from a seed. */
export function csvText(rows = 240): string {
  const lines = [CSV_COLUMNS.join(',')];
  const names = ['ant', 'bee', 'cat'];
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    const f = [0, 1, 2, 3].map((j) => ((c + 1) * (j + 1)) / 3 + ((Math.sin(i * 12.9898 + j * 78.233) * 43758.5453) % 1) * 2);
    lines.push([f[0]!.toFixed(4), f[1]!.toFixed(4), names[c], f[2]!.toFixed(4), f[3]!.toFixed(4)].join(','));
  }
  return lines.join('\n');
}

/** The upload's metadata as the worker reports it (split seed 5, 80/20). */
export function csvMeta(trainCount: number, testCount: number): UserDataMeta {
  return {
    id: 'upload-csv-1',
    name: 'insects.csv',
    toy: false,
    inputShape: [4],
    numClasses: 3,
    classNames: ['ant', 'bee', 'cat'],
    trainCount,
    testCount,
    csv: { columns: CSV_COLUMNS, labelColumn: 'species', testFraction: 0.2, splitSeed: 5 },
  };
}

/** A CSV upload with a FitNets hint between the two hidden blocks. */
export function csvConfig(trainCount = 192, testCount = 48): ExperimentConfig {
  return toyConfig({
    userData: csvMeta(trainCount, testCount),
    teacher: { kind: 'mlp', hidden: [32, 16], activation: 'relu' },
    student: { kind: 'mlp', hidden: [6], activation: 'relu' },
    hint: { teacherLayer: 1, studentLayer: 0, beta: 0.5 },
    epochs: 2,
    batchSize: 16,
    learningRate: 0.01,
    seed: 5,
    repeats: 3,
  });
}

/** Spiral with a 2-point temperature sweep (a student without dropout: the script and the studio differ only by rounding). */
export const SWEEP: ExperimentConfig = {
  ...SPIRAL,
  student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  scaleByT2: true,
  repeats: 1,
  sweep: { temperatures: [2, 6], alphas: [] },
};

/** Writes a script into the shared temporary folder. */
export function write(name: string, script: string): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, script, 'utf8');
  return path;
}

/** `python3 -m py_compile` of a file (any Python 3; no torch needed). */
export function pyCompile(path: string): { status: number | null; stderr: string } {
  const r = spawnSync('python3', ['-m', 'py_compile', path], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}
