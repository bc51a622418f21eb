import type { ExperimentConfig } from '../../src/engine/train/types';

/** A small spiral experiment for engine tests (tanh MLPs, Adam, no extras); override what a test varies. */
export function toyConfig(overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return {
    dataset: 'spiral',
    userData: null,
    samples: 300,
    noise: 0.05,
    teacher: { kind: 'mlp', hidden: [16], activation: 'tanh' },
    student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
    temperature: 4,
    alpha: 0.7,
    scaleByT2: true,
    softTerm: 'kl',
    teacherLive: false,
    repeats: 1,
    sweep: null,
    hint: null,
    transferSize: 0,
    excludeClasses: [],
    augment: 'off',
    epochs: 2,
    batchSize: 32,
    optimizer: 'adam',
    learningRate: 0.02,
    seed: 5,
    ...overrides,
  };
}
