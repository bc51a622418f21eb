import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { RunController } from '../../src/engine/train/controller';
import { runExperiment } from '../../src/engine/train/experiment';
import type { ExperimentConfig, SeedSummary } from '../../src/engine/train/types';
import { DEFAULT_CONFIG, type StudioConfig } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { ALL_POINTS_CONTRAST } from '../../src/store/lessons';
import { useCpu } from './tfSetup';

const noHooks = { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} };

/** Runs a studio setting with 3 seeds on the CPU backend and returns its seed summary (gains in points). */
async function seeds(settings: StudioConfig): Promise<SeedSummary> {
  const cfg: ExperimentConfig = toExperimentConfig({ ...settings, repeats: 3 }, null);
  const data = await DATASETS[cfg.dataset].load({ seed: cfg.seed, noise: cfg.noise, samples: cfg.samples }, () => {});
  const out = await runExperiment(cfg, data, new RunController({ temperature: cfg.temperature, alpha: cfg.alpha }), noHooks);
  out.dispose();
  return out.results.seeds!;
}

const line = (name: string, s: SeedSummary) =>
  `${name}: gain ${s.gain.mean.toFixed(2)} ± ${s.gain.std.toFixed(2)} points over 3 seeds (gains ${s.gains.map((g) => g.toFixed(1)).join(', ')}; ` +
  `scratch ${(s.scratch.mean * 100).toFixed(1)} %, distilled ${(s.distilled.mean * 100).toFixed(1)} %)`;

describe('the default toy recipe (a held-out style check of the distillation maths)', () => {
  it('distillation beats scratch by more than the seed-to-seed spread; the all-points contrast does not', async () => {
    await useCpu();
    const def = await seeds(DEFAULT_CONFIG);
    console.log(line(`default recipe (${DEFAULT_CONFIG.transferSize}-point transfer set)`, def));
    expect(def.gain.n).toBe(3);
    expect(def.gain.mean).toBeGreaterThan(0);
    expect(def.gain.mean).toBeGreaterThan(def.gain.std);
    expect(def.gains.every((g) => g > 0)).toBe(true);

    // The lesson's contrast (the earlier default: students see every point) gains nothing beyond its spread.
    const contrast = await seeds({ ...DEFAULT_CONFIG, ...ALL_POINTS_CONTRAST });
    console.log(line('contrast (students see all 1,200 points)', contrast));
    expect(contrast.gain.mean).toBeLessThanOrEqual(contrast.gain.std);
    // …and the small transfer set is where distillation helps more.
    expect(def.gain.mean).toBeGreaterThan(contrast.gain.mean);
  }, 120_000);
});
