// A real colour ONNX teacher: the built-in colour set's prepared dataset (the same file "Export the prepared dataset"
// writes) becomes PNG trees, PyTorch trains a colour CNN on one and exports it with torch.onnx.export
// (scripts/colour_teacher.py). tests/e2e-pytorch/colour-teacher.spec.ts then loads the other tree and the teacher in
// the studio. Run with `npm run test:pytorch`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { buildPreparedDataset } from '../../src/engine/export/preparedDataset';
import { REPO_ROOT } from '../fixtures/fsSource';
import { toyConfig } from '../unit/toyConfig';
import { ENV, OUT, PYTHON } from './torchRun';

/** Where the teacher and the pictures go (read by the e2e spec). */
const DIR = join(OUT, 'colour-teacher');

interface Made {
  onnx: string;
  zip: string;
  classes: string[];
  mean: number[];
  std: number[];
  studioCount: number;
  studioAccuracy: number;
  trainCount: number;
  trainSeconds: number;
}

it('PyTorch trains a colour CNN on PNG files of the built-in colour set and exports it to ONNX, normalised per channel', async () => {
  const cfg = toyConfig({ dataset: 'colour-shapes', seed: 1 });
  const data = await DATASETS['colour-shapes'].load({ seed: cfg.seed, noise: 0, samples: 0 }, () => {});
  const file = join(OUT, 'colour-shapes.dspd');
  writeFileSync(file, buildPreparedDataset(data, cfg));
  const r = spawnSync(PYTHON, [join(REPO_ROOT, 'scripts', 'colour_teacher.py'), 'make', '--data', file, '--out', DIR, '--epochs', '2', '--studio-per-class', '100'], {
    env: ENV,
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const made = JSON.parse(readFileSync(join(DIR, 'colour-teacher.json'), 'utf8')) as Made;
  console.log(`colour teacher: ${(100 * made.studioAccuracy).toFixed(2)} % on the studio's ${made.studioCount} pictures after ${made.trainSeconds} s of training on ${made.trainCount}; mean ${made.mean}, std ${made.std}`);
  expect(existsSync(made.onnx)).toBe(true);
  // Folders named so that sorting them by name keeps the label order (the teacher's outputs): 0-circle, 1-square, …
  expect(made.classes).toEqual(DATASETS['colour-shapes'].classNames.map((c, k) => `${k}-${c}`));
  expect(made.trainCount).toBe(4000);
  // 100 pictures per class from the set's test split, as PNG files in class folders.
  expect(made.studioCount).toBe(1000);
  expect(readdirSync(join(DIR, 'studio', 'colour-shapes')).sort()).toEqual([...made.classes].sort());
  // A CNN that learned the shapes (10 classes: chance is 10 %), with a normalisation the user must state.
  expect(made.studioAccuracy).toBeGreaterThan(0.5);
  made.std.forEach((s) => expect(s).not.toBeCloseTo(1, 1));
});
