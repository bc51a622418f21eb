import type { KdWeights } from '../losses';
import { DKD_DEFAULTS } from '../losses/dkd';
import type { LiveHyper } from './controller';
import type { ExperimentScope, HyperApplied } from './experimentHooks';
import type { WeightsAtStep } from './trialSettings';
import type { ExperimentConfig } from './types';

/** A distillation loss's weights: a T and α with the config's soft term, T² switch, DKD weights and logit standardisation. */
export function kdWeights(cfg: ExperimentConfig, h: LiveHyper): KdWeights {
  const w: KdWeights = { temperature: h.temperature, alpha: h.alpha, scaleByT2: cfg.scaleByT2, softTerm: cfg.softTerm };
  if (cfg.softTerm === 'dkd') w.dkd = cfg.dkd ?? DKD_DEFAULTS;
  if (cfg.logitStandardize) w.standardize = true;
  return w;
}

/**
 * The weights of a distillation that follows live T/α changes: each step reads the controller's values, and the first
 * step whose loss uses a change reports it (`onHyperApplied`, with `phase` 'distill' in the main run, null in a trial).
 */
export function liveWeights(scope: ExperimentScope, phase: HyperApplied['phase']): { at: WeightsAtStep; current: () => KdWeights } {
  const { cfg, controller, hooks } = scope;
  return {
    at: (step) => {
      const { hyper, changed } = controller.enterHyper();
      if (changed) hooks.onHyperApplied?.({ phase, step, temperature: hyper.temperature, alpha: hyper.alpha });
      return kdWeights(cfg, hyper);
    },
    current: () => kdWeights(cfg, controller.hyper),
  };
}
