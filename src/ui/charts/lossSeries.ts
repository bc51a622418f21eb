import type { Phase } from '../../engine/train/types';
import type { LossRow } from '../../store/runState';
import { downsample } from './downsample';

/** One drawn loss point: `x` in epochs of its own phase (step / steps per epoch), with the step kept for the tooltip. */
export interface LossPointXY {
  x: number;
  step: number;
  v: number;
}

/**
 * The series the loss chart draws; soft, hard, hint, attention transfer and RKD are terms of the distillation phase;
 * assistant: the teaching assistant's loss.
 */
export type LossKey = 'teacher' | 'scratch' | 'distill' | 'soft' | 'hard' | 'hint' | 'at' | 'rkd' | 'assistant';
/** Each series' points on the shared epoch axis. */
export type LossSeries = Record<LossKey, LossPointXY[]>;

const KEYS: readonly LossKey[] = ['teacher', 'scratch', 'distill', 'soft', 'hard', 'hint', 'at', 'rkd', 'assistant'];
/** The phase whose steps per epoch a series counts (the assistant trains on the students' set, as distillation does). */
const PHASE_OF: Record<LossKey, Phase> = { teacher: 'teacher', scratch: 'scratch', distill: 'distill', soft: 'distill', hard: 'distill', hint: 'distill', at: 'distill', rkd: 'distill', assistant: 'distill' };

/**
 * Steps per epoch of a phase: as the worker announced it, or (a phase restored from a checkpoint, which announced it
 * before a reload) its rows spread over the run's epochs.
 */
export function stepsPerEpochOf(phase: Phase, rows: readonly LossRow[], announced: Partial<Record<Phase, number>>, epochs: number): number {
  const known = announced[phase];
  if (known && known > 0) return known;
  let last = 0;
  for (const r of rows) if (r[phase] !== undefined && r.step > last) last = r.step;
  return Math.max(1, Math.ceil(last / Math.max(1, epochs)));
}

/**
 * Splits the per-step loss rows into one series per curve on an axis in epochs, so the teacher's long training and the
 * students' short ones lie over each other; each series keeps at most `max` points.
 */
export function lossSeries(rows: readonly LossRow[], announced: Partial<Record<Phase, number>>, epochs: number, max: number): LossSeries {
  const per: Record<Phase, number> = {
    teacher: stepsPerEpochOf('teacher', rows, announced, epochs),
    scratch: stepsPerEpochOf('scratch', rows, announced, epochs),
    distill: stepsPerEpochOf('distill', rows, announced, epochs),
  };
  const out = {} as LossSeries;
  for (const key of KEYS) {
    const points: LossPointXY[] = [];
    const n = per[PHASE_OF[key]];
    for (const r of rows) {
      const v = r[key];
      if (v !== undefined) points.push({ x: r.step / n, step: r.step, v });
    }
    out[key] = downsample(points, max);
  }
  return out;
}

/** Whether two drawn series have the same points. */
function samePoints(a: readonly LossPointXY[], b: readonly LossPointXY[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.x !== q.x || p.v !== q.v || p.step !== q.step) return false;
  }
  return true;
}

/**
 * `next`, with every series whose points equal those in `prev` replaced by `prev`'s own array: a curve that did not
 * change keeps its identity, so the chart's redraw skips its line (only the phase in training grows).
 */
export function keepUnchanged(prev: LossSeries | null, next: LossSeries): LossSeries {
  if (!prev) return next;
  const out = {} as LossSeries;
  for (const key of KEYS) out[key] = samePoints(prev[key], next[key]) ? prev[key] : next[key];
  return out;
}
