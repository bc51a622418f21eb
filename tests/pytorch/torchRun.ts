// Running exported scripts in PyTorch (one process, or torchrun with two) and reading what they wrote.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTorchPython, torchEnv, torchrunCommand } from '../../scripts/torch-env.mjs';
import { decodeHistoryFile } from '../../src/store/history/historyFile';
import type { HistoryRecord } from '../../src/store/history/records';

const found: { python: string | null; reason?: string } = process.env.DISTILL_TORCH_PYTHON ? { python: process.env.DISTILL_TORCH_PYTHON } : findTorchPython();
if (!found.python) throw new Error(`No Python with torch: ${found.reason ?? ''}. Run the PyTorch tests with npm run test:pytorch.`);

/** The Python with torch. */
export const PYTHON: string = found.python;
/** The torchrun command (without --nproc_per_node). */
export const TORCHRUN: string[] = process.env.DISTILL_TORCHRUN ? (JSON.parse(process.env.DISTILL_TORCHRUN) as string[]) : torchrunCommand(PYTHON);
/** Environment of every PyTorch process. */
export const ENV = torchEnv();

/** Where scripts and their outputs go ($DISTILL_PYTORCH_OUT from the runner); kept for tests/e2e-pytorch, which imports them. */
export const OUT = process.env.DISTILL_PYTORCH_OUT ?? join(tmpdir(), 'distill-pytorch-out');
// The runner gives a fresh folder that every test file (each imports this module in its own process) adds to; only a
// file run on its own starts from an empty default folder.
if (!process.env.DISTILL_PYTORCH_OUT) rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

/** One run of an exported script. */
export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** The --out folder. */
  dir: string;
}

/** Writes a script into OUT and returns its path. */
export function writeScript(name: string, text: string): string {
  const path = join(OUT, `${name}.py`);
  writeFileSync(path, text, 'utf8');
  return path;
}

/** Runs a script with one process (`python3 script.py`) or two (`torchrun --nproc_per_node=2 script.py`), writing to `<name>-<n>p/`. */
export function runScript(script: string, name: string, args: string[], processes: 1 | 2): ScriptRun {
  const dir = join(OUT, `${name}-${processes}p`);
  const cmd = processes === 1 ? [PYTHON, script] : [...TORCHRUN, '--nproc_per_node=2', script];
  const started = performance.now();
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), ...args, '--out', dir], { cwd: OUT, env: ENV, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - started) / 1000, dir };
}

/** The run a script saved in report.json, read with the studio's own History importer. */
export function reportOf(run: ScriptRun): HistoryRecord {
  const records = decodeHistoryFile(readFileSync(join(run.dir, 'report.json'), 'utf8'));
  if (records.length !== 1) throw new Error(`report.json holds ${records.length} runs`);
  return records[0]!;
}

/** Runs Python code that imports the exported script as module `m`; returns its stdout parsed as JSON. */
export function pythonJson<T>(script: string, code: string): T {
  const program = [
    'import importlib.util, json, sys',
    'import numpy as np, torch',
    `spec = importlib.util.spec_from_file_location("exported", ${JSON.stringify(script)})`,
    'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
    code,
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', program], { cwd: OUT, env: ENV, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
