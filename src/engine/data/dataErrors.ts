import { englishImageError, type ImageErrorValue } from './images/imageErrors';
import type { BinaryKind } from './sniffBinary';

/*
 * Why the user's files cannot be used, as codes + parameters: the UI words them through the `app`
 * catalogue (English and Chinese); `.message` keeps the English sentence for Node tests and logs.
 */

/** Which part of the user's data a message is about. */
export type DataSubject = { kind: 'imagesFile' } | { kind: 'labelsFile' } | { kind: 'data' } | { kind: 'labelColumn'; name: string };

/** A parser or split failure of the user's data (CSV, idx), with what is needed to word it. */
export type DataErrorValue =
  | { code: 'csvEmpty' }
  | { code: 'csvSyntax'; line: number; detail: string }
  | { code: 'labelIndexMissing'; column: number; columns: number }
  | { code: 'labelNameMissing'; name: string; columns: string }
  | { code: 'noFeatures' }
  | { code: 'noRows' }
  | { code: 'columnCount'; line: number; found: number; expected: number; header: boolean }
  | { code: 'emptyCell'; line: number; column: string }
  | { code: 'notNumber'; line: number; column: string; cell: string }
  | { code: 'emptyLabel'; line: number; column: string }
  | { code: 'allRowsDropped'; rows: number }
  | { code: 'noValuesToFill'; column: string }
  | { code: 'tooManyClasses'; column: string; count: number; max: number }
  | { code: 'idxTooShort'; subject: DataSubject; bytes: number }
  | { code: 'idxMagic'; subject: DataSubject; found: string; expected: string; swapped: boolean }
  | { code: 'idxShortHeader'; subject: DataSubject; bytes: number; header: number }
  | { code: 'idxTruncated'; subject: DataSubject; dims: string; expected: number; bytes: number }
  | { code: 'idxTrailing'; subject: DataSubject; extra: number; dims: string }
  | { code: 'idxNoImages'; subject: DataSubject }
  | { code: 'idxEmptyImages'; subject: DataSubject; rows: number; cols: number }
  | { code: 'idxCountMismatch'; labels: number; images: number }
  | { code: 'notGzip'; subject: DataSubject; detail: string }
  | { code: 'noExamples'; subject: DataSubject }
  | { code: 'singleClass'; subject: DataSubject; label: string }
  | { code: 'inconsistent'; count: number; features: number; needed: number; got: number }
  | { code: 'tooFewExamples'; count: number; percent: number }
  | { code: 'binaryFile'; name: string; kind: BinaryKind }
  | { code: 'gzipTooLarge'; subject: DataSubject; limitMB: number }
  | ImageErrorValue;

/** English description of what a binary file looks like. */
export const BINARY_KIND_EN: Record<BinaryKind, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  gzip: 'a gzip archive',
  zip: 'a zip archive (or an Excel .xlsx workbook)',
  pdf: 'a PDF document',
  webp: 'a WebP image',
  idx: 'an idx file (pick it together with its images or labels partner)',
  binary: 'a binary file (it contains NUL bytes)',
};

/** English name of a data subject, as it appears inside a sentence ("images file", 'label column "y"'). */
export function englishSubject(s: DataSubject): string {
  switch (s.kind) {
    case 'imagesFile':
      return 'images file';
    case 'labelsFile':
      return 'labels file';
    case 'data':
      return 'data';
    case 'labelColumn':
      return `label column "${s.name}"`;
  }
}

