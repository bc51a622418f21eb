import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { changedOnlyStorage } from '../../src/store/changedOnlyStorage';

/** An in-memory storage that counts its writes. */
function countingStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const writes: string[] = [];
  const storage: StateStorage = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      writes.push(v);
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
  return { storage, writes, data };
}

describe('changedOnlyStorage', () => {
  it('writes a value once, skips rewriting it, and writes every change', () => {
    const c = countingStorage();
    const s = changedOnlyStorage(() => c.storage)();
    s.setItem('k', 'a');
    s.setItem('k', 'a');
    s.setItem('k', 'b');
    s.setItem('k', 'a');
    expect(c.writes).toEqual(['a', 'b', 'a']);
    expect(c.data.get('k')).toBe('a');
  });

  it('knows what it read, and writes again after a removal', () => {
    const c = countingStorage({ k: 'saved' });
    const s = changedOnlyStorage(() => c.storage)();
    expect(s.getItem('k')).toBe('saved');
    s.setItem('k', 'saved');
    expect(c.writes).toEqual([]);
    s.removeItem('k');
    s.setItem('k', 'saved');
    expect(c.writes).toEqual(['saved']);
  });
});
