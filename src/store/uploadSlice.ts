import type { StateCreator } from 'zustand';
import type { CsvPreview } from '../engine/data/csv';
import type { DataErrorValue } from '../engine/data/dataErrors';
import type { DatasetMeta, UserDataMeta } from '../engine/data/meta';
import type { MissingRule } from '../engine/data/missing';
import { DATASETS, type DatasetId } from '../engine/data/registry';
import type { DatasetSummary } from '../engine/data/summary';
import { validateArch } from '../engine/models/archFigures';
import { familyOfShape, presetsFor, type PresetFamily } from '../engine/models/presets';
import type { SkippedFile } from '../engine/data/images/classTree';
import { DEFAULT_IMAGE_SIZE, type FitMode } from '../engine/data/images/fitSquare';
import type { ImageSetReport } from '../worker/imageMessages';
import type { WorkerEvent } from '../worker/protocol';
import { withFamilyDefaults } from './configSlice';
import type { StudioState } from './types';

/** Where the user's upload is: nothing picked, previewing a CSV, parsing in the worker, usable, or rejected. */
export type UploadStatus = 'idle' | 'inspecting' | 'loading' | 'ready' | 'failed';

/** The kinds of files users can bring: a CSV, an idx pair, or a class-per-folder image set (folder or zip). */
export type UploadKind = 'csv' | 'idx' | 'images';

/** How an image set is prepared: the square size and how images are made square. */
export interface ImagePrepChoice {
  size: number;
  fit: FitMode;
}

/** Everything the UI holds about the user's own data (the data itself stays in the worker). Not persisted. */
export interface UploadState {
  /** True when the Dataset menu is on "Your data". */
  useUpload: boolean;
  kind: UploadKind | null;
  /** Names of the picked files (one CSV, or the idx images and labels files). */
  fileNames: string[];
  /** The CSV's text, kept until the user confirms the label column. */
  csvText: string | null;
  preview: CsvPreview | null;
  /** Chosen label column (0-based index into `preview.headers`). */
  labelColumn: number;
  /** What to do with rows that have a missing feature cell (drop them, or fill with the training-split mean). */
  missingRule: MissingRule;
  status: UploadStatus;
  /** Why the files could not be used (the parser's message), or null. */
  error: string | null;
  /** The code and parameters of `error` when it is a parser error (worded in the UI's language), or null. */
  dataError: DataErrorValue | null;
  /** Metadata of the parsed upload, held by the worker under `meta.id`. */
  meta: UserDataMeta | null;
  summary: DatasetSummary | null;
  /** Seed of the train/test split of the loaded data. */
  seed: number;
  /** Id of the latest request to the worker; answers to older ones are ignored. */
  requestId: number;
  /** The image size and fit chosen for image sets (kept across uploads). */
  imagePrep: ImagePrepChoice;
  /** Files decoded so far out of the total, while an image set loads. */
  imageProgress: { done: number; total: number } | null;
  /** What loading the image set found (counts per class, files not used, decode time). */
  imageReport: ImageSetReport | null;
  /** Files an image set that failed to load had set aside (listed with its message). */
  imageSkipped: SkippedFile[];
}

/** Upload events the worker sends. */
export type UploadEvent = Extract<WorkerEvent, { type: 'csvPreview' | 'uploadReady' | 'uploadFailed' | 'imagesProgress' }>;

/** No upload. */
export const EMPTY_UPLOAD: UploadState = {
  useUpload: false,
  kind: null,
  fileNames: [],
  csvText: null,
  preview: null,
  labelColumn: 0,
  missingRule: 'drop',
  status: 'idle',
  error: null,
  dataError: null,
  meta: null,
  summary: null,
  seed: 0,
  requestId: 0,
  imagePrep: { size: DEFAULT_IMAGE_SIZE, fit: 'crop' },
  imageProgress: null,
  imageReport: null,
  imageSkipped: [],
};

/** Shown under the Dataset menu (and blocks Start) while "Your data" is chosen but nothing usable is loaded. */
export const NEED_UPLOAD = 'Add your data file(s) and press “Use this data”, or pick a built-in dataset.';

