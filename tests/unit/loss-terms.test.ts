import { describe, expect, it } from 'vitest';
import { rewindCurves } from '../../src/store/rewind';
import { mergeLosses } from '../../src/store/runState';
import { lossSeries } from '../../src/ui/charts/lossSeries';

describe('attention-transfer and RKD terms on the loss chart', () => {
  it('are kept per distillation step and drawn as their own series; zero or absent terms draw nothing', () => {
    const rows = mergeLosses(
      [],
      [
        { phase: 'distill', step: 1, total: 3, soft: 1, hard: 0.5, hint: 0, at: 1.25, rkd: 0.25 },
        { phase: 'distill', step: 2, total: 2, soft: 1, hard: 0.5, hint: 0, at: 0.5 },
        { phase: 'scratch', step: 2, total: 1, soft: 0, hard: 1, hint: 0 },
      ],
    );
    expect(rows[0]).toEqual({ step: 1, distill: 3, soft: 1, hard: 0.5, at: 1.25, rkd: 0.25 });
    expect(rows[1]).toEqual({ step: 2, distill: 2, soft: 1, hard: 0.5, at: 0.5, scratch: 1 });
    const series = lossSeries(rows, { distill: 2, scratch: 2 }, 1, 100);
    expect(series.at).toEqual([
      { x: 0.5, step: 1, v: 1.25 },
      { x: 1, step: 2, v: 0.5 },
    ]);
    expect(series.rkd).toEqual([{ x: 0.5, step: 1, v: 0.25 }]);
    expect(series.hint).toEqual([]);
  });

  it('survive a rewind to a checkpoint up to its step, and are dropped after it', () => {
    const rows = mergeLosses(
      [],
      [1, 2, 3].map((step) => ({ phase: 'distill' as const, step, total: 3, soft: 1, hard: 0.5, hint: 0, at: step, rkd: 10 * step })),
    );
    const back = rewindCurves({ lossRows: rows, epochRows: [], lossCount: 3 }, 'distill', 1, 2);
    expect(back.lossRows).toEqual([
      { step: 1, distill: 3, soft: 1, hard: 0.5, at: 1, rkd: 10 },
      { step: 2, distill: 3, soft: 1, hard: 0.5, at: 2, rkd: 20 },
    ]);
  });
});
