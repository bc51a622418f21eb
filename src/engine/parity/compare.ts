import type { ParityBackend } from './cases';
import type { ParityRecord } from './record';

/** Per-element tolerance: |got − ref| ≤ atol + rtol·|ref| (numpy's allclose). */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Worst disagreement of one backend with the reference over every recorded value of a case. */
export interface ParityError {
  /** Largest |got − ref|. */
  maxAbs: number;
  /** Largest |got − ref| / |ref| over values with |ref| ≥ 1e-3 (smaller references are judged by atol). */
  maxRel: number;
  /** Largest |got − ref| / (atol + rtol·|ref|): ≤ 1 passes. */
  worstRatio: number;
  /** Where `worstRatio` occurred, e.g. "grad step 2 conv_1/kernel[17]". */
  where: string;
  /** Reference and backend value there. */
  ref: number;
  got: number;
  /** Largest |got − ref| among the losses, the gradients (both steps) and the weights after step 2. */
  parts: { loss: number; grads: number; weights: number };
  /** The (at most five) tensors furthest outside the tolerance, as "label: max abs (ratio)". */
  worstTensors: string[];
}

/** Compares a backend's record with the CPU reference; `null` values (NaN etc.) count as infinitely wrong. */
export function compareRecords(ref: ParityRecord, got: ParityRecord, tol: Tolerance): ParityError {
  const err: ParityError = { maxAbs: 0, maxRel: 0, worstRatio: 0, where: '', ref: 0, got: 0, parts: { loss: 0, grads: 0, weights: 0 }, worstTensors: [] };
  const perTensor: { label: string; abs: number; ratio: number }[] = [];
  const visit = (part: keyof ParityError['parts'], label: string, a: ArrayLike<number>, b: ArrayLike<number> | undefined) => {
    if (!b || b.length !== a.length) {
      Object.assign(err, { worstRatio: Infinity, maxAbs: Infinity, where: `${label} (${b ? `length ${b.length} vs ${a.length}` : 'missing'})` });
      err.parts[part] = Infinity;
      perTensor.push({ label, abs: Infinity, ratio: Infinity });
      return;
    }
    let tensorAbs = 0;
    let tensorRatio = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i]!;
      const g = b[i]!;
      const d = Number.isFinite(g) ? Math.abs(g - r) : Infinity;
      const ratio = d / (tol.atol + tol.rtol * Math.abs(r));
      tensorAbs = Math.max(tensorAbs, d);
      tensorRatio = Math.max(tensorRatio, ratio);
      if (Math.abs(r) >= 1e-3) err.maxRel = Math.max(err.maxRel, d / Math.abs(r));
      if (ratio > err.worstRatio || (ratio === Infinity && err.worstRatio !== Infinity)) Object.assign(err, { worstRatio: ratio, where: `${label}[${i}]`, ref: r, got: g });
    }
    err.maxAbs = Math.max(err.maxAbs, tensorAbs);
    err.parts[part] = Math.max(err.parts[part], tensorAbs);
    perTensor.push({ label, abs: tensorAbs, ratio: tensorRatio });
  };
  visit('loss', 'loss', ref.losses, got.losses);
  for (const [name, a] of Object.entries(ref.grads)) visit('grads', `grad ${name}`, a, got.grads[name]);
  for (const [name, a] of Object.entries(ref.weights)) visit('weights', `weight after step 2 ${name}`, a, got.weights[name]);
  err.worstTensors = perTensor
    .filter((t) => t.ratio > 1)
    .sort((p, q) => q.ratio - p.ratio)
    .slice(0, 5)
    .map((t) => `${t.label}: max abs ${t.abs.toExponential(2)} (${t.ratio.toFixed(1)}× tolerance)`);
  return err;
}


/**
 * Tolerances per backend (|got − ref| ≤ atol + rtol·|ref| for every loss, gradient and weight); the CPU backend rerun
 * against itself must be bit-identical. Float32 kernels on other backends sum in other orders: measured on SwiftShader,
 * correct kernels stay within 2.4e-7 (dense) to 1.7e-6 (the CNN preset, 1,600-term sums) absolute, at most 0.003 of
 * this tolerance, which leaves room for hardware GPUs' own orders and fused multiply-adds. The defects found so far
 * were 3× to 4,000× outside it (e.g. WebGL's step-2 dense gradients 5× to 32×). Never widen it to make a backend pass.
 */
export const PARITY_TOLERANCES: Record<ParityBackend, Tolerance> = {
  webgpu: { rtol: 1e-3, atol: 1e-4 },
  webgl: { rtol: 1e-3, atol: 1e-4 },
  wasm: { rtol: 1e-3, atol: 1e-4 },
  cpu: { rtol: 0, atol: 0 },
};

