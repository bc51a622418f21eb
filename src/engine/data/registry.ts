import { generateBlobs } from './blobs';
import { generateCircles } from './circles';
import { colourShapesEntry } from './colourShapes';
import { FASHION_MNIST_SPEC, MNIST_SPEC, imageSetEntry } from './imageSets';
import { generateMoons } from './moons';
import { generateSpiral } from './spiral';
import { toyEntry } from './toy';
import type { DatasetEntry } from './types';
import { generateXor } from './xor';

// Re-exported so existing importers of the registry keep working.
export type { DatasetEntry, DatasetParams, DatasetSource, ProgressFn } from './types';
export { TOY_TEST_FRACTION } from './toy';

/** All datasets the studio knows, by id, in menu order. */
export const DATASETS = {
  spiral: toyEntry('spiral', 'Spiral (2-D, 3 classes)', 'Spiral', ['arm 0', 'arm 1', 'arm 2'], (o) => generateSpiral({ ...o, classes: 3 })),
  circles: toyEntry('circles', 'Circles (2-D, 2 classes)', 'Circles', ['inner', 'outer'], generateCircles),
  xor: toyEntry('xor', 'XOR (2-D, 2 classes)', 'XOR', ['same sign', 'opposite sign'], generateXor),
  blobs: toyEntry('blobs', 'Gaussian blobs (2-D, 4 classes)', 'Gaussian blobs', ['blob 0', 'blob 1', 'blob 2', 'blob 3'], (o) =>
    generateBlobs({ ...o, classes: 4 }),
  ),
  moons: toyEntry('moons', 'Two moons (2-D, 2 classes)', 'Two moons', ['upper moon', 'lower moon'], generateMoons),
  mnist: imageSetEntry(MNIST_SPEC, 'MNIST digits (28×28, 10 classes, 8,000 / 2,000)'),
  'fashion-mnist': imageSetEntry(FASHION_MNIST_SPEC, 'Fashion-MNIST (28×28, 10 classes, 60,000 / 10,000)'),
  'colour-shapes': colourShapesEntry('colour-shapes', 'Colour shapes (32×32 RGB, 10 classes, 4,000 / 1,000, generated)'),
} satisfies Record<string, DatasetEntry>;

/** Id of a known dataset. */
export type DatasetId = keyof typeof DATASETS;

/** Every dataset id, in menu order. */
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Type guard for dataset ids (e.g. from a URL). */
export function isDatasetId(v: string): v is DatasetId {
  return Object.prototype.hasOwnProperty.call(DATASETS, v);
}
