import { parseCsvDataset, previewCsv, type CsvPreview } from '../engine/data/csv';
import { parseIdxPair } from '../engine/data/idx';
import { dataErrorValue, type DataErrorValue } from '../engine/data/dataErrors';
import type { ImageFolderSource, UserDataMeta } from '../engine/data/meta';
import type { MissingRule } from '../engine/data/missing';
import { summarizeDataset, type DatasetSummary } from '../engine/data/summary';
import { featureSize, type Dataset } from '../engine/data/types';
import { classesMissingFrom, fitScaling, toUserDataset, type LabeledData } from '../engine/data/userData';
import { UPLOAD_GONE } from './protocol';

/** The `dataError` field of a failure event: the code and parameters when the error is a data error. */
export function withDataError(e: unknown): { dataError?: DataErrorValue } {
  const value = dataErrorValue(e);
  return value ? { dataError: value } : {};
}

/** Fraction of the user's examples held out for testing (seeded, stratified). */
export const UPLOAD_TEST_FRACTION = 0.2;

/** Rows shown in the CSV preview. */
export const PREVIEW_ROWS = 5;

/** What the UI gets back for a parsed upload: its metadata (for the config) and its summary (for display). */
export interface UploadResult {
  meta: UserDataMeta;
  summary: DatasetSummary;
}

/**
 * The user's parsed data, held in the worker by id (never sent back to the UI). Only the latest upload
 * is kept: a new one replaces it (a run already training keeps its own reference).
 */
export class UploadStore {
  private readonly datasets = new Map<string, Dataset>();
  private nextId = 1;

  /** Headers, first rows and a suggested label column of a CSV text. */
  inspectCsv(text: string, fileName: string): CsvPreview {
    return previewCsv(text, PREVIEW_ROWS, fileName);
  }

  /**
   * Parses a CSV (label column by 0-based index), splits it with `seed` and keeps it raw (runs standardise it when
   * asked). `missing` says what to do with missing cells (without it they are refused with the line and column).
   */
  addCsv(fileName: string, text: string, labelColumn: number, seed: number, missing?: MissingRule): UploadResult {
    return this.add(parseCsvDataset(text, labelColumn, fileName, missing), fileName, 'csv', seed);
  }

  /** Decodes an idx images + labels pair (raw or gzip), splits it with `seed` and keeps it. */
  async addIdx(imagesName: string, images: Uint8Array, labelsName: string, labels: Uint8Array, seed: number): Promise<UploadResult> {
    const data = await parseIdxPair(images, labels);
    return this.add(data, `${imagesName} + ${labelsName}`, 'idx', seed);
  }

  /** Keeps a decoded image folder (`[S, S, 3]` in 0–1), split with `seed` like every other upload. */
  addImages(data: LabeledData, name: string, seed: number, source: Omit<ImageFolderSource, 'splitSeed'>): UploadResult {
    const result = this.add(data, name, 'images', seed);
    result.meta.imageFolder = { ...source, splitSeed: seed };
    return result;
  }

  /** The dataset kept under `id`; throws `UPLOAD_GONE` when it is not here (e.g. after a worker restart). */
  get(id: string): Dataset {
    const data = this.datasets.get(id);
    if (!data) throw new Error(UPLOAD_GONE);
    return data;
  }

  /** True when an upload is kept under `id`. */
  has(id: string): boolean {
    return this.datasets.has(id);
  }

  private add(data: LabeledData, name: string, kind: 'csv' | 'idx' | 'images', seed: number): UploadResult {
    const id = `upload-${kind}-${this.nextId++}`;
    const dataset = toUserDataset(data, { id, name, seed, testFraction: UPLOAD_TEST_FRACTION });
    this.datasets.clear();
    this.datasets.set(id, dataset);
    const meta: UserDataMeta = {
      id,
      name,
      toy: false,
      inputShape: [...dataset.inputShape],
      numClasses: dataset.numClasses,
      classNames: [...dataset.classNames],
      trainCount: dataset.train.count,
      testCount: dataset.test.count,
      missingFromTest: classesMissingFrom(dataset.test, dataset.classNames),
      // A CSV's scaling statistics are the ones a standardised run fits on this training split (runner: standardizedCopy).
      ...(data.columns && data.labelName
        ? {
            csv: {
              columns: data.columns,
              labelColumn: data.labelName,
              testFraction: UPLOAD_TEST_FRACTION,
              splitSeed: seed,
              featureScaling: fitScaling(dataset.train, featureSize(dataset.inputShape)),
              // Scaling is fitted after the holes are filled; the export reads the file with the same rule and values.
              ...(dataset.missingValues ? { missing: dataset.missingValues } : {}),
            },
          }
        : {}),
    };
    return { meta, summary: summarizeDataset(dataset) };
  }
}
