/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { crossEntropy } from '../engine/losses';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../engine/models/build';
import { Rng } from '../engine/rng';
import {
  backendFlags,
  judgeCase,
  PARITY_CASES,
  PARITY_TOLERANCES,
  referenceRecords,
  runParitySuite,
  type FlagCandidate,
  type FlagTiming,
  type FlagWorkload,
  type ParityBackend,
  type ParityMessage,
  type ParityRequest,
} from '../engine/parity';
import { activateBackend, errorText } from './backends';

// The parity page's worker (the studio trains in a worker too, so backends and flags behave as in the app).
// Backends are always activated through the app's own activateBackend, so every case runs with the app's flags.

declare const self: DedicatedWorkerGlobalScope;

const post = (m: ParityMessage) => self.postMessage(m);

/** The two timed workloads: the MNIST CNN teacher preset, and the default MLP teacher on the spiral's shapes. */
const WORKLOADS: Record<FlagWorkload, { caseId: string }> = { cnn: { caseId: 'cnn-preset' }, mlp: { caseId: 'dense-tanh' } };

/** Median of a non-empty list. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Times a workload on the active backend at `batch`: a forward pass (inference) and an SGD training step, the first
 * call (shader compilation included) and the median of `reps` later calls. A missing kernel leaves the step null.
 */
async function timeWorkload(workload: FlagWorkload, batch: number, reps: number): Promise<Omit<FlagTiming, 'backend' | 'label' | 'workload' | 'flags' | 'parity'>> {
  const c = PARITY_CASES.find((k) => k.id === WORKLOADS[workload].caseId)!;
  const model = buildModel(c.spec, c.inputShape, c.numClasses, `flags_${workload}`, { seed: 1 });
  assignWeights(model, seededWeights(model, 1));
  const rng = new Rng(7);
  const x = tf.tensor(Float32Array.from({ length: batch * c.inputShape.reduce((a, b) => a * b, 1) }, () => rng.next()), [batch, ...c.inputShape]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(c.numClasses)), 'int32'), c.numClasses).toFloat() as tf.Tensor2D);
  const optimizer = tf.train.sgd(0.01);
  const vars = trainableVariables(model);
  const timeOnce = async (f: () => tf.Tensor): Promise<number> => {
    const t0 = performance.now();
    const out = f();
    await out.data();
    out.dispose();
    return performance.now() - t0;
  };
  const timeMany = async (f: () => tf.Tensor): Promise<[number, number]> => {
    const first = await timeOnce(f);
    const rest: number[] = [];
    for (let i = 0; i < reps; i++) rest.push(await timeOnce(f));
    return [first, median(rest)];
  };
  const forward = () => tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
  const step = () => optimizer.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D), true, vars)!;
  try {
    const [forwardFirstMs, forwardMs] = await timeMany(forward);
    try {
      const [stepFirstMs, stepMs] = await timeMany(step);
      return { forwardFirstMs, forwardMs, stepFirstMs, stepMs, note: '' };
    } catch (e) {
      return { forwardFirstMs, forwardMs, stepFirstMs: null, stepMs: null, note: errorText(e) };
    }
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** Activates a candidate's backend with the app's flags, overrides the candidate's flags, and returns the undo. */
async function activateCandidate(c: FlagCandidate): Promise<() => void> {
  await activateBackend(c.backend);
  const saved = Object.keys(c.flags).map((k) => [k, tf.env().get(k)] as const);
  for (const [k, v] of Object.entries(c.flags)) tf.env().set(k, v);
  return () => {
    for (const [k, v] of saved) tf.env().set(k, v);
  };
}

/** Times every candidate on every workload and (optionally) runs every parity case under its flags. */
async function measureFlags(req: Extract<ParityRequest, { mode: 'flags' }>): Promise<FlagTiming[]> {
  await activateBackend('cpu');
  const refs = req.checkParity ? await referenceRecords(PARITY_CASES) : null;
  const rows: FlagTiming[] = [];
  for (const candidate of req.candidates) {
    let restore = () => {};
    try {
      restore = await activateCandidate(candidate);
      const flags = backendFlags(candidate.backend);
      for (const [i, workload] of req.workloads.entries()) {
        const parity: FlagTiming['parity'] = {};
        if (refs && i === 0) {
          for (const c of PARITY_CASES) {
            const o = await judgeCase(c, refs.get(c.id)!, PARITY_TOLERANCES[candidate.backend]);
            parity[c.id] = o.status === 'ok' || o.status === 'mismatch' ? `${o.status} (${o.worstRatio.toFixed(3)} of tolerance)` : o.status;
          }
        }
        const row = { backend: candidate.backend, label: candidate.label, workload, flags, ...(await timeWorkload(workload, req.batch, req.reps)), parity };
        rows.push(row);
        post({ type: 'progress', text: JSON.stringify(row) });
      }
    } catch (e) {
      post({ type: 'progress', text: `${candidate.backend} ${candidate.label}: ${errorText(e)}` });
    } finally {
      restore();
    }
  }
  return rows;
}

self.onmessage = async (e: MessageEvent<ParityRequest>) => {
  const req = e.data;
  try {
    if (req.mode === 'parity') {
      const cases = req.cases ? PARITY_CASES.filter((c) => req.cases!.includes(c.id)) : PARITY_CASES;
      // Diagnostic only (the spec never sets any): tfjs flags to override after the app's own activateBackend.
      const activate = async (name: ParityBackend) => {
        await activateBackend(name);
        for (const [k, v] of Object.entries(req.overrides)) if (name !== 'cpu' && k.startsWith(`${name.toUpperCase()}_`)) tf.env().set(k, v);
      };
      const report = await runParitySuite(req.backends, activate, cases, (backend, id, o) =>
        post({ type: 'progress', text: `${backend} ${id}: ${o.status}${o.status === 'ok' || o.status === 'mismatch' ? ` (max abs ${o.maxAbs.toExponential(2)}, ${o.ms} ms)` : ''}` }),
      );
      post({ type: 'parity', report });
    } else {
      post({ type: 'flags', rows: await measureFlags(req) });
    }
  } catch (err) {
    post({ type: 'failed', error: errorText(err) });
  }
};
