import type { InspectExamples } from '../../engine/inspect/examples';
import type { Phase } from '../../engine/train/types';
import { COLORS } from '../palette';

/** A probability or accuracy as a percentage with one decimal, e.g. `12.3`. */
export function pctNumber(v: number): string {
  return (v * 100).toFixed(1);
}

/** A class's display name: its index, plus its name when that differs (e.g. `0 · T-shirt/top`). */
export function classLabel(names: readonly string[], k: number): string {
  const name = names[k];
  return name === undefined || name === String(k) ? String(k) : `${k} · ${name}`;
}

/** The coordinates of a low-dimensional example, e.g. `0.41, −1.20` (first 4 features). */
export function coordsText(examples: InspectExamples, index: number): string {
  const features = examples.features;
  if (!features) return '';
  const dims = features.length / examples.count;
  const shown = Array.from(features.subarray(index * dims, index * dims + Math.min(dims, 4)), (v) => v.toFixed(2).replace('-', '−'));
  return dims > 4 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Colour of each model's bars (Okabe–Ito). */
export const MODEL_COLORS: Record<Phase, string> = { teacher: COLORS.teacher, scratch: COLORS.scratch, distill: COLORS.distill };
