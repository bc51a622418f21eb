import type { HistoryRecord, HistoryWarning } from './records';
import type { HistoryStorage } from './storage';

/** What the UI shows of the history: runs newest first, and why they might not survive a reload. */
export interface HistorySnapshot {
  runs: HistoryRecord[];
  warning: HistoryWarning | null;
}

/** Result of merging imported runs: how many were new and how many ids were already there. */
export interface MergeOutcome {
  snapshot: HistorySnapshot;
  added: number;
  skipped: number;
}

/** The browser's words for an error. */
function detailOf(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) return String((e as { message: unknown }).message);
  return String(e);
}

/** True for a "storage is full" error (QuotaExceededError, also when it aborted the transaction). */
export function isQuotaError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === 'QuotaExceededError';
}

/**
 * Finished runs: kept in memory for the session and written through to persistent storage. When the storage
 * cannot be opened or a write fails (private mode, quota), the runs stay in memory and `warning` says why.
 */
export class HistoryArchive {
  private readonly runs = new Map<string, HistoryRecord>();
  private storage: HistoryStorage | null = null;
  private warning: HistoryWarning | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly open: () => Promise<HistoryStorage>) {}

  /** Opens the storage once and reads every saved run (safe to call repeatedly). */
  async load(): Promise<HistorySnapshot> {
    this.loading ??= this.openAndRead();
    await this.loading;
    return this.snapshot();
  }

  /** Saves a run (in memory at once, then to storage); a failed write leaves it in memory with a warning. */
  async save(record: HistoryRecord): Promise<HistorySnapshot> {
    await this.load();
    this.runs.set(record.id, record);
    await this.write(record);
    return this.snapshot();
  }

  /** Gives a saved run a new name (a no-op for unknown ids). */
  async rename(id: string, name: string): Promise<HistorySnapshot> {
    await this.load();
    const run = this.runs.get(id);
    return run ? this.save({ ...run, name }) : this.snapshot();
  }

  /** Deletes a run from memory and storage. */
  async remove(id: string): Promise<HistorySnapshot> {
    await this.load();
    this.runs.delete(id);
    if (this.storage) {
      try {
        await this.storage.delete(id);
      } catch (e) {
        this.warning = { code: 'write', detail: detailOf(e) };
      }
    }
    return this.snapshot();
  }

  /** Adds imported runs whose ids are not present yet (existing ids are kept as they are). */
  async merge(records: HistoryRecord[]): Promise<MergeOutcome> {
    await this.load();
    let added = 0;
    for (const r of records) {
      if (this.runs.has(r.id)) continue;
      this.runs.set(r.id, r);
      added++;
      await this.write(r);
    }
    return { snapshot: this.snapshot(), added, skipped: records.length - added };
  }

  /** The runs, newest first, and the current warning. */
  snapshot(): HistorySnapshot {
    const runs = [...this.runs.values()].sort((a, b) => b.createdAt - a.createdAt);
    return { runs, warning: this.warning };
  }

  /** One run by id. */
  get(id: string): HistoryRecord | undefined {
    return this.runs.get(id);
  }

  private async openAndRead(): Promise<void> {
    try {
      const storage = await this.open();
      for (const r of await storage.list()) if (!this.runs.has(r.id)) this.runs.set(r.id, r);
      this.storage = storage;
    } catch (e) {
      this.storage = null;
      this.warning = { code: 'unavailable', detail: detailOf(e) };
    }
  }

  private async write(record: HistoryRecord): Promise<void> {
    if (!this.storage) return;
    try {
      await this.storage.put(record);
    } catch (e) {
      this.warning = { code: isQuotaError(e) ? 'quota' : 'write', detail: detailOf(e) };
    }
  }
}
