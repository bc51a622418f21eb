/** Arithmetic mean (0 for an empty list). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n − 1 in the denominator; 0 for fewer than two values). */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) * (v - m), 0) / (values.length - 1));
}

/** Summary of a repeated measurement. */
export interface Spread {
  mean: number;
  std: number;
  n: number;
}

/** Mean, sample standard deviation and count of a list. */
export function spread(values: readonly number[]): Spread {
  return { mean: mean(values), std: sampleStd(values), n: values.length };
}
