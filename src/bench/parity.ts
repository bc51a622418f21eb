// The kernel parity page (parity.html). Runs in a worker, like the studio's training:
//   ?mode=parity&backends=webgl,wasm,cpu[&cases=conv-relu,maxpool]  each backend against the CPU reference;
//   ?mode=flags&baselines=webgl,wasm&batch=32&reps=3[&candidates=0,1]  times the CNN preset under WebGPU flag sets.
// The result is published on window.__parity: { ok: true, mode, report | rows } or { ok: false, error }.
import type { FlagCandidate, ParityBackend, ParityMessage, ParityRequest } from '../engine/train/parity';

/** tfjs's defaults for the WebGPU flags that affect convolution and matmul (tfjs-backend-webgpu 4.22 flags_webgpu.js). */
const TFJS_DEFAULTS = {
  WEBGPU_CONV_SEPARATE_IM2COL_SHADER: false,
  WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: true,
  WEBGPU_MATMUL_PROGRAM_TYPE: -1,
  WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL: -1,
  WEBGPU_CPU_FORWARD: true,
} satisfies FlagCandidate['flags'];

/** The WebGPU flag sets measured in flags mode (each fully specified, independent of what the app sets). */
const CANDIDATES: FlagCandidate[] = [
  { label: 'tfjs defaults', flags: TFJS_DEFAULTS },
  { label: 'im2col shader', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true } },
  { label: 'matmul-based conv input gradient', flags: { ...TFJS_DEFAULTS, WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false } },
  { label: 'im2col + matmul-based conv input gradient', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false } },
  { label: 'im2col + packed matmul always', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 3 } },
  { label: 'im2col + small-output matmul always', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 2 } },
  { label: 'im2col + workgroup threshold 64', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL: 64 } },
  { label: 'im2col, no CPU forwarding', flags: { ...TFJS_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_CPU_FORWARD: false } },
  { label: 'the app (activateBackend, no overrides)', flags: {} },
];

const params = new URLSearchParams(location.search);
const list = (key: string, fallback: string) => (params.get(key) ?? fallback).split(',').filter(Boolean);
const log = document.getElementById('log')!;
const out = document.getElementById('out')!;
const publish = (value: unknown) => {
  (window as Window & { __parity?: unknown }).__parity = value;
  out.textContent = JSON.stringify(value, null, 2);
};

const mode = params.get('mode') === 'flags' ? 'flags' : 'parity';
const picked = params.get('candidates');
const request: ParityRequest =
  mode === 'flags'
    ? {
        mode,
        candidates: picked === null ? CANDIDATES : picked.split(',').map((i) => CANDIDATES[Number(i)]!).filter(Boolean),
        baselines: list('baselines', 'webgl,wasm') as ParityBackend[],
        batch: Number(params.get('batch') ?? 32),
        reps: Number(params.get('reps') ?? 3),
      }
    : { mode, backends: list('backends', 'webgl,wasm,cpu') as ParityBackend[], cases: params.has('cases') ? list('cases', '') : null };

const worker = new Worker(new URL('../worker/parity.worker.ts', import.meta.url), { type: 'module', name: 'distill-parity' });
worker.onmessage = (e: MessageEvent<ParityMessage>) => {
  const m = e.data;
  if (m.type === 'progress') log.textContent += `${m.text}\n`;
  else if (m.type === 'parity') publish({ ok: true, mode, report: m.report });
  else if (m.type === 'flags') publish({ ok: true, mode, rows: m.rows });
  else publish({ ok: false, error: m.error });
};
worker.onerror = (e) => publish({ ok: false, error: `the parity worker crashed: ${e.message}` });
worker.postMessage(request);