/** Applies a worker answer to the upload (answers to superseded requests are ignored). Pure, so it is unit-tested. */
export function reduceUpload(u: UploadState, event: UploadEvent): UploadState {
  if (event.requestId !== u.requestId) return u;
  switch (event.type) {
    case 'csvPreview':
      if (event.preview === null) return { ...u, status: 'failed', preview: null, csvText: null, error: event.error ?? 'The file could not be read.', dataError: event.dataError ?? null };
      return { ...u, status: 'idle', preview: event.preview, labelColumn: event.preview.suggestedLabelColumn, error: null, dataError: null };
    case 'uploadReady':
      return { ...u, status: 'ready', meta: event.meta, summary: event.summary, error: null, dataError: null, imageProgress: null, imageReport: event.images ?? null, imageSkipped: [] };
    case 'uploadFailed':
      return { ...u, status: 'failed', meta: null, summary: null, error: event.message, dataError: event.dataError ?? null, imageProgress: null, imageReport: null, imageSkipped: event.skipped ?? [] };
    case 'imagesProgress':
      return u.status === 'loading' ? { ...u, imageProgress: { done: event.done, total: event.total } } : u;
  }
}

/** The upload the experiment uses: the ready upload when "Your data" is chosen, else null. */
export function selectUserData(s: { upload: UploadState }): UserDataMeta | null {
  return s.upload.useUpload && s.upload.status === 'ready' ? s.upload.meta : null;
}

/**
 * The preset family for data of this shape: `H×W×3` images get the colour presets and other images the grey ones,
 * when every preset of that family fits them; anything else the MLPs (which flatten).
 */
export function uploadFamily(meta: Pick<DatasetMeta, 'inputShape' | 'numClasses'>): PresetFamily {
  if (meta.inputShape.length !== 3) return 'toy';
  const family = familyOfShape(meta.inputShape);
  const { teachers, students } = presetsFor(family);
  const fits = [...teachers, ...students].every((p) => validateArch(p.spec, meta.inputShape, meta.numClasses) === null);
  return fits ? family : 'toy';
}

/** The built-in dataset that stands for each preset family while an upload is in use. */
const FAMILY_DATASET: Record<PresetFamily, DatasetId> = { toy: 'spiral', image: 'mnist', colour: 'colour-shapes' };

/** A built-in dataset of the upload's preset family: the current one when it already matches, so the model menus fit the upload. */
export function datasetForFamily(current: DatasetId, family: PresetFamily): DatasetId {
  const entry = DATASETS[current];
  const currentFamily: PresetFamily = entry.toy ? 'toy' : familyOfShape(entry.inputShape);
  return currentFamily === family ? current : FAMILY_DATASET[family];
}

/** The upload state and its actions (the worker bridge writes through them). */
export interface UploadSlice {
  upload: UploadState;
  /** Chooses "Your data" in the Dataset menu. */
  chooseUpload: () => void;
  /** Chooses a built-in dataset (the upload stays loaded, unused); a change of preset family applies `withFamilyDefaults`. */
  chooseBuiltIn: (dataset: DatasetId) => void;
  /** A CSV was picked: its preview is being read. */
  beginInspect: (requestId: number, fileName: string, text: string) => void;
  /** Files are being parsed in the worker, to be split with `seed`. */
  beginLoad: (requestId: number, kind: UploadKind, fileNames: string[], seed: number) => void;
  /** Chooses the CSV's label column (data loaded with another one is no longer used: press "Use this data" again). */
  setLabelColumn: (column: number) => void;
  /** Chooses what happens to rows with missing feature cells (data loaded with the other rule is no longer used). */
  setMissingRule: (rule: MissingRule) => void;
  /** Marks the upload as unusable, with a message (bad picks, unreadable files, a crashed worker). */
  failUpload: (message: string, fileNames?: string[]) => void;
  /** Applies a worker answer about the upload. */
  applyUploadEvent: (event: UploadEvent) => void;
  /** Chooses the size and fit image sets are prepared with (used by the next image load). */
  setImagePrep: (prep: ImagePrepChoice) => void;
}

