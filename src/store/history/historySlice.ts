import type { StateCreator } from 'zustand';
import type { StudioState } from '../types';
import { HistoryArchive, type HistorySnapshot } from './archive';
import { decodeHistoryFile, HistoryFileError } from './historyFile';
import type { HistoryRecord } from './records';
import { openHistoryStorage } from './storage';

/** Outcome of the last import, as codes and counts the UI translates. */
export type ImportResult =
  | { ok: true; added: number; skipped: number }
  | { ok: false; code: HistoryFileError['code'] | 'unreadable'; run: number | null; field: string | null };

/** The history as the UI sees it. */
export interface HistoryState extends HistorySnapshot {
  /** True once the saved runs have been read (or reading failed). */
  ready: boolean;
  /** Ids of the runs picked for comparison (at most two, oldest pick first). */
  compare: string[];
  importResult: ImportResult | null;
}

/** Finished runs kept across reloads, and the actions on them. */
export interface HistorySlice {
  history: HistoryState;
  /** Reads the saved runs (once; later calls refresh the list). */
  loadHistory: () => Promise<void>;
  /** Saves (or updates, same id) a finished run. */
  saveHistoryRun: (record: HistoryRecord) => Promise<void>;
  /** Renames a saved run (blank names are ignored). */
  renameHistoryRun: (id: string, name: string) => Promise<void>;
  /** Deletes a saved run. */
  deleteHistoryRun: (id: string) => Promise<void>;
  /** Imports an exported history file's text, merging runs whose ids are new. */
  importHistory: (text: string) => Promise<void>;
  /** Refuses an import file larger than `MAX_HISTORY_FILE_BYTES` without reading it. */
  refuseLargeHistoryFile: () => void;
  /** Adds a run to (or removes it from) the comparison; a third pick replaces the older one. */
  toggleCompare: (id: string) => void;
}

/** The history slice over a given archive (tests pass one backed by fake-indexeddb or a failing factory). */
export function historySliceWith(archive: HistoryArchive): StateCreator<StudioState, [], [], HistorySlice> {
  return (set) => {
    const show = (snapshot: HistorySnapshot) =>
      set((s) => {
        const ids = new Set(snapshot.runs.map((r) => r.id));
        return { history: { ...s.history, ...snapshot, ready: true, compare: s.history.compare.filter((id) => ids.has(id)) } };
      });
    return {
      history: { runs: [], warning: null, ready: false, compare: [], importResult: null },
      loadHistory: async () => show(await archive.load()),
      saveHistoryRun: async (record) => show(await archive.save(record)),
      renameHistoryRun: async (id, name) => {
        if (name.trim() !== '') show(await archive.rename(id, name.trim()));
      },
      deleteHistoryRun: async (id) => show(await archive.remove(id)),
      importHistory: async (text) => {
        let records: HistoryRecord[];
        try {
          records = decodeHistoryFile(text);
        } catch (e) {
          const result: ImportResult =
            e instanceof HistoryFileError ? { ok: false, code: e.code, run: e.run, field: e.field } : { ok: false, code: 'unreadable', run: null, field: null };
          set((s) => ({ history: { ...s.history, importResult: result } }));
          return;
        }
        const { snapshot, added, skipped } = await archive.merge(records);
        show(snapshot);
        set((s) => ({ history: { ...s.history, importResult: { ok: true, added, skipped } } }));
      },
      refuseLargeHistoryFile: () => set((s) => ({ history: { ...s.history, importResult: { ok: false, code: 'tooLarge', run: null, field: null } } })),
      toggleCompare: (id) =>
        set((s) => {
          const picked = s.history.compare;
          const compare = picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id].slice(-2);
          return { history: { ...s.history, compare } };
        }),
    };
  };
}

/** The browser's history: IndexedDB when it opens, else memory only (with a warning). */
export const browserHistoryArchive = new HistoryArchive(() => openHistoryStorage(typeof indexedDB === 'undefined' ? undefined : indexedDB));

/** Creates the history slice of the studio store. */
export const createHistorySlice = historySliceWith(browserHistoryArchive);
