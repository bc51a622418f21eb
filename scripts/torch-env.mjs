// Finds a Python with PyTorch for `npm run test:pytorch` and says how to launch torchrun with it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's libopenblas0-pthread puts its fast BLAS (PyTorch's CPU kernels run at full speed with it). */
export const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';

/** The environment for PyTorch processes: the pthread OpenBLAS first on LD_LIBRARY_PATH when it is installed. */
export function torchEnv(base = process.env) {
  const env = { ...base };
  if (existsSync(OPENBLAS_DIR) && !(env.LD_LIBRARY_PATH ?? '').split(':').includes(OPENBLAS_DIR)) {
    env.LD_LIBRARY_PATH = [OPENBLAS_DIR, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  return env;
}

/** True when `python` imports torch and numpy. */
function hasTorch(python) {
  const r = spawnSync(python, ['-c', 'import torch, numpy'], { env: torchEnv(), encoding: 'utf8', timeout: 120_000 });
  return r.status === 0;
}

/**
 * The Python to use: $DISTILL_TORCH_PYTHON, else Debian's /usr/bin/python3 when it imports torch; null when none
 * (with `reason` saying what was tried).
 */
export function findTorchPython() {
  const given = process.env.DISTILL_TORCH_PYTHON;
  if (given) return hasTorch(given) ? { python: given } : { python: null, reason: `DISTILL_TORCH_PYTHON=${given} cannot import torch and numpy` };
  if (existsSync('/usr/bin/python3') && hasTorch('/usr/bin/python3')) return { python: '/usr/bin/python3' };
  return { python: null, reason: '/usr/bin/python3 cannot import torch and numpy (and DISTILL_TORCH_PYTHON is not set)' };
}

/**
 * The torchrun command for `python`: `python -m torch.distributed.run` (what the `torchrun` binary runs; Debian's
 * package may not ship the binary). PyTorch 1.13 on Python 3.11 cannot parse torchrun's default `--redirects 0`
 * (Std.from_str returns None, a bug fixed in PyTorch 2.0); there `--redirects 1 --tee 1` (stdout to a log file and
 * the console) works around it.
 */
export function torchrunCommand(python) {
  const probe = spawnSync(python, ['-c', 'from torch.distributed.elastic.multiprocessing.api import Std; print(Std.from_str("0") is None)'], {
    env: torchEnv(),
    encoding: 'utf8',
  });
  const broken = probe.stdout.trim() === 'True';
  return [python, '-m', 'torch.distributed.run', ...(broken ? ['--redirects', '1', '--tee', '1'] : []), '--standalone'];
}