/** `fieldErrors` with the Dataset entry set while "Your data" is chosen without a usable upload, cleared otherwise. */
function datasetError(s: StudioState, upload: UploadState): StudioState['fieldErrors'] {
  const blocked = upload.useUpload && upload.status !== 'ready';
  if (blocked === (s.fieldErrors.dataset !== undefined)) return s.fieldErrors;
  const next = { ...s.fieldErrors };
  if (blocked) next.dataset = NEED_UPLOAD;
  else delete next.dataset;
  return next;
}

/**
 * The new upload state with the matching `fieldErrors`; when the upload comes into use, the config's
 * dataset moves to the upload's preset family with that family's defaults (`withFamilyDefaults`; a new config
 * object, so config-derived views recompute).
 */
function withUpload(s: StudioState, upload: UploadState): Partial<StudioState> {
  const patch: Partial<StudioState> = { upload, fieldErrors: datasetError(s, upload) };
  const meta = selectUserData({ upload });
  if (meta && meta !== selectUserData(s)) patch.config = withFamilyDefaults(s.config, { dataset: datasetForFamily(s.config.dataset, uploadFamily(meta)) });
  return patch;
}

/** A loaded or failed upload back to "choose and press Use this data" after a setting changed; a pending one as it is. */
function unsettled(u: UploadState): UploadState {
  const settled = u.status === 'ready' || u.status === 'failed';
  return settled ? { ...u, status: 'idle', error: null, dataError: null, meta: null, summary: null } : u;
}

let readStore: (() => StudioState) | null = null;

/** The upload in use in the app's store, for helpers that are only given the config (e.g. model statistics). */
export function userDataInUse(): UserDataMeta | null {
  return readStore ? selectUserData(readStore()) : null;
}

/** Creates the upload slice. */
export const createUploadSlice: StateCreator<StudioState, [], [], UploadSlice> = (set, get) => {
  readStore = get;
  return {
    upload: EMPTY_UPLOAD,
    chooseUpload: () => set((s) => withUpload(s, { ...s.upload, useUpload: true })),
    chooseBuiltIn: (dataset) =>
      set((s) => ({ ...withUpload(s, { ...s.upload, useUpload: false }), config: withFamilyDefaults(s.config, { dataset }) })),
    beginInspect: (requestId, fileName, text) =>
      set((s) =>
        withUpload(s, { ...EMPTY_UPLOAD, useUpload: s.upload.useUpload, imagePrep: s.upload.imagePrep, requestId, kind: 'csv', fileNames: [fileName], csvText: text, status: 'inspecting' }),
      ),
    beginLoad: (requestId, kind, fileNames, seed) =>
      set((s) =>
        withUpload(s, { ...s.upload, requestId, kind, fileNames, seed, status: 'loading', error: null, dataError: null, meta: null, summary: null, imageProgress: null, imageReport: null, imageSkipped: [] }),
      ),
    setLabelColumn: (column) =>
      set((s) => {
        if (column === s.upload.labelColumn) return {};
        return withUpload(s, unsettled({ ...s.upload, labelColumn: column }));
      }),
    setMissingRule: (rule) =>
      set((s) => {
        if (rule === s.upload.missingRule) return {};
        return withUpload(s, unsettled({ ...s.upload, missingRule: rule }));
      }),
    failUpload: (message, fileNames) =>
      set((s) =>
        withUpload(s, {
          ...s.upload,
          requestId: s.upload.requestId + 1,
          fileNames: fileNames ?? s.upload.fileNames,
          status: 'failed',
          error: message,
          dataError: null,
          meta: null,
          summary: null,
          imageProgress: null,
          imageReport: null,
          imageSkipped: [],
        }),
      ),
    applyUploadEvent: (event) => set((s) => withUpload(s, reduceUpload(s.upload, event))),
    setImagePrep: (prep) => set((s) => ({ upload: { ...s.upload, imagePrep: prep } })),
  };
};
