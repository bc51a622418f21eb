import type { ImageFolderSource } from '../data/meta';
import type { Dataset } from '../data/types';
import type { OnnxPreprocessing } from '../import/onnxPreprocess';

/**
 * What a downloaded student of an image run expects as its input, so it can be used outside the studio: recorded in
 * model.json's `userDefinedMetadata.input` (tfjs) and in the ONNX file's `metadata_props` (`input_*`).
 */
export interface ImageInputMetadata {
  /** One example's shape without the batch axis: `[height, width, channels]`. */
  shape: number[];
  /** Axis order of the input tensor: batch, height, width, channels (channels last), in tfjs and in the ONNX file alike. */
  layout: 'NHWC';
  /** The channels in order. */
  channels: 'RGB' | 'grey';
  /** What the studio feeds the model: each 8-bit pixel divided by 255 (values in 0–1); no mean or std is subtracted. */
  preprocessing: { pixelScale: '0-1'; formula: 'pixel / 255'; by: 255; mean: number[]; std: number[] };
  /** How a picture became `shape`: the user's folder (size, crop or pad, box resampling) or a built-in set (already that size). */
  preparation: ImagePreparation;
  /** Class names in output order (a folder's are its subfolder names). */
  classNames: string[];
  /** A loaded ONNX teacher's own preprocessing (what the teacher saw, not the student's input), when the run had one. */
  teacherPreprocessing?: OnnxPreprocessing;
}

/** How pictures were prepared: the folder's recipe, or the built-in set's name. */
export type ImagePreparation =
  | { source: 'folder'; size: number; fit: ImageFolderSource['fit']; resample: 'box (area average)'; orientation: 'EXIF applied'; alpha: 'flattened on white' }
  | { source: 'built-in'; dataset: string };

/** The input metadata of an image run's models (null for feature vectors, whose scaling is recorded as before). */
export function imageInputMetadata(data: Dataset, folder: ImageFolderSource | undefined, teacherPreprocessing?: OnnxPreprocessing): ImageInputMetadata | null {
  if (data.inputShape.length !== 3) return null;
  const c = data.inputShape[2]!;
  return {
    shape: [...data.inputShape],
    layout: 'NHWC',
    channels: c === 3 ? 'RGB' : 'grey',
    preprocessing: { pixelScale: '0-1', formula: 'pixel / 255', by: 255, mean: Array.from({ length: c }, () => 0), std: Array.from({ length: c }, () => 1) },
    preparation: folder
      ? { source: 'folder', size: folder.size, fit: folder.fit, resample: 'box (area average)', orientation: 'EXIF applied', alpha: 'flattened on white' }
      : { source: 'built-in', dataset: data.id },
    classNames: [...data.classNames],
    ...(teacherPreprocessing ? { teacherPreprocessing } : {}),
  };
}
