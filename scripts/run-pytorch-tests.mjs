#!/usr/bin/env node
// `npm run test:pytorch`: the exported PyTorch scripts run for real (Vitest, tests/pytorch) with one process and
// under torchrun with two, then the studio imports what they wrote (Playwright, tests/e2e-pytorch) and loads a teacher
// trained in PyTorch and exported to ONNX (npm run test:onnx-torch). Needs a Python
// with torch and numpy: $DISTILL_TORCH_PYTHON, else Debian's /usr/bin/python3 (apt install python3-torch
// python3-numpy libopenblas0-pthread). Prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwrightFailures, printFailures, stageFailures, vitestFailures } from './failedTests.mjs';
import { findTorchPython, torchEnv, torchrunCommand } from './torch-env.mjs';

const found = findTorchPython();
if (!found.python) {
  console.error(`
No Python with PyTorch found: ${found.reason}.
On Debian/Ubuntu:  sudo apt-get install -y python3-torch python3-numpy libopenblas0-pthread
Elsewhere:         DISTILL_TORCH_PYTHON=/path/to/python-with-torch npm run test:pytorch
`);
  process.exit(1);
}
const python = found.python;
const torchrun = torchrunCommand(python);
const out = mkdtempSync(join(tmpdir(), 'distill-pytorch-tests-'));
// Scripts and what they write: the Vitest suite fills it, the Playwright suite imports from it.
const env = torchEnv({ ...process.env, DISTILL_TORCH_PYTHON: python, DISTILL_TORCHRUN: JSON.stringify(torchrun), DISTILL_PYTORCH_OUT: join(out, 'runs') });
const version = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { env, encoding: 'utf8' }).stdout.trim();
console.log(`\n▶ PyTorch ${version} (${python}); torchrun: ${torchrun.join(' ')}\n`);

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (args, extra = {}) => spawnSync(npx, args, { stdio: 'inherit', env: { ...env, ...extra } }).status ?? 1;
const started = Date.now();

console.log('▶ Exported scripts in PyTorch (Vitest)\n');
const unitJson = join(out, 'vitest.json');
const unitStatus = run(['vitest', 'run', '--config', 'vitest.pytorch.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);

console.log('\n▶ The studio imports what PyTorch wrote (Playwright)\n');
const e2eJson = join(out, 'playwright.json');
const e2eStatus = run(['playwright', 'test', '--project=pytorch'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, PLAYWRIGHT_REPORTERS: 'list,json', DISTILL_PYTORCH_E2E: '1' });

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
console.log('\n▶ A teacher trained in PyTorch and exported with torch.onnx.export, loaded as the studio\'s ONNX teacher (Playwright)\n');
const onnxJson = join(out, 'playwright-onnx.json');
const onnxStatus = spawnSync(process.execPath, ['scripts/test-onnx-torch.mjs'], {
  stdio: 'inherit',
  env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: onnxJson, PLAYWRIGHT_REPORTERS: 'list,json' },
}).status ?? 1;

const unit = readJson(unitJson);
const e2e = readJson(e2eJson);
const onnx = readJson(onnxJson);
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit ? unit.numFailedTests : 1;
const e2ePassed = e2e?.stats?.expected ?? 0;
const e2eFailed = e2e ? (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) : 1;
const onnxPassed = onnx?.stats?.expected ?? 0;
const onnxFailed = onnx ? (onnx.stats.unexpected ?? 0) + (onnx.stats.flaky ?? 0) : 1;
const failed =
  unitFailed + e2eFailed + onnxFailed + (unitStatus !== 0 && unitFailed === 0 ? 1 : 0) + (e2eStatus !== 0 && e2eFailed === 0 ? 1 : 0) + (onnxStatus !== 0 && onnxFailed === 0 ? 1 : 0);
console.log(`\npytorch: ${unitPassed} passed, ${unitFailed} failed · e2e: ${e2ePassed} passed, ${e2eFailed} failed · onnx teacher: ${onnxPassed} passed, ${onnxFailed} failed · ${((Date.now() - started) / 1000).toFixed(0)} s`);
printFailures([
  ...stageFailures('pytorch', unitStatus, vitestFailures(unit)),
  ...stageFailures('pytorch e2e', e2eStatus, playwrightFailures(e2e)),
  ...stageFailures('onnx teacher', onnxStatus, playwrightFailures(onnx)),
]);
console.log(`${unitPassed + e2ePassed + onnxPassed} passed, ${failed} failed`);
process.exit(unitStatus === 0 && e2eStatus === 0 && onnxStatus === 0 && failed === 0 ? 0 : 1);
