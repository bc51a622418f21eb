import { describe, expect, it } from 'vitest';
import { EVAL_STEPS_PER_EPOCH, FLOPS_PER_STEP_OVERHEAD, planSegments, progressOf, progressView, segmentIndex, type RunProgressState } from '../../src/store/progress';
import { newRun, reduceRun, type RunState } from '../../src/store/runState';
import type { WorkerEvent } from '../../src/worker/protocol';
import { toyConfig } from './toyConfig';

const cfg = toyConfig({ repeats: 3, epochs: 2, batchSize: 10, samples: 125, transferSize: 20 });

/** Applies events at the given times with the one run reducer. */
function play(run: RunState, events: [number, WorkerEvent][]): RunState {
  return events.reduce((acc, [now, e]) => reduceRun(acc, e, now), run);
}

/** The progress derived from a run. */
const view = (run: RunState, now: number) => progressView(progressOf(run), now);
const weightsOf = (run: RunState): RunProgressState['weights'] => progressOf(run).weights;

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
    let run = newRun(1, cfg, 0);
    run = play(run, [
      [50, { type: 'dataset', runId: 1, summary: { name: 's', trainCount: 100, testCount: 25, numClasses: 3, classNames: [], inputShape: [2], gallery: [] } }],
      [100, phase('teacher', 10, null)],
    ]);
    // Teacher: 2 epochs × (10 steps + eval); six student segments: 2 × (2 + eval), the students' steps estimated from the dataset.
    // toyConfig: a 2→16→3 tanh teacher (2·(2·16 + 16·3) = 160 FLOPs per example) and a 2→8→3 student (80).
    const w = weightsOf(run);
    expect(w).toEqual({ teacher: 1 + (160 * 10) / FLOPS_PER_STEP_OVERHEAD, student: 1 + (80 * 10) / FLOPS_PER_STEP_OVERHEAD });
    expect(progressOf(run).steps).toEqual({ teacher: 10, student: 2 });
    const teacherEpoch = 10 * w.teacher + EVAL_STEPS_PER_EPOCH;
    const studentEpoch = 2 * w.student + EVAL_STEPS_PER_EPOCH;
    const total = 2 * teacherEpoch + 6 * 2 * studentEpoch;
    expect(view(run, 100)).toEqual({ fraction: 0, elapsedMs: 100, etaMs: null });
    // The clock starts at the first reported steps (2 of 10): the warm-up before them is not extrapolated.
    run = play(run, [[600, steps('teacher', 2)]]);
    expect(view(run, 600).fraction).toBeCloseTo((2 * w.teacher) / total, 12);
    expect(view(run, 600).etaMs).toBeNull();
    run = play(run, [[1100, steps('teacher', 10)], [1100, epoch('teacher', 1)]]);
    const v = view(run, 1100);
    expect(v.fraction).toBeCloseTo(teacherEpoch / total, 12);
    // 500 ms for the units after step 2: the rest at the same rate.
    const measured = teacherEpoch - 2 * w.teacher;
    expect(v.etaMs).toBeCloseTo(((total - teacherEpoch) * 500) / measured, 6);
    // A pause does not count as training time (a second 'paused' while paused changes nothing).
    run = play(run, [
      [1200, { type: 'paused', runId: 1 }],
      [3000, { type: 'paused', runId: 1 }],
      [5200, { type: 'resumed', runId: 1 }],
    ]);
    expect(view(run, 5200).etaMs).toBeCloseTo(((total - teacherEpoch) * 600) / measured, 6);
    expect(view(run, 5200).elapsedMs).toBe(1200);
    run = play(run, [
      [6000, phase('scratch', 2, null)],
      [6500, phase('distill', 2, null)],
      [7000, phase('scratch', 2, 2)],
    ]);
    expect(view(run, 7000).fraction).toBeCloseTo((2 * teacherEpoch + 2 * 2 * studentEpoch) / total, 12);
    // An extra seed sends no metrics: its finished trial counts its last phase's epochs as done.
    run = play(run, [
      [7500, phase('distill', 2, 2)],
      [8000, { type: 'trial', runId: 1, trial: {} as never }],
    ]);
    expect(view(run, 8000).fraction).toBeCloseTo((2 * teacherEpoch + 4 * 2 * studentEpoch) / total, 12);
    run = play(run, [[9000, { type: 'done', runId: 1, results: {} as never }]]);
    expect(view(run, 9999)).toMatchObject({ fraction: 1, etaMs: null, elapsedMs: 9000 - 4000 });
    expect(progressOf(run).status).toBe('done');
  });

  it('a resumed phase starts part-way; a halted run ends the clock', () => {
    let run = newRun(1, cfg, 0);
    run = play(run, [[100, { ...phase('teacher', 10, null), fromEpoch: 1 } as WorkerEvent]]);
    expect(progressOf(run)).toMatchObject({ current: 0, epochsDone: 1, stepsDone: 10, status: 'training' });
    run = play(run, [[400, { type: 'halted', runId: 1, halt: { reason: 'crashed', message: 'x' } }]]);
    expect(progressOf(run).status).toBe('ended');
    expect(view(run, 5000).elapsedMs).toBe(400);
  });

  it('ignores other runs’ events, and shows nothing before a run', () => {
    const run = newRun(1, cfg, 0);
    expect(reduceRun(run, { ...phase('teacher', 10, null), runId: 2 } as WorkerEvent, 5)).toBe(run);
    expect(progressOf({ ...run, status: 'idle' }).status).toBe('idle');
  });
});
