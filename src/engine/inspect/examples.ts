import type { Dataset } from '../data/types';
import { featureSize } from '../data/types';

/** The test examples the classroom views inspect: the first `count` of the test split. */
export interface InspectExamples {
  count: number;
  inputShape: number[];
  numClasses: number;
  /** True class of each example. */
  labels: Int32Array;
  /** Images as 0–255 bytes, `count × h × w × c` (grey or RGB image sets, channels last), else null. */
  pixels: Uint8Array | null;
  /** Raw features, `count × featureSize` (every other set), else null. */
  features: Float32Array | null;
}

/** How many test examples are inspected at most. */
export const INSPECT_LIMIT = 2000;

/** True for grey or RGB images `[h, w, 1 | 3]` (shown as thumbnails). */
export function isImage(inputShape: readonly number[]): boolean {
  return inputShape.length === 3 && (inputShape[2] === 1 || inputShape[2] === 3);
}

/** The first `min(limit, test.count)` test examples: their features (for the models), and labels and pixels or features (for the UI). */
export function inspectExamples(data: Dataset, limit = INSPECT_LIMIT): { examples: InspectExamples; x: Float32Array } {
  const count = Math.min(limit, data.test.count);
  const size = featureSize(data.inputShape);
  const x = data.test.x.slice(0, count * size);
  const image = isImage(data.inputShape);
  const examples: InspectExamples = {
    count,
    inputShape: [...data.inputShape],
    numClasses: data.numClasses,
    labels: data.test.y.slice(0, count),
    pixels: image ? Uint8Array.from(x, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) : null,
    features: image ? null : x.slice(),
  };
  return { examples, x };
}
