/**
 * How an ONNX teacher wants its pixels: the studio stores image pixels in [0, 1]; a model trained elsewhere may want
 * them in 0–255 and normalised per channel. Its input is `(pixel × scale − mean[c]) / std[c]` for channel c.
 */
export interface OnnxPreprocessing {
  /** Pixel scale: 1 keeps pixels in [0, 1], 255 makes them 0–255. */
  scale: 1 | 255;
  /** Mean per channel, subtracted after scaling (in the scaled units). */
  mean: number[];
  /** Standard deviation per channel, divided by after the mean (in the scaled units). */
  std: number[];
}

/** torchvision's ImageNet normalisation, for pixels in [0, 1]. */
export const IMAGENET_PREPROCESSING: OnnxPreprocessing = { scale: 1, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** Pixels as the studio stores them: scale 1, mean 0, std 1 for each of `channels` channels. */
export function identityPreprocessing(channels: number): OnnxPreprocessing {
  return { scale: 1, mean: Array.from({ length: channels }, () => 0), std: Array.from({ length: channels }, () => 1) };
}

/** True when the preprocessing changes nothing (scale 1, every mean 0 and every std 1). */
export function isIdentityPreprocessing(p: OnnxPreprocessing): boolean {
  return p.scale === 1 && p.mean.every((m) => m === 0) && p.std.every((s) => s === 1);
}

/** Why the preprocessing cannot be used for images of `channels` channels (as a sentence), or null when it can. */
export function preprocessingProblem(p: OnnxPreprocessing, channels: number): string | null {
  if (p.scale !== 1 && p.scale !== 255) return `The pixel scale must be 1 (0–1) or 255 (0–255), not ${String(p.scale)}.`;
  if (p.mean.length !== channels || p.std.length !== channels) return `The images have ${channels} channel(s): give ${channels} mean(s) and ${channels} std(s) (got ${p.mean.length} and ${p.std.length}).`;
  if (!p.mean.every(Number.isFinite)) return 'Every mean must be a number.';
  if (!p.std.every((s) => Number.isFinite(s) && s > 0)) return 'Every std must be a number above 0.';
  return null;
}

/**
 * Applies the preprocessing to channels-last values (`channels` per pixel; any number of examples): a new array of
 * `(x × scale − mean[c]) / std[c]`. Throws with `preprocessingProblem`'s message when it does not fit.
 */
export function applyPreprocessing(x: Float32Array, channels: number, p: OnnxPreprocessing): Float32Array {
  const problem = preprocessingProblem(p, channels);
  if (problem) throw new Error(problem);
  if (x.length % channels !== 0) throw new Error(`${x.length} values are not whole pixels of ${channels} channel(s).`);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = i % channels;
    out[i] = (x[i]! * p.scale - p.mean[c]!) / p.std[c]!;
  }
  return out;
}

/** The preprocessing in one line, for reports and the history: `pixels 0–1, mean [0.485, …], std [0.229, …]`. */
export function describePreprocessing(p: OnnxPreprocessing): string {
  const list = (v: readonly number[]) => `[${v.map((n) => String(n)).join(', ')}]`;
  return `pixels ${p.scale === 255 ? '0–255' : '0–1'}, mean ${list(p.mean)}, std ${list(p.std)}`;
}
