import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PyTorchExportError, hyperSchedule, pytorchExperiment, toPyTorchScript } from '../../src/engine/export/pytorchScript';
import { pyStr, pyValue } from '../../src/engine/export/pythonLiteral';
import type { ExperimentConfig } from '../../src/engine/train/types';
import { DATASETS } from '../../src/engine/data/registry';
import { MNIST_CNN, MNIST_OMIT3, SPIRAL, SPIRAL_CHANGES, SWEEP, csvConfig, pyCompile, write } from './pytorchSpecs';
import { toyConfig } from './toyConfig';

// The scripts really run in PyTorch in `npm run test:pytorch` (tests/pytorch); here they are generated and compiled.
describe('PyTorch script export', () => {
  const cases: [string, ExperimentConfig][] = [
    ['spiral', SPIRAL],
    ['mnist_omit3', MNIST_OMIT3],
    ['mnist_cnn_hint_augment', MNIST_CNN],
    ['csv_hint', csvConfig()],
    ['sweep', SWEEP],
    ...(['circles', 'xor', 'blobs', 'moons', 'fashion-mnist'] as const).map((d): [string, ExperimentConfig] => [d, toyConfig({ dataset: d })]),
  ];

  it.each(cases)('%s compiles with python3 -m py_compile', (name, cfg) => {
    const result = pyCompile(write(name, toPyTorchScript(cfg, { changes: SPIRAL_CHANGES })));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('carries every setting of the run: data, transfer set, classes left out, augmentation, hint, soft term, T², seeds, sweep', () => {
    const exp = pytorchExperiment({ ...MNIST_CNN, excludeClasses: [3], repeats: 4, sweep: { temperatures: [2, 6], alphas: [0.5] } }, { dataUrl: 'https://studio.example/app/' });
    expect(exp.data).toEqual({ kind: 'bundle', id: 'mnist', name: expect.stringContaining('MNIST'), files: ['datasets/mnist.bin.gz'], url: 'https://studio.example/app/datasets' });
    expect(exp.transfer).toEqual({ size: 500, exclude: [3] });
    expect(exp.augment).toBe('all');
    expect(exp.loss).toEqual({ soft: 'mse', temperature: 4, alpha: 0.7, scaleByT2: true, hint: { teacherLayer: 2, studentLayer: 0, beta: 0.25, teacherWidth: 32, studentWidth: 16 } });
    expect(exp.sweep).toEqual([
      { temperature: 2, alpha: 0.5 },
      { temperature: 6, alpha: 0.5 },
    ]);
    expect(exp.config).toMatchObject({ repeats: 4, seed: 7, epochs: 1, batchSize: 64, optimizer: 'sgd', learningRate: 0.05, pretrainedTeacher: null });
    expect(exp.inputShape).toEqual([28, 28, 1]);
    const teacher = exp.teacher as { layers: { op: string; name: string }[]; taps: number[]; tapWidths: number[]; params: number };
    expect(teacher.layers.map((l) => l.name)).toEqual(['conv_1', 'pool_2', 'conv_3', 'pool_4', 'flatten_5', 'dense_6', 'dropout_7', 'logits']);
    expect(teacher.layers[0]).toMatchObject({ op: 'conv', bnName: 'bn_1', inChannels: 1, filters: 8, kernel: 3, batchNorm: true });
    // Hidden blocks end at the pools and the dense layer: conv 13×13×8, conv 5×5×16, dense 32.
    expect(teacher.taps).toEqual([1, 3, 5]);
    expect(teacher.tapWidths).toEqual([13 * 13 * 8, 5 * 5 * 16, 32]);
    const student = exp.student as { layers: { op: string; name: string; in?: number }[] };
    expect(student.layers).toEqual([
      { op: 'flatten', name: 'flatten_1' },
      { op: 'dense', name: 'dense_2', in: 784, units: 16, activation: 'gelu' },
      { op: 'dense', name: 'logits', in: 16, units: 10, activation: null },
    ]);
    const toy = pytorchExperiment(SPIRAL);
    expect(toy.data).toEqual({ kind: 'toy', id: 'spiral', name: expect.stringContaining('Spiral'), samples: 600, noise: 0.05 });
    const csv = pytorchExperiment(csvConfig());
    expect(csv.data).toEqual({
      kind: 'csv',
      name: 'insects.csv',
      columns: ['f1', 'f2', 'species', 'f3', 'f4'],
      labelColumn: 'species',
      classNames: ['ant', 'bee', 'cat'],
      testFraction: 0.2,
      splitSeed: 5,
      // The studio standardises CSV features by default (config.standardize unset or true), so the script does too.
      standardize: true,
    });
    expect(pytorchExperiment({ ...csvConfig(), standardize: false }).data).toMatchObject({ standardize: false });
    expect(pytorchExperiment({ ...csvConfig(), validationFraction: 0.1 }).validationFraction).toBe(0.1);
  });

  it("writes the studio's standardisation statistics into the experiment, every double in full", () => {
    const cfg = csvConfig();
    // Doubles that need all 17 significant digits, as the statistics of float32 features do.
    const scaling = { mean: [0.1 + 0.2, -1 / 3, 2.5e-8, 123456.78901234567], std: [Math.PI, Math.SQRT2, 1e-290, 1] };
    const withStats = (csv: Partial<NonNullable<NonNullable<ExperimentConfig['userData']>['csv']>>, extra: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
      ...cfg,
      ...extra,
      userData: { ...cfg.userData!, csv: { ...cfg.userData!.csv!, ...csv } },
    });
    const exp = pytorchExperiment(withStats({ featureScaling: scaling }));
    expect(exp.data).toMatchObject({ standardize: true, featureScaling: scaling });
    const script = toPyTorchScript(withStats({ featureScaling: scaling }));
    expect(script).toContain('"mean": [0.30000000000000004, -0.3333333333333333, 2.5e-8, 123456.78901234567],');
    expect(script).toContain('"std": [3.141592653589793, 1.4142135623730951, 1e-290, 1],');
    // Python reads the literal back to the same doubles (json.dumps writes Python's shortest round-trip repr).
    const path = write('csv_stats', script);
    const code = 'import ast, json, sys\nsrc = open(sys.argv[1]).read()\nnode = next(n for n in ast.parse(src).body if isinstance(n, ast.Assign) and n.targets[0].id == "EXPERIMENT")\nprint(json.dumps(ast.literal_eval(node.value)["data"]["featureScaling"]))';
    const r = spawnSync('python3', ['-c', code, path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(scaling);
    expect(script).toContain("Its features are standardised with the studio's mean and deviation");
    // Standardisation off, or an export from before the statistics were recorded: none written (the script then fits
    // its own, as the studio does).
    expect(pytorchExperiment(withStats({ featureScaling: scaling }, { standardize: false })).data).not.toHaveProperty('featureScaling');
    expect(pytorchExperiment(cfg).data).not.toHaveProperty('featureScaling');
    // Damaged statistics are refused, not written.
    const refused = (bad: { mean: number[]; std: number[] }) => () => pytorchExperiment(withStats({ featureScaling: bad }));
    expect(refused({ mean: [0, 0, 0], std: [1, 1, 1] })).toThrow('The standardisation has 3 means and 3 deviations for 4 features.');
    expect(refused({ mean: [0, 0, 0, Number.NaN], std: [1, 1, 1, 1] })).toThrow('The standardisation statistics are not finite numbers.');
    expect(refused({ mean: [0, 0, 0, 0], std: [1, 1, 0, 1] })).toThrow('The standardisation statistics are not finite numbers.');
  });

  it('turns live T/α changes into a schedule by distillation step', () => {
    expect(hyperSchedule([])).toEqual([]);
    // A change recorded at distillation step s (the first step whose loss used it) is in force from s; one recorded
    // outside the main distillation (an extra trial, an old record's teacher or scratch phase) from the first step.
    expect(
      hyperSchedule([
        { phase: 'teacher', step: 40, temperature: 2, alpha: 0.5 },
        { phase: 'scratch', step: 3, temperature: 3, alpha: 0.5 },
        { phase: 'distill', step: 21, temperature: 8, alpha: 0.9 },
        { phase: 'distill', step: 21, temperature: 9, alpha: 0.9 },
      ]),
    ).toEqual([
      { step: 1, temperature: 3, alpha: 0.5 },
      { step: 21, temperature: 9, alpha: 0.9 },
    ]);
    const s = toPyTorchScript(SPIRAL, { changes: SPIRAL_CHANGES });
    expect(s).toContain('"schedule": [\n        {"step": 21, "temperature": 8, "alpha": 0.7},\n    ],');
  });

  it('refuses what it cannot carry over, with a code the UI words', () => {
    const refusal = (cfg: ExperimentConfig) => {
      try {
        toPyTorchScript(cfg);
      } catch (e) {
        return e instanceof PyTorchExportError ? [e.code, e.params] : ['other', String(e)];
      }
      return null;
    };
    expect(refusal({ ...SPIRAL, pretrainedTeacher: { id: 't1', name: 'model.json' } })).toEqual(['loadedTeacher', { name: 'model.json' }]);
    const idx = csvConfig();
    const { csv: _dropped, ...meta } = idx.userData!;
    expect(refusal({ ...idx, userData: meta })).toEqual(['uploadNotCsv', {}]);
    // Pictures (a folder, or the generated colour set) are no longer refused: the script reads the prepared dataset.
    const folder = { size: 32, fit: 'crop', classCounts: [10, 10, 10], skipped: 0, splitSeed: 4 } as const;
    const pictures = { ...idx, userData: { ...meta, inputShape: [32, 32, 3], imageFolder: { ...folder, classCounts: [...folder.classCounts] } } };
    expect(refusal(pictures)).toBeNull();
    expect(pytorchExperiment(pictures).data).toEqual({
      kind: 'prepared',
      name: meta.name,
      classNames: meta.classNames,
      folder: { size: 32, fit: 'crop', splitSeed: 4, testFraction: 0.2, classCounts: [10, 10, 10] },
    });
    expect(refusal({ ...SPIRAL, dataset: 'colour-shapes' })).toBeNull();
    expect(pytorchExperiment({ ...SPIRAL, dataset: 'colour-shapes' }).data).toEqual({ kind: 'prepared', id: 'colour-shapes', name: DATASETS['colour-shapes'].name, classNames: DATASETS['colour-shapes'].classNames, folder: null });
    expect(toPyTorchScript(pictures)).toContain('--images DIR');
    expect(refusal({ ...SPIRAL, learningRate: Number.NaN })).toEqual(['invalid', { detail: 'Learning rate must be > 0 (got NaN).' }]);
    expect(refusal({ ...SPIRAL, hint: { teacherLayer: 5, studentLayer: 0, beta: 1 } })).toEqual(['invalid', { detail: 'The teacher has 2 hidden blocks; hint layer 5 does not exist.' }]);
    expect(refusal({ ...SPIRAL, teacher: { kind: 'cnn', layers: [{ type: 'conv', filters: 4, kernel: 3, stride: 1, activation: 'relu' }] } })?.[0]).toBe('invalid');
  });

  it('writes user text as Python literals that cannot break out of a string', () => {
    const evil = 'my "data"\n""" ; import os\\ é ☃ \u2028 𝔘';
    const cfg = csvConfig();
    const s = toPyTorchScript({ ...cfg, userData: { ...cfg.userData!, name: evil, csv: { ...cfg.userData!.csv!, columns: ['f1', 'f2', evil, 'f3', 'f4'], labelColumn: evil } } });
    expect(s).toContain(`"labelColumn": ${pyStr(evil)}`);
    expect(s).not.toContain('\n""" ; import os');
    expect(s).not.toContain('\u2028');
    expect(pyCompile(write('evil', s)).status).toBe(0);
    const r = spawnSync('python3', ['-c', `import sys; sys.stdout.buffer.write(${pyValue([evil])}[0].encode("utf-8", "surrogatepass"))`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(evil);
  });
});
