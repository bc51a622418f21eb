import { hiddenLayerOptions } from '../models/spec';
import { RKD_DEFAULTS } from '../losses/rkd';
import type { AttentionSettings } from '../losses/attention';
import type { DkdSettings } from '../losses/dkd';
import type { ExperimentConfig } from './types';

/** The methods a comparison can pit against each other (menu order; also their i18n codes). */
export const METHOD_IDS = ['kl', 'mse', 'dkd', 'lskl', 'at', 'rkd'] as const;

/** One distillation method: Hinton's KL, MSE on logits, DKD, logit-standardised KL, attention transfer, RKD. */
export type MethodId = (typeof METHOD_IDS)[number];

/** A method comparison: which methods, each distilled over seeds 1…`seeds` (absent or null in a config: none). */
export interface CompareConfig {
  methods: MethodId[];
  seeds: number;
}

/** Most seeds per method a comparison may ask for. */
export const MAX_COMPARE_SEEDS = 10;

/** What a method's small grid varies: the temperature T, the term's weight β, or nothing. */
export type MethodSetting = 'temperature' | 'beta' | null;

/** A method's grid, read on the validation split, and the value used when the run holds out no validation set. */
export interface MethodGrid {
  setting: MethodSetting;
  /** The values tried (empty: the method has no setting to choose). */
  values: readonly number[];
  /** The value used without a validation set (never chosen on test); null for a method without a setting. */
  fallback: number | null;
}

/**
 * Each method's grid: kept small so a toy comparison finishes in a minute or two. T for the KL family and DKD; β for
 * attention transfer (mdistiller's 1000 and a tenth of it) and for RKD (the distance weight, with the angle weight 2β
 * as in the paper's 25 and 50).
 */
export const METHOD_GRIDS: { readonly [M in MethodId]: MethodGrid } = {
  kl: { setting: 'temperature', values: [1, 2, 4], fallback: 2 },
  mse: { setting: null, values: [], fallback: null },
  dkd: { setting: 'temperature', values: [1, 2, 4], fallback: 2 },
  lskl: { setting: 'temperature', values: [1, 2, 4], fallback: 2 },
  at: { setting: 'beta', values: [100, 1000], fallback: 1000 },
  rkd: { setting: 'beta', values: [5, 25], fallback: 25 },
};

/** DKD's weights in a comparison when the run does not set its own: the paper's α 1, β 8, with the studio's 5-epoch warm-up. */
export const COMPARE_DKD: DkdSettings = { alpha: 1, beta: 8, warmup: 5 };

/** True for methods that need convolutional teacher and student (attention maps are spatial). */
export function needsCnn(method: MethodId): boolean {
  return method === 'at';
}

/** The attention-transfer pair of a comparison: the run's own layers when set, else the last conv block of each model (null: none). */
export function attentionPair(cfg: ExperimentConfig, inputShape: readonly number[]): Pick<AttentionSettings, 'teacherLayers' | 'studentLayers'> | null {
  if (cfg.attention) return { teacherLayers: cfg.attention.teacherLayers, studentLayers: cfg.attention.studentLayers };
  const lastConv = (spec: ExperimentConfig['teacher']) => {
    const convs = hiddenLayerOptions(spec, inputShape).filter((o) => o.shape.length === 3);
    return convs.length > 0 ? convs[convs.length - 1]!.index : null;
  };
  const t = lastConv(cfg.teacher);
  const s = lastConv(cfg.student);
  return t === null || s === null ? null : { teacherLayers: [t], studentLayers: [s] };
}

/**
 * The config one comparison trial distils with: the run's data, models and training, with only `method`'s loss at
 * `value` of its grid (no hint, no other added term). KL, MSE, DKD and standardised KL use the run's α; AT and RKD are
 * the hard-label loss plus their own term (α 0), as mdistiller trains them.
 */
export function methodConfig(cfg: ExperimentConfig, method: MethodId, setting: number | null, inputShape: readonly number[]): ExperimentConfig {
  const value = setting ?? METHOD_GRIDS[method].fallback ?? cfg.temperature;
  const base: ExperimentConfig = { ...cfg, softTerm: 'kl', hint: null, attention: null, rkd: null, dkd: null, logitStandardize: false, sweep: null, repeats: 1, compare: null };
  switch (method) {
    case 'kl':
      return { ...base, temperature: value };
    case 'mse':
      return { ...base, softTerm: 'mse' };
    case 'dkd':
      return { ...base, softTerm: 'dkd', dkd: cfg.dkd ?? COMPARE_DKD, temperature: value };
    case 'lskl':
      return { ...base, logitStandardize: true, temperature: value };
    case 'at': {
      const pair = attentionPair(cfg, inputShape);
      if (!pair) throw new Error('Attention transfer needs a conv layer in both teacher and student.');
      return { ...base, alpha: 0, attention: { ...pair, beta: value } };
    }
    case 'rkd':
      return { ...base, alpha: 0, rkd: { ...(cfg.rkd ?? RKD_DEFAULTS), distanceWeight: value, angleWeight: 2 * value } };
  }
}
