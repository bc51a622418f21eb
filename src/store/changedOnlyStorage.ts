import type { StateStorage } from 'zustand/middleware';

/**
 * Wraps a storage so that writing the value it last wrote (or read) under a key is skipped. The persisted config is
 * rewritten after every store update, many times a second during a run, although it rarely changes; each
 * `localStorage.setItem` is a synchronous write on the page's thread.
 */
export function changedOnlyStorage(storage: () => StateStorage): () => StateStorage {
  return () => {
    // Throws where there is no storage (as zustand's own default does): persist then runs without it.
    const inner = storage();
    const last = new Map<string, string>();
    return {
      getItem: (name) => {
        const value = inner.getItem(name);
        if (typeof value === 'string') last.set(name, value);
        return value;
      },
      setItem: (name, value) => {
        if (last.get(name) === value) return;
        last.set(name, value);
        return inner.setItem(name, value);
      },
      removeItem: (name) => {
        last.delete(name);
        return inner.removeItem(name);
      },
    };
  };
}
