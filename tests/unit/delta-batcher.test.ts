import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaBatcher } from '../../src/worker/batcher';
import type { LossPoint } from '../../src/engine/train/types';

const point = (step: number): LossPoint => ({ phase: 'teacher', step, total: 1, soft: 0, hard: 1, hint: 0 });

describe('DeltaBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first points at once, then at most one batch per interval, and nothing is lost or reordered', () => {
    const sent: number[][] = [];
    const b = new DeltaBatcher((losses) => sent.push(losses.map((l) => l.step)), 100);
    b.addLosses([point(1), point(2)]);
    expect(sent).toEqual([[1, 2]]);
    b.addLosses([point(3)]);
    vi.advanceTimersByTime(40);
    b.addLosses([point(4)]);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(sent).toEqual([[1, 2], [3, 4]]);
    // After a quiet spell longer than the interval, the next points go at once again.
    vi.advanceTimersByTime(500);
    b.addLosses([point(5)]);
    expect(sent).toEqual([[1, 2], [3, 4], [5]]);
    b.addLosses([point(6)]);
    b.flush();
    expect(sent).toEqual([[1, 2], [3, 4], [5], [6]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(4);
  });
});
