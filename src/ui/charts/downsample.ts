/** Keeps at most `max` rows by taking every k-th row (always keeping the last), so SVG charts stay fast. */
export function downsample<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return rows.slice();
  const stride = Math.ceil(rows.length / max);
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += stride) out.push(rows[i]!);
  if ((rows.length - 1) % stride !== 0) out.push(rows[rows.length - 1]!);
  return out;
}
