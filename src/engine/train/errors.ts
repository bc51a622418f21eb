import type { Phase } from './types';

/** Human names of the phases, used in messages. */
export const PHASE_NAMES: Record<Phase, string> = {
  teacher: 'teacher training',
  scratch: 'scratch student training',
  distill: 'distillation',
};

/** A loss above this has diverged: cross-entropy of a sane classifier stays orders of magnitude lower. */
export const DIVERGENCE_LIMIT = 1e6;

/** True when a loss value is NaN, ±Infinity or beyond the divergence limit. */
export function isBadLoss(value: number): boolean {
  return !Number.isFinite(value) || Math.abs(value) > DIVERGENCE_LIMIT;
}

/** Thrown when a loss becomes NaN, ±Infinity or explodes; names the phase and step. */
export class LossDivergedError extends Error {
  constructor(
    readonly phase: Phase,
    readonly step: number,
    readonly value: number,
  ) {
    const what = Number.isNaN(value)
      ? 'became NaN'
      : !Number.isFinite(value)
        ? `became ${value > 0 ? 'Infinity' : '-Infinity'}`
        : `exploded to ${value.toExponential(1)}`;
    super(`Loss ${what} at step ${step} of ${PHASE_NAMES[phase]}: try a lower learning rate.`);
    this.name = 'LossDivergedError';
  }
}
