import type { CompareArm } from './comparePlan';

/** What a phase outside the main run is doing (the UI words it through the catalogues). */
export type PhaseContext =
  /** Retraining both students with seed `seed` of `of`. */
  | { kind: 'seed'; seed: number; of: number }
  /** Distilling again at sweep point `point` of `of` (1-based) with this T and α. */
  | { kind: 'sweep'; point: number; of: number; temperature: number; alpha: number }
  /** Method comparison: trial `trial` of `trials` trains `arm` with seed `seed` of `seeds` (at `value`, its T or β, when set). */
  | { kind: 'compare'; arm: CompareArm; seed: number; seeds: number; value: number | null; trial: number; trials: number }
  /** Training teacher `member` of an ensemble of `of` (teacher 1 is the main teacher, announced without a context). */
  | { kind: 'ensemble'; member: number; of: number }
  /** Distilling the teacher into the teaching assistant. */
  | { kind: 'assistant' }
  /** Timing teacher and student inference after training. */
  | { kind: 'latency' };
