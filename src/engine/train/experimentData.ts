import * as tf from '@tensorflow/tfjs';
import { augmentImages } from '../data/augment';
import { stratifiedSubset } from '../data/subset';
import type { Dataset, Split } from '../data/types';
import { featureSize } from '../data/types';
import { holdOutValidation } from '../data/validation';
import { evaluate } from '../metrics';
import { deriveSeed } from '../rng';
import type { Batch, TrainTensors } from './loop';
import type { ExperimentConfig } from './types';

/** A labelled set held as tensors for evaluation: features and one-hot labels. */
export interface EvalTensors {
  x: tf.Tensor;
  y: tf.Tensor2D;
}

/** The experiment's data as tensors, built once: the teacher's training set, the students' transfer set, test and validation. */
export interface ExperimentData {
  source: Dataset;
  inputShape: number[];
  numClasses: number;
  /** Values per example. */
  inputSize: number;
  /** True for image data (`[h, w, c]` inputs: random shifts apply). */
  isImage: boolean;
  /** The teacher's training set: the training split minus the validation hold-out. */
  train: TrainTensors;
  /** The students' training (transfer) set: a seeded, stratified subset of `train` when asked for, else `train`. */
  students: TrainTensors;
  test: EvalTensors;
  /** The held-out validation set no model trains on (null: none), with its host copy. */
  validation: (EvalTensors & { split: Split }) | null;
  /** Releases every tensor built here. */
  dispose: () => void;
}

/** Float one-hot matrix of integer labels. */
export function oneHotLabels(labels: Int32Array, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Splits the validation set off a training split with the run's seed (the same rows whatever `x` holds, e.g. teacher logits). */
export function validationHoldOut(cfg: ExperimentConfig, split: Split, featureLen: number): { train: Split; validation: Split | null } {
  return holdOutValidation(split, featureLen, cfg.validationFraction ?? 0, deriveSeed(cfg.seed, 'validation'));
}

/** True when the students train on a subset of the teacher's set (a transfer size or excluded classes). */
export function hasTransferSubset(cfg: ExperimentConfig): boolean {
  return cfg.transferSize > 0 || cfg.excludeClasses.length > 0;
}

/** The students' rows of a split (chosen from the labels and the seed only, so features and teacher logits stay aligned). */
export function transferRows(cfg: ExperimentConfig, split: Split, featureLen: number): Split {
  if (!hasTransferSubset(cfg)) return split;
  const count = cfg.transferSize > 0 ? cfg.transferSize : split.count;
  return stratifiedSubset(split, featureLen, count, deriveSeed(cfg.seed, 'transfer'), { excludeClasses: cfg.excludeClasses });
}

/** True when the students' inputs are augmented (every batch is new, so the teacher must run live). */
export function augmentsStudents(cfg: ExperimentConfig, data: ExperimentData): boolean {
  return cfg.augment === 'all' && data.isImage;
}

/**
 * The input of a batch: image data (when `on`) randomly shifted by ±2 px unless augmentation is off, and flipped
 * horizontally when `cfg.flip` asks; each step draws its own from `seed`.
 */
export function batchInput(on: boolean, cfg: ExperimentConfig, data: ExperimentData, seed: number): (b: Batch) => tf.Tensor {
  const augment = { maxShift: cfg.augment === 'off' ? 0 : 2, flip: cfg.flip === true };
  return (b) => (on && data.isImage ? augmentImages(b.x as tf.Tensor4D, augment, deriveSeed(seed, `shift-${b.step}`)) : b.x);
}

/** A model's accuracy on the validation set (null without one). */
export async function validationAccuracy(model: tf.LayersModel, data: ExperimentData): Promise<number | null> {
  return data.validation ? (await evaluate(model, data.validation.x, data.validation.y)).accuracy : null;
}

/** Holds out the validation set, picks the transfer set and puts every set in tensors (disposed by `dispose`). */
export function prepareData(cfg: ExperimentConfig, source: Dataset): ExperimentData {
  const { inputShape, numClasses } = source;
  const inputSize = featureSize(inputShape);
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const tensors = (split: Split): TrainTensors => ({
    x: keep(tf.tensor(split.x, [split.count, ...inputShape])),
    yOneHot: keep(oneHotLabels(split.y, numClasses)),
    count: split.count,
    host: { x: split.x, y: split.y, numClasses },
  });
  try {
    // A seeded, stratified validation set that no model trains on: sweeps and the bias correction are read on it.
    const held = validationHoldOut(cfg, source.train, inputSize);
    const train = tensors(held.train);
    const test = { x: keep(tf.tensor(source.test.x, [source.test.count, ...inputShape])), y: keep(oneHotLabels(source.test.y, numClasses)) };
    const v = held.validation;
    const validation = v ? { x: keep(tf.tensor(v.x, [v.count, ...inputShape])), y: keep(oneHotLabels(v.y, numClasses)), split: v } : null;
    const students = hasTransferSubset(cfg) ? tensors(transferRows(cfg, held.train, inputSize)) : train;
    if (students.count === 0) throw new Error('The transfer set is empty: include more examples or fewer excluded classes.');
    const isImage = inputShape.length === 3;
    return { source, inputShape, numClasses, inputSize, isImage, train, students, test, validation, dispose: () => tf.dispose(owned) };
  } catch (e) {
    tf.dispose(owned);
    throw e;
  }
}
