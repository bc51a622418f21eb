// PyTorch end to end: the generated scripts train, and tfjs weights copied into the generated PyTorch models give
// the same logits. Needs a Python with torch: DISTILL_TORCH_PYTHON=/path/to/python npm run test:pytorch
// (PyTorch is not installable from this project's registries, so this is not part of npm test).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { assignWeights, buildModel, seededWeights } from '../../src/engine/models/build';
import { toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { pyStr } from '../../src/engine/export/pythonLiteral';
import type { ArchSpec } from '../../src/engine/models/spec';
import { useCpu } from '../unit/tfSetup';
import { CSV_CNN, SPIRAL, dir, torchPython as maybeTorch, write } from '../unit/pytorchSpecs';

if (!maybeTorch) throw new Error('Set DISTILL_TORCH_PYTHON to a Python that has torch installed.');
const torchPython = maybeTorch;

beforeAll(async () => {
  await useCpu();
});

describe('PyTorch export, run in PyTorch', () => {
  it('runs end to end in PyTorch (spiral, and a CSV CNN with a hint)', () => {
    const spiral = write('run_spiral', toPyTorchScript({ ...SPIRAL, epochs: 2 }));
    const a = spawnSync(torchPython!, [spiral], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    expect(a.stderr).toBe('');
    expect(a.stdout).toContain('distilled - scratch:');
    const rows: string[] = [];
    for (let i = 0; i < 90; i++) {
      const label = i % 3;
      const pixels = Array.from({ length: 64 }, (_, j) => ((j % 8) * (label + 1) + ((i * 7 + j) % 5)) / 20);
      rows.push([...pixels, label].join(','));
    }
    writeFileSync(join(dir, 'train.csv'), rows.join('\n'));
    const csv = write('run_csv', toPyTorchScript(CSV_CNN));
    const b = spawnSync(torchPython!, [csv], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    expect(b.stderr).toBe('');
    expect(b.stdout).toContain('distilled - scratch:');
    for (const [id, classes] of [['moons', 2], ['circles', 2], ['xor', 2], ['blobs', 4]] as const) {
      const path = write(`run_${id}`, toPyTorchScript({ ...SPIRAL, dataset: id, numClasses: classes, epochs: 1 }));
      const r = spawnSync(torchPython!, [path], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`${id}: 240 training and 60 test examples`);
    }
  });

  it('builds the same function as the studio: tfjs weights in PyTorch give the same logits', async () => {
    await useCpu();
    const teacher: ArchSpec = {
      kind: 'cnn',
      layers: [
        { type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'gelu', batchNorm: true },
        { type: 'maxpool', size: 2 },
        { type: 'conv', filters: 6, kernel: 2, stride: 2, activation: 'tanh' },
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
      ],
    };
    const student: ArchSpec = { kind: 'mlp', hidden: [7, 5], activation: 'gelu', dropout: 0.3 };
    const inputShape = [12, 10, 2];
    const script = write('equivalence', toPyTorchScript({ ...SPIRAL, dataset: 'custom', inputShape, numClasses: 4, teacher, student }));
    const x = tf.randomNormal([5, ...inputShape], 0, 1, 'float32', 3);
    const dump: Record<string, unknown> = { input: Array.from(x.dataSync()) };
    for (const [name, spec] of [['teacher', teacher], ['student', student]] as const) {
      const m = buildModel(spec, inputShape, 4, name);
      // Non-trivial biases and batch-norm statistics, so every weight matters.
      assignWeights(m, seededWeights(m, 5).map((w) => w.map((v, i) => (v === 0 ? 0.1 * Math.sin(i + 1) : v === 1 ? 1 + 0.2 * Math.cos(i) : v))));
      const logits = m.predict(x) as tf.Tensor;
      // Layer by layer, each layer's weights in its own order: the order of the PyTorch modules' tensors.
      dump[name] = {
        weights: m.layers.flatMap((l) => l.weights).map((w) => ({ shape: w.shape, values: Array.from(w.read().dataSync()) })),
        logits: Array.from(logits.dataSync()),
      };
      logits.dispose();
      m.dispose();
    }
    x.dispose();
    const dumpPath = join(dir, 'equivalence.json');
    writeFileSync(dumpPath, JSON.stringify(dump));
    const check = [
      'import importlib.util, json, sys',
      'import numpy as np, torch',
      `spec = importlib.util.spec_from_file_location("exported", ${pyStr(script)})`,
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      `d = json.load(open(${pyStr(dumpPath)}))`,
      'x = mod.to_model_input(np.array(d["input"]).reshape(5, -1))',
      'worst = 0.0',
      'for name in ("teacher", "student"):',
      '    net = getattr(mod, "build_" + name)()',
      '    ws = iter(d[name]["weights"])',
      '    nxt = lambda: (lambda w: torch.tensor(np.array(w["values"], dtype=np.float32).reshape(w["shape"])))(next(ws))',
      '    with torch.no_grad():',
      '        for m in net.modules():',
      '            if isinstance(m, torch.nn.Conv2d):',
      '                m.weight.copy_(nxt().permute(3, 2, 0, 1))',
      '                if m.bias is not None: m.bias.copy_(nxt())',
      '            elif isinstance(m, torch.nn.BatchNorm2d):',
      '                m.weight.copy_(nxt()); m.bias.copy_(nxt()); m.running_mean.copy_(nxt()); m.running_var.copy_(nxt())',
      '            elif isinstance(m, torch.nn.Linear):',
      '                m.weight.copy_(nxt().T); m.bias.copy_(nxt())',
      '        net.eval()',
      '        z = net(x).numpy().ravel()',
      '    worst = max(worst, float(np.abs(z - np.array(d[name]["logits"])).max()))',
      'print(worst)',
    ].join('\n');
    const r = spawnSync(torchPython!, ['-c', check], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeLessThan(1e-5);
  });
});
