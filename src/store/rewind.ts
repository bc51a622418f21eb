import { PHASES, type Phase } from '../engine/train/types';
import type { EpochRow, LossRow } from './runState';

/** The curves a run shows, as far as a rewind touches them. */
export interface Curves {
  lossRows: LossRow[];
  epochRows: EpochRow[];
  lossCount: number;
}

/** Loss-row fields written by each phase. */
const LOSS_FIELDS: Record<Phase, (keyof LossRow)[]> = { teacher: ['teacher'], scratch: ['scratch'], distill: ['distill', 'soft', 'hard', 'hint', 'at', 'rkd'] };
/** Epoch-row fields written by each phase. */
const EPOCH_FIELDS: Record<Phase, (keyof EpochRow)[]> = { teacher: ['teacher'], scratch: ['scratch', 'scratchAgree'], distill: ['distill', 'distillAgree'] };

/**
 * The curves as they were at a checkpoint (`step`/`epoch` of `phase`; null: before any training): later points of
 * that phase and every point of later phases are dropped, so a run continuing from the checkpoint draws each step once.
 * The assistant's curves are always dropped: a continued run trains the assistant again (it is in no checkpoint).
 */
export function rewindCurves(c: Curves, phase: Phase | null, epoch: number, step: number): Curves {
  const at = phase === null ? -1 : PHASES.indexOf(phase);
  const keepLoss = (p: Phase, s: number) => PHASES.indexOf(p) < at || (p === phase && s <= step);
  const keepEpoch = (p: Phase, e: number) => PHASES.indexOf(p) < at || (p === phase && e <= epoch);
  let lossCount = 0;
  const lossRows = c.lossRows
    .map((row) => {
      const next: LossRow = { step: row.step };
      for (const p of PHASES) {
        if (row[p] === undefined || !keepLoss(p, row.step)) continue;
        lossCount++;
        for (const f of LOSS_FIELDS[p]) if (row[f] !== undefined) next[f] = row[f];
      }
      return next;
    })
    .filter((row) => Object.keys(row).length > 1);
  const epochRows = c.epochRows
    .map((row) => {
      const next: EpochRow = { epoch: row.epoch };
      for (const p of PHASES) if (keepEpoch(p, row.epoch)) for (const f of EPOCH_FIELDS[p]) if (row[f] !== undefined) next[f] = row[f];
      return next;
    })
    .filter((row) => Object.keys(row).length > 1);
  return { lossRows, epochRows, lossCount };
}
