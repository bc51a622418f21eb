import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { HistoryRecord } from './records';

/** Name of the IndexedDB database that keeps finished runs. */
export const HISTORY_DB = 'distill-studio-history';
/** Its one object store (key path `id`). */
export const RUNS_STORE = 'runs';

interface HistorySchema extends DBSchema {
  runs: { key: string; value: HistoryRecord };
}

/** Where history records persist: IndexedDB in the browser, anything with the same shape in tests. */
export interface HistoryStorage {
  list(): Promise<HistoryRecord[]>;
  put(record: HistoryRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Opens (creating on first use) the history database through `factory`; rejects when IndexedDB is unusable. */
export async function openHistoryStorage(factory: IDBFactory | undefined): Promise<HistoryStorage> {
  if (!factory) throw new Error('IndexedDB is not available in this browser.');
  const request = factory.open(HISTORY_DB, 1);
  request.addEventListener('upgradeneeded', () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(RUNS_STORE)) db.createObjectStore(RUNS_STORE, { keyPath: 'id' });
  });
  const db = (await wrap(request)) as unknown as IDBPDatabase<HistorySchema>;
  return {
    list: () => db.getAll(RUNS_STORE),
    put: async (record) => {
      await db.put(RUNS_STORE, record);
    },
    delete: (id) => db.delete(RUNS_STORE, id),
  };
}
