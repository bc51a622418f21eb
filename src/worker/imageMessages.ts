import type { SkippedFile } from '../engine/data/images/classTree';
import type { FitMode } from '../engine/data/images/fitSquare';

/** The files of an image set as the page hands them over: loose files (a picked or dropped folder) or one zip. */
export type ImageSource =
  /** Files with their paths relative to the picked/dropped folder (buffers transferred); `folders` lists directories seen, so empty ones count. */
  | { kind: 'files'; name: string; paths: string[]; buffers: ArrayBuffer[]; folders: string[] }
  /** A zip of a class-per-folder tree (buffer transferred). */
  | { kind: 'zip'; name: string; bytes: ArrayBuffer };

/** The request that loads an image set into the worker's upload store. */
export interface LoadImagesRequest {
  type: 'loadImages';
  requestId: number;
  source: ImageSource;
  /** Side of the square the images are resized to. */
  size: number;
  fit: FitMode;
  /** Seed of the train/test split. */
  seed: number;
}

/** What loading an image set found, beside the dataset itself: kept images per class, files not used, and the decode time. */
export interface ImageSetReport {
  /** Images kept per class (same order as the class names). */
  classCounts: number[];
  /** Files and folders not used, by path, with the reason. */
  skipped: SkippedFile[];
  /** Images decoded. */
  decoded: number;
  /** Wall time of the decoding, in milliseconds. */
  decodeMs: number;
}

/** The three models' probabilities on one picture (a picked photo or a camera frame), prepared exactly as the run's image set was; answered by `predicted`. */
export interface PredictPhotoRequest {
  type: 'predictPhoto';
  requestId: number;
  runId: number;
  /** The file's bytes (transferred). */
  bytes: ArrayBuffer;
  /** Side of the square the run's images were resized to. */
  size: number;
  fit: FitMode;
}

/** Why a picture could not be prepared. */
export type PhotoProblem = 'empty' | 'notImage' | 'truncated' | 'tooLarge' | 'undecodable';
