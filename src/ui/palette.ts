/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const COLORS = {
  teacher: '#D55E00',
  scratch: '#0072B2',
  distill: '#009E73',
  assistant: '#000000',
  soft: '#CC79A7',
  hard: '#56B4E9',
  hint: '#E69F00',
  /** Attention transfer and RKD terms (drawn dashed, so they stay apart from the colours they share hue with). */
  at: '#882255',
  rkd: '#117733',
  mark: '#444444',
} as const;

/** Class colours for scatter plots and heatmaps (Okabe–Ito first, then distinguishable extras). */
export const CLASS_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#000000', '#999933', '#882255', '#44AA99'];

/**
 * Colours for an open-ended number of series (sweep lines): Okabe–Ito without its light yellow (too faint on
 * white for thin lines), then Tol's colour-blind-safe extras. Lines also carry labels, never colour alone.
 */
export const SERIES_COLORS = ['#009E73', '#0072B2', '#D55E00', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255', '#999933', '#117733'];
