// The exported script's teacher ensemble and teaching assistant against the studio's engine, in a real PyTorch
// (npm run test:pytorch): the ensemble's soft targets on the same logits, the extra models' initial weights byte for
// byte, and a spiral run whose every model lands within the seed-to-seed spread of the studio's.
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import type { Dataset } from '../../src/engine/data/types';
import { toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { buildModel, seededWeights } from '../../src/engine/models/build';
import { deriveSeed } from '../../src/engine/rng';
import { RunController } from '../../src/engine/train/controller';
import { ensembleLogits } from '../../src/engine/train/ensemble';
import { runExperiment } from '../../src/engine/train/experiment';
import type { ExperimentConfig, ExperimentResults, ModelResult } from '../../src/engine/train/types';
import { seededValues } from '../unit/gradCheck';
import { SPIRAL } from '../unit/pytorchSpecs';
import { useCpu } from '../unit/tfSetup';
import { pythonJson, reportOf, runScript, writeScript } from './torchRun';

const sha = (a: Float32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

/** Teacher 2's own preset in the ensemble (teacher 3 keeps the teacher's architecture). */
const WIDE: ExperimentConfig['teacher'] = { kind: 'mlp', hidden: [24, 24], activation: 'relu' };

/** Spiral with an ensemble of three teachers (teacher 2 of another preset) and a 16-unit assistant before the 8-unit student, 3 seeds. */
const TEAM: ExperimentConfig = {
  ...SPIRAL,
  ensemble: { size: 3, members: [WIDE, SPIRAL.teacher] },
  assistant: { kind: 'mlp', hidden: [16], activation: 'tanh' },
  epochs: 3,
};

let spiral: Dataset;
beforeAll(async () => {
  await useCpu();
  spiral = await DATASETS.spiral.load({ seed: TEAM.seed, noise: TEAM.noise, samples: TEAM.samples }, () => {});
});

describe('the ensemble and the assistant in the exported script', () => {
  it('ensemble soft targets: ensemble_logits equals the studio’s ensembleLogits (KL, DKD and MSE) within 1e-5', () => {
    const members = [31, 32, 33].map((s) => seededValues(4 * 5, s, -4, 4));
    const script = writeScript('team_soft', toPyTorchScript(TEAM));
    for (const [soft, temperature] of [['kl', 3], ['dkd', 0.7], ['mse', 2]] as const) {
      const fromPy = pythonJson<number[]>(script, `
m.EXPERIMENT["loss"]["soft"] = ${JSON.stringify(soft)}
zs = [torch.tensor(v, dtype=torch.float32).reshape(4, 5) for v in ${JSON.stringify(members)}]
print(json.dumps(m.ensemble_logits(zs, ${temperature}).flatten().tolist()))`);
      const mine = tf.tidy(() => Array.from(ensembleLogits(members.map((v) => tf.tensor2d(v, [4, 5])), temperature, soft).dataSync()));
      mine.forEach((v, i) => expect(Math.abs(v - fromPy[i]!), `${soft} entry ${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v))));
    }
  });

  it('initial weights of ensemble teachers 2 (its own preset) and 3 and of the assistant equal the studio’s seeded weights exactly', () => {
    const script = writeScript('team_init', toPyTorchScript(TEAM));
    const seeds = { ens2: deriveSeed(TEAM.seed, 'teacher-init-ens2'), ens3: deriveSeed(TEAM.seed, 'teacher-init-ens3'), assistant: deriveSeed(TEAM.seed, 'assistant-init') };
    const fromPy = pythonJson<Record<string, number[]>>(script, `
out = {}
members = m.EXPERIMENT["ensemble"]["members"]
for name, arch, seed in (("ens2", members[0], ${seeds.ens2}), ("ens3", members[1], ${seeds.ens3}), ("assistant", m.EXPERIMENT["assistant"], ${seeds.assistant})):
    net = m.studio_init(m.Net(arch), seed)
    out[name] = np.concatenate([a.ravel() for _, a in m.tfjs_weights(net)]).astype(float).tolist()
print(json.dumps(out))`);
    for (const [name, spec] of [['ens2', WIDE], ['ens3', TEAM.teacher], ['assistant', TEAM.assistant!]] as const) {
      const model = buildModel(spec, [2], 3, name);
      const flat = Float32Array.from(seededWeights(model, seeds[name]).flatMap((w) => Array.from(w)));
      model.dispose();
      expect(fromPy[name]!.length).toBe(flat.length);
      expect(sha(Float32Array.from(fromPy[name]!))).toBe(sha(flat));
    }
  });

  it('spiral with 3 teachers and an assistant: every model within the seed spread of the studio’s (1 and 2 processes)', async () => {
    const out = await runExperiment(TEAM, spiral, new RunController({ temperature: TEAM.temperature, alpha: TEAM.alpha }), { onPhase: () => {}, onLoss: () => {}, onEpoch: () => {} });
    out.dispose();
    const studio = out.results;
    const script = writeScript('team_spiral', toPyTorchScript(TEAM));
    for (const processes of [1, 2] as const) {
      const run = runScript(script, 'team_spiral', [], processes);
      expect(run.status, run.stderr).toBe(0);
      const theirs = reportOf(run).results;
      const spread = Math.max(studio.seeds?.scratch.std ?? 0, studio.seeds?.distilled.std ?? 0, theirs.seeds?.scratch.std ?? 0, theirs.seeds?.distilled.std ?? 0);
      const tolerance = Math.max(3 * spread, 0.01 + 1 / spiral.test.count);
      const models = (r: ExperimentResults): Record<string, ModelResult> => ({
        teacher: r.teacher,
        scratch: r.scratch,
        distilled: r.distilled,
        assistant: r.assistant!,
        ensemble: r.ensemble!.combined,
        ...Object.fromEntries(r.ensemble!.members.map((m, i) => [`teacher ${i + 1}`, m])),
      });
      const [a, b] = [models(studio), models(theirs)];
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const name of Object.keys(a)) {
        const gap = Math.abs(a[name]!.accuracy - b[name]!.accuracy);
        expect(gap, `${name} (${processes}p): ${(100 * b[name]!.accuracy).toFixed(2)}% in PyTorch vs ${(100 * a[name]!.accuracy).toFixed(2)}%`).toBeLessThanOrEqual(tolerance);
      }
      console.log(`team_spiral ${processes}p:`, JSON.stringify(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, [a[k]!.accuracy, v.accuracy]]))));
    }
  });
});
