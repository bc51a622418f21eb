/**
 * Expected calibration error: examples are binned by confidence (the top class probability) into
 * `bins` equal-width bins over [0, 1]; ECE = Σ_b (n_b / n) · |accuracy_b − mean confidence_b|.
 * A confidence of exactly 1 falls in the last bin; empty bins contribute nothing.
 */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<boolean | number>, bins = 15): number {
  const n = confidence.length;
  if (n !== correct.length) throw new Error('Confidence and correctness arrays differ in length.');
  if (n === 0) return 0;
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const c = confidence[i]!;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    count[b]! += 1;
    confSum[b]! += c;
    hits[b]! += correct[i] ? 1 : 0;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += (count[b]! / n) * Math.abs(hits[b]! / count[b]! - confSum[b]! / count[b]!);
  }
  return ece;
}
