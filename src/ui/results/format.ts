import { i18n } from '../i18n';

/** Percentage with one decimal, e.g. `91.3%`. */
export function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** Signed percentage points with one decimal, e.g. `+1.2` or `−0.7`. */
export function signedPoints(v: number): string {
  const r = Math.round(v * 10) / 10;
  if (r === 0) return '±0.0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`;
}

/** Milliseconds as seconds, e.g. `3.4 s`. */
export function seconds(ms: number): string {
  return i18n.t('app:results.seconds', { value: (ms / 1000).toFixed(1) });
}
