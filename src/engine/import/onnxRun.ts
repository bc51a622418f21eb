import { fail, firstSentence, ImportFailure, importError, type ImportError } from './errors';
import { inspectOnnxTeacher, type OnnxDatasetShape, type OnnxTeacherPlan } from './onnxInspect';
import { applyPreprocessing, isIdentityPreprocessing, type OnnxPreprocessing } from './onnxPreprocess';

/** The part of an ONNX Runtime tensor the studio reads. */
export interface OrtTensorLike {
  data: unknown;
  dims: readonly number[];
  type: string;
}

/** The part of an ONNX Runtime session the studio uses (onnxruntime-web in the worker, onnxruntime-node in tests). */
export interface OrtSessionLike {
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/** The part of an ONNX Runtime module the studio uses. */
export interface OrtLike {
  InferenceSession: { create(bytes: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}

/** An opened, checked ONNX teacher. */
export interface OnnxTeacher {
  ort: OrtLike;
  session: OrtSessionLike;
  plan: OnnxTeacherPlan;
  dataset: OnnxDatasetShape;
  /** The pixel scale and per-channel normalisation the model expects (absent or null: pixels as stored, in [0, 1]). */
  preprocessing?: OnnxPreprocessing | null;
}

/** Examples per inference call when the model's batch is dynamic. */
export const ONNX_BATCH = 250;

/** Names an operator the runtime reported it cannot run, if its message says so. */
function unsupportedOperator(message: string, ops: readonly string[]): string | null {
  const m = /No Op registered for (\w+)|Could not find an implementation for (\w+)|(\w+)\(-?\d+\) is not a registered function\/op/.exec(message);
  const op = m ? (m[1] ?? m[2] ?? m[3])! : ops.find((o) => new RegExp(`\\b${o}\\b`).test(message) && /not (supported|implemented|registered)/i.test(message));
  return op ?? null;
}

/** Turns `rows` channels-last examples into the model's layout (a copy for channels-first, the same values otherwise). */
export function toLayout(x: Float32Array, rows: number, inputShape: readonly number[], plan: OnnxTeacherPlan): { data: Float32Array; dims: number[] } {
  if (plan.layout === 'flat') return { data: x, dims: [rows, x.length / rows] };
  if (plan.layout === 'nhwc') return { data: x, dims: [rows, ...inputShape] };
  const [h, w, c] = inputShape as [number, number, number];
  const out = new Float32Array(x.length);
  const size = h * w * c;
  for (let n = 0; n < rows; n++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let k = 0; k < c; k++) out[n * size + (k * h + y) * w + xx] = x[n * size + (y * w + xx) * c + k]!;
  return { data: out, dims: [rows, c, h, w] };
}

/** Runs the model on `rows` examples (padded to a fixed batch if it has one) and returns `rows × classes` scores. */
async function runBatch(t: OnnxTeacher, x: Float32Array, rows: number): Promise<Float32Array> {
  const size = t.dataset.inputShape.reduce((a, b) => a * b, 1);
  const k = t.dataset.numClasses;
  const fixed = t.plan.fixedBatch;
  const feedRows = fixed ?? rows;
  const prep = t.preprocessing;
  const channels = t.dataset.inputShape.length === 3 ? t.dataset.inputShape[2]! : 1;
  let input = prep && !isIdentityPreprocessing(prep) ? applyPreprocessing(x, channels, prep) : x;
  if (fixed !== null && rows < fixed) {
    const padded = new Float32Array(fixed * size);
    padded.set(input);
    input = padded;
  }
  const { data, dims } = toLayout(input, feedRows, t.dataset.inputShape, t.plan);
  const out = (await t.session.run({ [t.plan.inputName]: new t.ort.Tensor('float32', data, dims) }))[t.plan.outputName];
  if (!out) throw new Error(`the model gave no output "${t.plan.outputName}"`);
  if (out.type !== 'float32') fail('onnx-output-type', 'onnxOutputType', { name: t.plan.outputName, type: out.type });
  if (out.dims.length !== 2 || out.dims[0] !== feedRows) {
    fail('output-classes-mismatch', 'onnxOutputRank', { name: t.plan.outputName, shape: `[${out.dims.join(', ')}]`, classes: k });
  }
  if (out.dims[1] !== k) fail('output-classes-mismatch', 'onnxOutputClasses', { name: t.plan.outputName, outputs: out.dims[1]!, classes: k });
  return (out.data as Float32Array).slice(0, rows * k);
}

/**
 * Checks an ONNX file against a dataset and opens it: the file checks of `inspectOnnxTeacher`, then a session
 * (an operator the runtime cannot run is named), then one trial batch of zeros (output shape, type, finite values).
 * Returns the opened teacher, or the first problem as an `ImportError`; never throws.
 */
export async function openOnnxTeacher(
  ort: OrtLike,
  bytes: Uint8Array,
  dataset: OnnxDatasetShape,
  options: { maxBytes?: number; sessionOptions?: Record<string, unknown> } = {},
): Promise<{ ok: true; teacher: OnnxTeacher } | { ok: false; error: ImportError }> {
  let session: OrtSessionLike | null = null;
  try {
    const plan = inspectOnnxTeacher(bytes, dataset, options.maxBytes);
    try {
      session = await ort.InferenceSession.create(bytes, options.sessionOptions);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const op = unsupportedOperator(message, plan.ops);
      if (op) fail('onnx-unsupported', 'onnxOperator', { op });
      fail('onnx-unsupported', 'onnxSession', { detail: firstSentence(e) });
    }
    const teacher: OnnxTeacher = { ort, session, plan, dataset };
    const size = dataset.inputShape.reduce((a, b) => a * b, 1);
    const rows = plan.fixedBatch ?? 2;
    let scores: Float32Array;
    try {
      scores = await runBatch(teacher, new Float32Array(rows * size), rows);
    } catch (e) {
      if (e instanceof ImportFailure) throw e;
      fail('predict-failed', 'onnxRunFailed', { detail: firstSentence(e) });
    }
    const bad = scores.find((v) => !Number.isFinite(v));
    if (bad !== undefined) fail('predict-failed', 'onnxNonFinite', { value: String(bad) });
    return { ok: true, teacher };
  } catch (e) {
    await session?.release().catch(() => {});
    if (e instanceof ImportFailure) return { ok: false, error: e.error };
    return { ok: false, error: importError('load-failed', 'uncheckable', { detail: firstSentence(e) }) };
  }
}

/** True when every row is a probability distribution (entries in [0, 1], rows summing to 1 within 1e-3). */
export function areProbabilities(scores: Float32Array, classes: number): boolean {
  for (let i = 0; i < scores.length; i += classes) {
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const v = scores[i + k]!;
      if (!(v >= 0 && v <= 1)) return false;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) return false;
  }
  return scores.length > 0;
}

/** Logits from probabilities: log p (softmax(log p) = p), floored at 1e-30 so a zero stays finite. */
export function probabilitiesToLogits(scores: Float32Array): Float32Array {
  return scores.map((p) => Math.log(Math.max(p, 1e-30)));
}

/**
 * The teacher's raw scores on `count` channels-last examples, in batches (the model's fixed batch, else
 * `ONNX_BATCH`); `onProgress` gets the fraction done after each batch. Throws on non-finite scores.
 */
export async function onnxScores(t: OnnxTeacher, x: Float32Array, count: number, onProgress: (fraction: number) => void = () => {}): Promise<Float32Array> {
  const size = t.dataset.inputShape.reduce((a, b) => a * b, 1);
  const k = t.dataset.numClasses;
  const step = t.plan.fixedBatch ?? ONNX_BATCH;
  const out = new Float32Array(count * k);
  for (let start = 0; start < count; start += step) {
    const rows = Math.min(step, count - start);
    const scores = await runBatch(t, x.subarray(start * size, (start + rows) * size), rows);
    const bad = scores.find((v) => !Number.isFinite(v));
    if (bad !== undefined) fail('predict-failed', 'onnxNonFinite', { value: String(bad) });
    out.set(scores, start * k);
    onProgress((start + rows) / count);
  }
  return out;
}
