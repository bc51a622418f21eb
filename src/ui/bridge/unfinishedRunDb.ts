import { openDB, type IDBPDatabase } from 'idb';
import { PHASES } from '../../engine/train/types';
import { sanitizeConfig } from '../../store/configFields';
import type { SavedRun } from '../../store/savedRun';

/** The IndexedDB database of checkpoints (one active record). */
export const CHECKPOINT_DB = 'distill-studio-checkpoints';
const STORE = 'runs';
const ACTIVE = 'active';

export type { SavedRun } from '../../store/savedRun';

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(CHECKPOINT_DB, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  });
  return db;
}

/** Writes the active checkpoint (replacing the previous one). */
export async function saveActiveRun(run: SavedRun): Promise<void> {
  await (await open()).put(STORE, run, ACTIVE);
}

/** Deletes the active checkpoint. */
export async function clearActiveRun(): Promise<void> {
  await (await open()).delete(STORE, ACTIVE);
}

/** True when a stored value has the shape of a saved run (anything else is ignored and deleted). */
function isSavedRun(v: unknown): v is SavedRun {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.phase === 'string' &&
    (PHASES as readonly string[]).includes(r.phase) &&
    Number.isInteger(r.epoch) &&
    Number.isInteger(r.epochs) &&
    r.data instanceof ArrayBuffer &&
    Array.isArray(r.lossRows) &&
    Array.isArray(r.epochRows) &&
    typeof r.lossCount === 'number' &&
    typeof r.experiment === 'object' &&
    r.experiment !== null &&
    typeof r.backend === 'string'
  );
}

/** The active checkpoint, if a valid one is stored (its UI settings validated like persisted settings). */
export async function loadActiveRun(): Promise<SavedRun | null> {
  const value: unknown = await (await open()).get(STORE, ACTIVE);
  if (value === undefined) return null;
  if (!isSavedRun(value)) {
    await clearActiveRun();
    return null;
  }
  return { ...value, uiConfig: sanitizeConfig(value.uiConfig).config };
}
