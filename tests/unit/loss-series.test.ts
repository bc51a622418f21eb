import { describe, expect, it } from 'vitest';
import { keepUnchanged, lossSeries, stepsPerEpochOf } from '../../src/ui/charts/lossSeries';
import type { LossRow } from '../../src/store/runState';

/** Rows of a run whose teacher trained `t` steps and whose students trained `s` steps (s < t). */
function rows(t: number, s: number): LossRow[] {
  return Array.from({ length: t }, (_, i) => {
    const step = i + 1;
    const row: LossRow = { step, teacher: 1 / step };
    if (step <= s) Object.assign(row, { scratch: 2 / step, distill: 3 / step, soft: 1 / step, hard: 2 / step });
    return row;
  });
}

describe('the loss chart on an epoch axis', () => {
  it('puts each phase on its own steps per epoch, so all curves end at the last epoch', () => {
    const out = lossSeries(rows(200, 20), { teacher: 40, scratch: 4, distill: 4 }, 5, 1000);
    expect(out.teacher).toHaveLength(200);
    expect(out.teacher[0]).toEqual({ x: 1 / 40, step: 1, v: 1 });
    expect(out.teacher.at(-1)!.x).toBe(5);
    expect(out.scratch.at(-1)).toEqual({ x: 5, step: 20, v: 0.1 });
    expect(out.distill.at(-1)!.x).toBe(5);
    expect(out.soft.at(-1)!.x).toBe(5);
    expect(out.hard[9]).toEqual({ x: 2.5, step: 10, v: 0.2 });
    expect(out.hint).toEqual([]);
  });

  it('derives steps per epoch from the rows when a phase was not announced (restored from a checkpoint or history)', () => {
    const r = rows(200, 20);
    expect(stepsPerEpochOf('teacher', r, {}, 5)).toBe(40);
    expect(stepsPerEpochOf('scratch', r, { teacher: 40 }, 5)).toBe(4);
    expect(stepsPerEpochOf('distill', [], {}, 5)).toBe(1);
    const out = lossSeries(r, { teacher: 40 }, 5, 1000);
    expect(out.distill.at(-1)!.x).toBe(5);
  });

  it('keeps at most the given number of points per series, the last one included', () => {
    const out = lossSeries(rows(1000, 100), { teacher: 200, scratch: 20, distill: 20 }, 5, 150);
    expect(out.teacher.length).toBeLessThanOrEqual(151);
    expect(out.teacher.at(-1)!.step).toBe(1000);
    expect(out.scratch).toHaveLength(100);
  });
});

describe('a redraw of the loss chart', () => {
  it('keeps the arrays of the curves that did not change, so their lines are not drawn again', () => {
    const announced = { teacher: 40, scratch: 4, distill: 4 };
    const before = lossSeries(rows(200, 20), announced, 5, 150);
    // The teacher is done and the students trained two more steps: only the students' curves change.
    const grown = rows(200, 22);
    const after = keepUnchanged(before, lossSeries(grown, announced, 5, 150));
    expect(after.teacher).toBe(before.teacher);
    expect(after.hint).toBe(before.hint);
    for (const key of ['scratch', 'distill', 'soft', 'hard'] as const) {
      expect(after[key]).not.toBe(before[key]);
      expect(after[key]).toHaveLength(22);
    }
    // A curve with the same number of points but one value changed is new too.
    const changed = rows(200, 20);
    changed[199]!.teacher = 42;
    expect(keepUnchanged(before, lossSeries(changed, announced, 5, 150)).teacher.at(-1)!.v).toBe(42);
    // The first drawing has nothing to keep.
    const first = lossSeries(grown, announced, 5, 150);
    expect(keepUnchanged(null, first)).toBe(first);
  });
});
