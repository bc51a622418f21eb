import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { hyperSchedule, toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment, type HyperApplied } from '../../src/engine/train/experiment';
import type { ExperimentConfig, LossPoint } from '../../src/engine/train/types';
import { useCpu } from './tfSetup';
import { toyConfig } from './toyConfig';

// 240 training examples in batches of 32: 8 steps an epoch, losses read back every 5 steps (5, 8, 13, 16, …).
const CFG: ExperimentConfig = toyConfig({ epochs: 3 });

/** When the user's change arrives: before the main distillation starts, or just before its step `step` (between read-backs). */
type Arrival = { before: 'distill' } | { beforeStep: number };

/**
 * A controller whose T/α move to `next` at `arrival`, as a `setHyper` message handled at that yield point would. The
 * k-th yield point of the main distillation comes just before its step k.
 */
class ChangingController extends RunController {
  distilling = false;
  private calls = 0;
  constructor(
    cfg: ExperimentConfig,
    private readonly arrival: Arrival | null,
    private readonly next: { temperature: number; alpha: number },
  ) {
    super({ temperature: cfg.temperature, alpha: cfg.alpha });
  }
  startDistill(): void {
    this.distilling = true;
    if (this.arrival && 'before' in this.arrival) this.hyper = { ...this.next };
  }
  override async yieldPoint(): Promise<void> {
    if (this.distilling && this.arrival && 'beforeStep' in this.arrival && ++this.calls === this.arrival.beforeStep) this.hyper = { ...this.next };
    return super.yieldPoint();
  }
}

/** The main distillation's loss per step and the changes the engine reported. */
async function distill(arrival: Arrival | null, next = { temperature: CFG.temperature, alpha: CFG.alpha }) {
  const data = await DATASETS.spiral.load({ seed: CFG.seed, noise: CFG.noise, samples: CFG.samples }, () => {});
  const controller = new ChangingController(CFG, arrival, next);
  const losses = new Map<number, LossPoint>();
  const applied: HyperApplied[] = [];
  const out = await runExperiment(CFG, data, controller, {
    onPhase: (phase, _steps, context) => {
      if (phase === 'distill' && context === null) controller.startDistill();
      else controller.distilling = false;
    },
    onLoss: (points) => points.filter((p) => p.phase === 'distill').forEach((p) => losses.set(p.step, p)),
    onEpoch: () => {},
    onHyperApplied: (c) => applied.push(c),
  });
  out.dispose();
  return { losses, applied };
}

beforeAll(async () => {
  await useCpu();
});

describe('a live T/α change is recorded at the first step whose loss used it', () => {
  it('no change: nothing is reported', async () => {
    expect((await distill(null)).applied).toEqual([]);
  });

  it('α moved just before step 11 (between read-backs at 8 and 13): recorded at 11, where the weighted terms switch from old α to new', async () => {
    const old = await distill(null);
    const moved = await distill({ beforeStep: 11 }, { temperature: 4, alpha: 0.3 });
    expect(moved.applied).toEqual([{ phase: 'distill', step: 11, temperature: 4, alpha: 0.3 }]);
    // Steps 1–10 trained with the old α, bit for bit.
    for (let s = 1; s <= 10; s++) expect(moved.losses.get(s)).toEqual(old.losses.get(s));
    // Step 11 starts from the same weights: the same KL and cross-entropy, weighted by the new α (0.3) instead of the old (0.7).
    const a = old.losses.get(11)!;
    const b = moved.losses.get(11)!;
    expect(b.soft).not.toBe(a.soft);
    expect(b.soft / 0.3).toBeCloseTo(a.soft / 0.7, 5);
    expect(b.hard / 0.7).toBeCloseTo(a.hard / 0.3, 5);
    expect(b.total).toBeCloseTo(b.soft + b.hard, 5);
  });

  it('T moved just before step 7: recorded at 7, the first step whose loss differs from the run at the old T', async () => {
    const old = await distill(null);
    const moved = await distill({ beforeStep: 7 }, { temperature: 8, alpha: 0.7 });
    expect(moved.applied).toEqual([{ phase: 'distill', step: 7, temperature: 8, alpha: 0.7 }]);
    for (let s = 1; s <= 6; s++) expect(moved.losses.get(s)).toEqual(old.losses.get(s));
    expect(moved.losses.get(7)!.soft).not.toBe(old.losses.get(7)!.soft);
    // The same hard term at step 7 (same weights, same α): only T changed.
    expect(moved.losses.get(7)!.hard).toBe(old.losses.get(7)!.hard);
    // The exported schedule applies it at that step, and the script's marks come back there.
    expect(hyperSchedule(moved.applied)).toEqual([{ step: 7, temperature: 8, alpha: 0.7 }]);
    expect(toPyTorchScript(CFG, { changes: moved.applied })).toContain('"schedule": [\n        {"step": 7, "temperature": 8, "alpha": 0.7},\n    ],');
  });

  it('a change made before distillation starts is recorded at its first step', async () => {
    const moved = await distill({ before: 'distill' }, { temperature: 2, alpha: 0.5 });
    expect(moved.applied).toEqual([{ phase: 'distill', step: 1, temperature: 2, alpha: 0.5 }]);
    expect(hyperSchedule(moved.applied)).toEqual([{ step: 1, temperature: 2, alpha: 0.5 }]);
  });
});
