// The exported script's DKD, logit standardisation, attention transfer and RKD against the studio's tfjs losses:
// values and gradients on the same inputs, in a real PyTorch (npm run test:pytorch).
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTorchPython, torchEnv } from '../../scripts/torch-env.mjs';
import { toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { distillationLoss, type KdWeights } from '../../src/engine/losses';
import { attentionTransfer } from '../../src/engine/losses/attention';
import { rkdLoss } from '../../src/engine/losses/rkd';
import { toyConfig } from '../unit/toyConfig';
import { seededValues } from '../unit/gradCheck';

const found: { python: string | null; reason?: string } = process.env.DISTILL_TORCH_PYTHON ? { python: process.env.DISTILL_TORCH_PYTHON } : findTorchPython();
if (!found.python) throw new Error(`No Python with torch: ${found.reason ?? ''}. Run the PyTorch tests with npm run test:pytorch.`);

const dir = mkdtempSync(join(tmpdir(), 'distill-methods-parity-'));

/** Loads the exported script as a module and evaluates each case's loss and gradient in float64 PyTorch... in float32, as the script trains. */
const HARNESS = String.raw`
import importlib.util, json, sys
import torch
spec = importlib.util.spec_from_file_location("exp", sys.argv[1])
exp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(exp)
cases = json.load(open(sys.argv[2]))
out = []
for c in cases:
    x = torch.tensor(c["x"], dtype=torch.float32).reshape(c["shape"]).requires_grad_(True)
    if c["kind"] == "soft":
        exp.EXPERIMENT["loss"].update(c["loss"])
        zt = torch.tensor(c["zt"], dtype=torch.float32).reshape(c["shape"])
        y = torch.tensor(c["y"], dtype=torch.long)
        v = c["alpha"] * exp.soft_term(x, zt, c["temperature"], y, c["epoch"])
        g_in = x
    elif c["kind"] == "at":
        xs = x.permute(0, 3, 1, 2)  # the studio's NHWC as PyTorch's NCHW
        t = torch.tensor(c["t"], dtype=torch.float32).reshape(c["tshape"]).permute(0, 3, 1, 2)
        v = c["beta"] * exp.attention_loss(xs, t)
    else:
        t = torch.tensor(c["t"], dtype=torch.float32).reshape(c["tshape"])
        v = exp.rkd_loss(x, t, c["wd"], c["wa"])
    v.backward()
    out.append({"value": v.item(), "grad": x.grad.flatten().tolist()})
print(json.dumps(out))
`;

interface Case {
  kind: 'soft' | 'at' | 'rkd';
  x: number[];
  shape: number[];
  [k: string]: unknown;
}

/** The tfjs value and gradient of a case, with the same maths the studio trains with. */
function studio(c: Case): { value: number; grad: number[] } {
  return tf.tidy(() => {
    const f = (x: tf.Tensor): tf.Scalar => {
      if (c.kind === 'soft') {
        const y = tf.oneHot(tf.tensor1d(c.y as number[], 'int32'), c.shape[1]!).toFloat() as tf.Tensor2D;
        const w = c.weights as KdWeights;
        return distillationLoss(y, tf.tensor2d(c.zt as number[], c.shape as [number, number]), x as tf.Tensor2D, w, c.epoch as number).soft;
      }
      if (c.kind === 'at') return attentionTransfer([{ student: x as tf.Tensor4D, teacher: tf.tensor4d(c.t as number[], c.tshape as [number, number, number, number]) }], c.beta as number);
      return rkdLoss(x, tf.tensor(c.t as number[], c.tshape as number[]), c.wd as number, c.wa as number);
    };
    const x = tf.tensor(c.x, c.shape);
    return { value: f(x).dataSync()[0]!, grad: Array.from(tf.grad(f)(x).dataSync()) };
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exported PyTorch losses equal the studio’s', () => {
  const zs = seededValues(4 * 5, 31, -3, 3);
  const zt = seededValues(4 * 5, 32, -3, 3);
  const y = [0, 4, 2, 1];
  const soft = (name: string, weights: KdWeights, epoch: number): [string, Case] => [
    name,
    {
      kind: 'soft',
      x: zs,
      shape: [4, 5],
      zt,
      y,
      epoch,
      weights,
      temperature: weights.temperature,
      alpha: weights.alpha,
      loss: { soft: weights.softTerm, scaleByT2: weights.scaleByT2, standardize: weights.standardize ?? false, dkd: weights.dkd ?? null },
    },
  ];
  const cases: [string, Case][] = [
    soft('KL with logit standardisation', { temperature: 2, alpha: 0.7, scaleByT2: true, softTerm: 'kl', standardize: true }, 1),
    soft('DKD in its warm-up', { temperature: 4, alpha: 0.9, scaleByT2: true, softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 4 } }, 2),
    soft('DKD with standardisation, no T²', { temperature: 3, alpha: 1, scaleByT2: false, softTerm: 'dkd', dkd: { alpha: 0.5, beta: 2, warmup: 0 }, standardize: true }, 7),
    ['attention transfer, 6×6 against 4×4 (adaptive pooling)', { kind: 'at', x: seededValues(2 * 6 * 6 * 3, 33), shape: [2, 6, 6, 3], t: seededValues(2 * 4 * 4 * 5, 34), tshape: [2, 4, 4, 5], beta: 1000 }],
    ['RKD distance and angle, widths 3 and 7', { kind: 'rkd', x: seededValues(6 * 3, 35), shape: [6, 3], t: seededValues(6 * 7, 36), tshape: [6, 7], wd: 25, wa: 50 }],
  ];

  it('values within 1e-5 (relative) and gradients within 1e-4 of each other', () => {
    const cfg = toyConfig({ softTerm: 'dkd', dkd: { alpha: 1, beta: 8, warmup: 4 } });
    const script = join(dir, 'methods.py');
    writeFileSync(script, toPyTorchScript(cfg), 'utf8');
    const casesPath = join(dir, 'cases.json');
    writeFileSync(casesPath, JSON.stringify(cases.map(([, c]) => c)));
    const harness = join(dir, 'harness.py');
    writeFileSync(harness, HARNESS, 'utf8');
    const r = spawnSync(found.python!, [harness, script, casesPath], { env: torchEnv(), encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const torchOut = JSON.parse(r.stdout.trim().split('\n').pop()!) as { value: number; grad: number[] }[];
    cases.forEach(([name, c], i) => {
      const mine = studio(c);
      const theirs = torchOut[i]!;
      expect(Math.abs(mine.value - theirs.value), `${name}: ${mine.value} vs ${theirs.value}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(theirs.value)));
      const scale = Math.max(1e-3, ...theirs.grad.map(Math.abs));
      mine.grad.forEach((g, k) => expect(Math.abs(g - theirs.grad[k]!), `${name} gradient ${k}`).toBeLessThanOrEqual(1e-4 * scale));
      expect(mine.value, `${name} is not trivially 0`).not.toBe(0);
    });
  });
});
