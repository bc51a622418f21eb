import type { BackendInfo } from '../../worker/protocol';

const KEY = 'distill-studio-backend-cache';
/** Most architectures remembered. */
const LIMIT = 24;

/** Auto's earlier benchmark decisions, read from local storage (empty when unavailable or malformed). */
export function loadBackendCache(): [string, BackendInfo][] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (e): e is [string, BackendInfo] =>
        // Entries of an older version (English reasons) are dropped: Auto measures again once.
        Array.isArray(e) && typeof e[0] === 'string' && typeof e[1]?.name === 'string' && typeof e[1]?.reason?.code === 'string' && Array.isArray(e[1]?.notes),
    );
  } catch {
    return [];
  }
}

/** Remembers one decision (newest first, bounded). Storage failures are ignored: the cache is only a speed-up. */
export function saveBackendDecision(key: string, info: BackendInfo): void {
  try {
    const next = [[key, info] as [string, BackendInfo], ...loadBackendCache().filter(([k]) => k !== key)].slice(0, LIMIT);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* private mode or full storage: keep working without the cache */
  }
}
