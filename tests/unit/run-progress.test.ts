import { describe, expect, it } from 'vitest';
import { beginProgress, EVAL_STEPS_PER_EPOCH, FLOPS_PER_STEP_OVERHEAD, planSegments, progressView, reduceProgress, segmentIndex, type RunProgressState } from '../../src/store/progress';
import type { WorkerEvent } from '../../src/worker/protocol';
import { toyConfig } from './toyConfig';

const cfg = toyConfig({ repeats: 3, epochs: 2, batchSize: 10, samples: 125, transferSize: 20 });

/** Applies events at the given times. */
function play(p: RunProgressState, events: [number, WorkerEvent][]): RunProgressState {
  return events.reduce((acc, [now, e]) => reduceProgress(acc, e, now, cfg.repeats), p);
}

const phase = (p: 'teacher' | 'scratch' | 'distill', steps: number, seed: number | null): WorkerEvent => ({
  type: 'phase',
  runId: 1,
  phase: p,
  epochs: 2,
  stepsPerEpoch: steps,
  context: seed === null ? null : { kind: 'seed', seed, of: 3 },
});
const epoch = (p: 'teacher' | 'scratch' | 'distill', n: number): WorkerEvent => ({
  type: 'metrics',
  runId: 1,
  losses: [],
  epochs: [{ phase: p, epoch: n, testAccuracy: 0.5, testLoss: 1, agreement: null } as never],
});
const steps = (p: 'teacher' | 'scratch' | 'distill', step: number): WorkerEvent => ({
  type: 'metrics',
  runId: 1,
  losses: [{ phase: p, step, total: 1, soft: 0, hard: 1, hint: 0 } as never],
  epochs: [],
});

describe('whole-run progress', () => {
  it('plans teacher, both students, and both students again per extra seed', () => {
    expect(planSegments(cfg).map((s) => s.phase)).toEqual(['teacher', 'scratch', 'distill', 'scratch', 'distill', 'scratch', 'distill']);
    const segs = planSegments(cfg);
    expect(segmentIndex(segs, 'distill', { kind: 'seed', seed: 3, of: 3 }, 3)).toBe(6);
    expect(segmentIndex(segs, 'scratch', null, 3)).toBe(1);
    expect(segmentIndex(segs, 'distill', { kind: 'latency' }, 3)).toBe(7);
    expect(planSegments({ ...cfg, pretrainedTeacher: { id: 'x', name: 'x' } })[0]!.phase).toBe('scratch');
  });

  it('counts steps plus evaluation per epoch, reaches 100 % when done, and extrapolates the ETA from the first epoch', () => {
    let p = beginProgress(1, cfg, 0);
    p = play(p, [
      [50, { type: 'dataset', runId: 1, summary: { name: 's', trainCount: 100, testCount: 25, numClasses: 3, classNames: [], inputShape: [2], gallery: [] } }],
      [100, phase('teacher', 10, null)],
    ]);
    // Teacher: 2 epochs × (10 steps + eval); six student segments: 2 × (2 + eval).
    // toyConfig: a 2→16→3 tanh teacher (2·(2·16 + 16·3) = 160 FLOPs per example) and a 2→8→3 student (80).
    expect(p.weights).toEqual({ teacher: 1 + (160 * 10) / FLOPS_PER_STEP_OVERHEAD, student: 1 + (80 * 10) / FLOPS_PER_STEP_OVERHEAD });
    const teacherEpoch = 10 * p.weights.teacher + EVAL_STEPS_PER_EPOCH;
    const studentEpoch = 2 * p.weights.student + EVAL_STEPS_PER_EPOCH;
    const total = 2 * teacherEpoch + 6 * 2 * studentEpoch;
    expect(progressView(p, 100)).toEqual({ fraction: 0, elapsedMs: 100, etaMs: null });
    // The clock starts at the first reported steps (2 of 10): the warm-up before them is not extrapolated.
    p = play(p, [[600, steps('teacher', 2)]]);
    expect(progressView(p, 600).fraction).toBeCloseTo((2 * p.weights.teacher) / total, 12);
    expect(progressView(p, 600).etaMs).toBeNull();
    p = play(p, [[1100, steps('teacher', 10)], [1100, epoch('teacher', 1)]]);
    const v = progressView(p, 1100);
    expect(v.fraction).toBeCloseTo(teacherEpoch / total, 12);
    // 500 ms for the units after step 2: the rest at the same rate.
    const measured = teacherEpoch - 2 * p.weights.teacher;
    expect(v.etaMs).toBeCloseTo(((total - teacherEpoch) * 500) / measured, 6);
    // A pause does not count as training time.
    p = play(p, [
      [1200, { type: 'paused', runId: 1 }],
      [5200, { type: 'resumed', runId: 1 }],
    ]);
    expect(progressView(p, 5200).etaMs).toBeCloseTo(((total - teacherEpoch) * 600) / measured, 6);
    expect(progressView(p, 5200).elapsedMs).toBe(1200);
    p = play(p, [
      [6000, phase('scratch', 2, null)],
      [6500, phase('distill', 2, null)],
      [7000, phase('scratch', 2, 2)],
    ]);
    expect(progressView(p, 7000).fraction).toBeCloseTo((2 * teacherEpoch + 2 * 2 * studentEpoch) / total, 12);
    p = play(p, [[9000, { type: 'done', runId: 1, results: {} as never }]]);
    expect(progressView(p, 9999)).toMatchObject({ fraction: 1, etaMs: null, elapsedMs: 9000 - 4000 });
  });

  it('ignores other runs’ events', () => {
    const p = beginProgress(1, cfg, 0);
    expect(reduceProgress(p, { ...phase('teacher', 10, null), runId: 2 } as WorkerEvent, 5, 3)).toBe(p);
  });
});
