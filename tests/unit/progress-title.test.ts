import { describe, expect, it } from 'vitest';
import type { RunState } from '../../src/store/runState';
import { ProgressTitle, TITLE_SPACING_MS } from '../../src/ui/progress/progressTitle';
import type { Timers } from '../../src/util/rateLimit';

/** A hand-driven clock: `advance` runs the timers that fall due. */
function manualTimers() {
  let now = 0;
  let queue: { at: number; fn: () => void }[] = [];
  const timers: Timers = {
    now: () => now,
    later: (fn, ms) => {
      const entry = { at: now + ms, fn };
      queue.push(entry);
      return () => (queue = queue.filter((e) => e !== entry));
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = queue.filter((e) => e.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      queue = queue.filter((e) => e !== due);
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { timers, advance };
}

/** A run as the title reads it: its id, status and the percentage the test gives it. */
const run = (id: number, status: RunState['status'], percent: number) => ({ id, status, percent }) as unknown as RunState;

describe('the progress title', () => {
  function setup() {
    const { timers, advance } = manualTimers();
    let live = run(0, 'idle', 0);
    const writes: string[] = [];
    let current = 'Distill Studio';
    const title = new ProgressTitle(
      () => live,
      (r) => (r.status === 'running' ? `${(r as unknown as { percent: number }).percent} % · Distill Studio` : 'Distill Studio'),
      { get: () => current, set: (t) => (writes.push(t), (current = t)) },
      timers,
    );
    return { title, advance, writes, set: (r: RunState) => ((live = r), title.update()), current: () => current };
  }

  it('rewrites the percentage at most once a second during training, ending on the latest figure', () => {
    const { advance, writes, set, current } = setup();
    // A frame's store update every 16 ms for 3 s, the percentage rising with it.
    for (let i = 0; i <= 187; i++) {
      set(run(1, 'running', Math.floor(i / 2)));
      advance(16);
    }
    advance(TITLE_SPACING_MS);
    expect(writes.length).toBeLessThanOrEqual(1 + Math.ceil((188 * 16) / TITLE_SPACING_MS) + 1);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(current()).toBe('93 % · Distill Studio');
  });

  it('writes a new run, a status change and a new language at once, and never assigns an unchanged text', () => {
    const { title, advance, writes, set, current } = setup();
    set(run(1, 'running', 10));
    expect(current()).toBe('10 % · Distill Studio');
    set(run(1, 'running', 11));
    advance(100);
    set(run(1, 'done', 100));
    // Done shows at once, and the percentage still waiting is dropped.
    expect(current()).toBe('Distill Studio');
    advance(5 * TITLE_SPACING_MS);
    expect(writes).toEqual(['10 % · Distill Studio', 'Distill Studio']);
    title.relabel();
    expect(writes).toHaveLength(2);
    title.dispose();
  });
});
