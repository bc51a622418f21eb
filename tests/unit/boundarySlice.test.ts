import { describe, expect, it } from 'vitest';
import { NO_BOUNDARIES, reduceBoundaries, type BoundaryFrame } from '../../src/store/boundarySlice';
import { IDLE_RUN, reduceRun } from '../../src/store/runState';
import type { Phase } from '../../src/engine/train/types';

/** A 2 × 2 grid event. */
function frame(runId: number, phase: Phase, epoch: number): BoundaryFrame {
  return {
    type: 'boundary',
    runId,
    phase,
    epoch,
    size: 2,
    extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
    classes: Uint8Array.from([0, 1, 1, 0]),
    confidence: Uint8Array.from([255, 200, 128, 90]),
  };
}

describe('boundary slice', () => {
  it('keeps the latest grid per model', () => {
    let s = NO_BOUNDARIES;
    for (const e of [frame(1, 'teacher', 1), frame(1, 'teacher', 2), frame(1, 'scratch', 1)]) s = reduceBoundaries(s, e);
    expect(s.runId).toBe(1);
    expect(s.frames.teacher?.epoch).toBe(2);
    expect(s.frames.scratch?.epoch).toBe(1);
    expect(s.frames.distill).toBeUndefined();
  });

  it('starts afresh with a new run and ignores other events', () => {
    let s = reduceBoundaries(NO_BOUNDARIES, frame(1, 'distill', 3));
    expect(reduceBoundaries(s, { type: 'stopped', runId: 1 })).toBe(s);
    s = reduceBoundaries(s, frame(2, 'teacher', 1));
    expect(s).toEqual({ runId: 2, frames: { teacher: frame(2, 'teacher', 1) } });
  });

  it('leaves the run state untouched', () => {
    const run = { ...IDLE_RUN, id: 1 };
    expect(reduceRun(run, frame(1, 'teacher', 1))).toBe(run);
  });
});