/** The English sentence of a data error (the wording the UI's English catalogue reproduces). */
export function englishDataError(e: DataErrorValue): string {
  switch (e.code) {
    case 'csvEmpty':
      return 'The CSV file is empty.';
    case 'csvSyntax':
      return `CSV line ${e.line}: ${e.detail}.`;
    case 'labelIndexMissing':
      return `Label column ${e.column} does not exist: the file has ${e.columns} columns (0–${e.columns - 1}).`;
    case 'labelNameMissing':
      return `There is no column named "${e.name}"; the columns are: ${e.columns}.`;
    case 'noFeatures':
      return 'The CSV file needs at least one numeric feature column besides the label column.';
    case 'noRows':
      return 'The CSV file has a header but no data rows.';
    case 'columnCount':
      return `Line ${e.line} has ${e.found} columns but ${e.header ? 'the header' : 'the first row'} has ${e.expected}.`;
    case 'emptyCell':
      return `Line ${e.line}, column "${e.column}": the cell is empty.`;
    case 'notNumber':
      return `Line ${e.line}, column "${e.column}": "${e.cell}" is not a number.`;
    case 'emptyLabel':
      return `Line ${e.line}, column "${e.column}": the label is empty.`;
    case 'allRowsDropped':
      return `All ${e.rows} rows have a missing value: dropping them leaves no data. Fill the missing cells with the training-split mean instead.`;
    case 'noValuesToFill':
      return `Column "${e.column}" has no number in the training split, so it has no mean to fill its missing cells with. Drop the rows, or remove the column.`;
    case 'tooManyClasses':
      return `The label column "${e.column}" has ${e.count} distinct values; at most ${e.max} classes are supported. Is it the right column?`;
    case 'idxTooShort':
      return `The ${englishSubject(e.subject)} is truncated: ${e.bytes} bytes is too short for an idx header.`;
    case 'idxMagic':
      return `The ${englishSubject(e.subject)} has the wrong magic number ${e.found} (expected ${e.expected}).${e.swapped ? ' Are the images and labels files swapped?' : ''}`;
    case 'idxShortHeader':
      return `The ${englishSubject(e.subject)} is truncated: ${e.bytes} bytes is shorter than its ${e.header}-byte header.`;
    case 'idxTruncated':
      return `The ${englishSubject(e.subject)} is truncated: its header declares ${e.dims} values (${e.expected} bytes) but the file has ${e.bytes} bytes.`;
    case 'idxTrailing':
      return `The ${englishSubject(e.subject)} has ${e.extra} unexpected bytes after the ${e.dims} values its header declares.`;
    case 'idxNoImages':
      return `The ${englishSubject(e.subject)} contains no images.`;
    case 'idxEmptyImages':
      return `The ${englishSubject(e.subject)} declares empty ${e.rows}×${e.cols} images.`;
    case 'idxCountMismatch':
      return `The labels file has ${e.labels} labels but the images file has ${e.images} images; they must match.`;
    case 'notGzip':
      return `Could not decompress the ${englishSubject(e.subject)}: it is not valid gzip (${e.detail}).`;
    case 'noExamples':
      return `The ${englishSubject(e.subject)} has no examples.`;
    case 'singleClass':
      return `Every label in the ${englishSubject(e.subject)} is "${e.label}": at least 2 classes are needed to train a classifier.`;
    case 'inconsistent':
      return `Inconsistent data: ${e.count} examples of ${e.features} features need ${e.needed} values, got ${e.got}.`;
    case 'tooFewExamples':
      return `Too few examples (${e.count}) for a ${e.percent} % test split: add more rows.`;
    case 'binaryFile':
      return `"${e.name}" is not a CSV text file: it looks like ${BINARY_KIND_EN[e.kind]}.`;
    case 'gzipTooLarge':
      return `The ${englishSubject(e.subject)} decompresses to more than ${e.limitMB} MB, the most the studio reads.`;
    default:
      return englishImageError(e);
  }
}

/** An error about the user's data: `.value` carries the code and parameters, `.message` the English sentence. */
export class DataError extends Error {
  /** The code and parameters, for the UI to word in the chosen language. */
  readonly value: DataErrorValue;
  constructor(value: DataErrorValue) {
    super(englishDataError(value));
    this.name = 'DataError';
    this.value = value;
  }
}

/** The code and parameters of a data error, or null for any other error. */
export function dataErrorValue(e: unknown): DataErrorValue | null {
  return e instanceof DataError ? e.value : null;
}
