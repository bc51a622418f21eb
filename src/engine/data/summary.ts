import type { Dataset } from './types';

/** One example image for the gallery: grey values 0–255 (or RGB triples when `channels` is 3), row-major. */
export interface GalleryImage {
  label: number;
  width: number;
  height: number;
  /** 3 for colour images (RGB bytes); grey when absent. */
  channels?: 3;
  pixels: Uint8Array;
}

/** What the UI shows about a loaded dataset: counts, classes, and a few images per class. */
export interface DatasetSummary {
  name: string;
  trainCount: number;
  testCount: number;
  numClasses: number;
  classNames: string[];
  inputShape: number[];
  /** Up to `perClass` training images per class (image sets only). */
  gallery: GalleryImage[];
}

/** Summarises a dataset; for grey or colour image sets, picks the first `perClass` training images of each class. */
export function summarizeDataset(d: Dataset, perClass = 8): DatasetSummary {
  const gallery: GalleryImage[] = [];
  const [h, w, c] = d.inputShape;
  if (d.inputShape.length === 3 && (c === 1 || c === 3) && h !== undefined && w !== undefined) {
    const taken = new Array<number>(d.numClasses).fill(0);
    const size = h * w * c;
    for (let i = 0; i < d.train.count && gallery.length < perClass * d.numClasses; i++) {
      const label = d.train.y[i]!;
      if (taken[label]! >= perClass) continue;
      taken[label]! += 1;
      const src = d.train.x.subarray(i * size, (i + 1) * size);
      const pixels = Uint8Array.from(src, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
      gallery.push(c === 3 ? { label, width: w, height: h, channels: 3, pixels } : { label, width: w, height: h, pixels });
    }
    gallery.sort((a, b) => a.label - b.label);
  }
  return {
    name: d.name,
    trainCount: d.train.count,
    testCount: d.test.count,
    numClasses: d.numClasses,
    classNames: d.classNames,
    inputShape: d.inputShape,
    gallery,
  };
}
