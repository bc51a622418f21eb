// `npm run test:onnx-torch`: trains a small CNN teacher in PyTorch on the shipped MNIST file for one epoch, exports it with
// torch.onnx.export (tests/onnx-torch/train_mnist_teacher.py), then runs tests/e2e/onnx-torch.spec.ts, which loads that
// file in the studio as the teacher and distils a student from it. Needs a python with torch: $DISTILL_TORCH_PYTHON,
// default Debian's /usr/bin/python3 with python3-torch. Set DISTILL_TORCH_ONNX to an already exported file to skip training.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const python = process.env.DISTILL_TORCH_PYTHON ?? '/usr/bin/python3';
let onnxPath = process.env.DISTILL_TORCH_ONNX;
if (!onnxPath) {
  const check = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  if (check.status !== 0) {
    console.error(`test:onnx-torch needs PyTorch: ${python} cannot import torch. Install Debian's python3-torch, or set DISTILL_TORCH_PYTHON.`);
    process.exit(1);
  }
  const out = mkdtempSync(join(tmpdir(), 'distill-onnx-torch-'));
  const blas = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
  const env = { ...process.env, LD_LIBRARY_PATH: [blas, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const trained = spawnSync(python, ['tests/onnx-torch/train_mnist_teacher.py', out], { stdio: 'inherit', env });
  if (trained.status !== 0) process.exit(trained.status ?? 1);
  onnxPath = join(out, 'mnist-teacher.onnx');
}
if (!existsSync(onnxPath)) {
  console.error(`No ONNX teacher at ${onnxPath}.`);
  process.exit(1);
}
const e2e = spawnSync('npx', ['playwright', 'test', '--config', 'playwright.onnx-torch.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, DISTILL_TORCH_ONNX: onnxPath },
});
process.exit(e2e.status ?? 1);
