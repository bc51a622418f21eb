import type { ArchSpec } from './spec';

/** A named architecture offered in the Teacher or Student menu. */
export interface ArchPreset {
  /** Stable id used in URLs and menus. */
  id: string;
  /** Menu label. */
  label: string;
  /** The architecture. */
  spec: ArchSpec;
  /** Its role in the experiment, in one sentence. */
  note?: string;
}

/** Teacher presets: wide enough to fit the toy sets well. */
export const TEACHER_PRESETS: readonly ArchPreset[] = [
  { id: 'mlp-64-64', label: 'MLP 64·64 (tanh)', spec: { kind: 'mlp', hidden: [64, 64], activation: 'tanh' } },
  { id: 'mlp-128-128', label: 'MLP 128·128 (relu)', spec: { kind: 'mlp', hidden: [128, 128], activation: 'relu' } },
  { id: 'mlp-256-256-256', label: 'MLP 256·256·256 (relu)', spec: { kind: 'mlp', hidden: [256, 256, 256], activation: 'relu' } },
];

/** Student presets: small enough that compression is real. */
export const STUDENT_PRESETS: readonly ArchPreset[] = [
  { id: 'mlp-8', label: 'MLP 8 (tanh)', spec: { kind: 'mlp', hidden: [8], activation: 'tanh' } },
  { id: 'mlp-16', label: 'MLP 16 (tanh)', spec: { kind: 'mlp', hidden: [16], activation: 'tanh' } },
  { id: 'mlp-4', label: 'MLP 4 (tanh)', spec: { kind: 'mlp', hidden: [4], activation: 'tanh' } },
  { id: 'mlp-8-8', label: 'MLP 8·8 (relu)', spec: { kind: 'mlp', hidden: [8, 8], activation: 'relu' } },
];

/** Teacher presets for 28×28×1 image sets with 10 classes (MNIST-like). */
export const IMAGE_TEACHER_PRESETS: readonly ArchPreset[] = [
  {
    id: 'cnn-32-64-128',
    label: 'CNN (conv32 3×3, pool, conv64 3×3, pool, dense128, dropout 0.5)',
    spec: {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 32, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 64, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
      ],
    },
    note: 'A small convolutional teacher that reaches about 99 % on MNIST in a few epochs.',
  },
  {
    id: 'cnn-small',
    label: 'Small CNN (conv8 3×3, pool, conv16 3×3, pool, dense64)',
    spec: {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 16, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 64, activation: 'relu' },
      ],
    },
    note: 'About 12× cheaper than the CNN above: a quick teacher for machines without a GPU (software WebGL or CPU).',
  },
  {
    id: 'hinton-mlp-1200-1200',
    label: 'Hinton 2015: MLP 1200·1200 with dropout',
    spec: { kind: 'mlp', hidden: [1200, 1200], activation: 'relu', dropout: 0.5 },
    note: "The paper's MNIST teacher: two wide hidden layers regularised by dropout 0.5 (the paper also jittered the input).",
  },
];

/** Student presets for 28×28×1 image sets with 10 classes (MNIST-like). */
export const IMAGE_STUDENT_PRESETS: readonly ArchPreset[] = [
  {
    id: 'mlp-800-800',
    label: 'MLP 800·800 (no regularisation)',
    spec: { kind: 'mlp', hidden: [800, 800], activation: 'relu' },
    note: "The paper's student: overfits on hard labels alone, and distillation is its regulariser.",
  },
  {
    id: 'mlp-100',
    label: 'MLP 100',
    spec: { kind: 'mlp', hidden: [100], activation: 'relu' },
    note: 'A strongly compressed student where soft targets still carry useful dark knowledge.',
  },
  {
    id: 'mlp-32',
    label: 'MLP 32 (tiny)',
    spec: { kind: 'mlp', hidden: [32], activation: 'relu' },
    note: 'The contrast case: too small to absorb what the teacher knows, so distillation gains little or nothing.',
  },
];

/**
 * Teacher presets for H×W×3 colour images (any size from 16×16: 'valid' convolutions shrink 32 → 30 → 15 → 13 → 11
 * → 5, and 16 → 14 → 7 → 5 → 3 → 1).
 */
export const COLOUR_TEACHER_PRESETS: readonly ArchPreset[] = [
  {
    id: 'colour-vgg-bn',
    label: 'Small VGG (conv16·bn, pool; conv32·bn, conv32·bn, pool; dense128, dropout 0.3)',
    spec: {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 16, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 32, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
        { type: 'conv', filters: 32, kernel: 3, stride: 1, activation: 'relu', batchNorm: true },
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.3 },
      ],
    },
    note: 'VGG-style blocks of batch-normalised 3×3 convolutions: a colour teacher that trains in minutes on a laptop.',
  },
];

/** Student presets for H×W×3 colour images (any size from 16×16). */
export const COLOUR_STUDENT_PRESETS: readonly ArchPreset[] = [
  {
    id: 'colour-cnn-small',
    label: 'Small CNN (conv8 3×3, pool, conv16 3×3, pool, dense32)',
    spec: {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 8, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 16, kernel: 3, stride: 1, activation: 'relu' },
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 32, activation: 'relu' },
      ],
    },
    note: 'A student small enough to ship in a web page (tens of KB), still convolutional.',
  },
  {
    id: 'colour-mlp-128',
    label: 'MLP 128',
    spec: { kind: 'mlp', hidden: [128], activation: 'relu' },
    note: 'Sees the pixels without convolutions: the contrast case, where the teacher has the most to teach.',
  },
];

/** Which family of datasets a preset list is for: low-dimensional toy points, 28×28×1 grey images or H×W×3 colour images. */
export type PresetFamily = 'toy' | 'image' | 'colour';

/** The teacher and student presets for a dataset family. */
export function presetsFor(family: PresetFamily): { teachers: readonly ArchPreset[]; students: readonly ArchPreset[] } {
  switch (family) {
    case 'image':
      return { teachers: IMAGE_TEACHER_PRESETS, students: IMAGE_STUDENT_PRESETS };
    case 'colour':
      return { teachers: COLOUR_TEACHER_PRESETS, students: COLOUR_STUDENT_PRESETS };
    case 'toy':
      return { teachers: TEACHER_PRESETS, students: STUDENT_PRESETS };
  }
}

/** The preset family of a built-in dataset's input shape: points, grey images, or images with 3 channels. */
export function familyOfShape(inputShape: readonly number[]): PresetFamily {
  if (inputShape.length !== 3) return 'toy';
  return inputShape[2] === 3 ? 'colour' : 'image';
}

/** Looks up a preset by id in a list, falling back to the first entry. */
export function findPreset(list: readonly ArchPreset[], id: string): ArchPreset {
  return list.find((p) => p.id === id) ?? list[0]!;
}
