// The kernel parity page (parity.html). Runs in a worker, like the studio's training:
//   ?mode=parity&backends=webgl,wasm,cpu[&cases=conv-relu,maxpool]  each backend against the CPU reference
//     [&overrides=WEBGL_PACK:false  diagnostic flag overrides on top of activateBackend's; never used by the spec];
//   ?mode=flags[&candidates=0,1][&workloads=cnn,mlp][&batch=32][&reps=3][&parity=1]  times the candidate flag sets
//     below (each on top of the app's flags) and, with parity=1, runs every parity case under each.
// The result is published on window.__parity: { ok: true, mode, report | rows } or { ok: false, error }.
import type { FlagCandidate, FlagWorkload, ParityBackend, ParityMessage, ParityRequest } from '../engine/parity';

/** tfjs's defaults for the WebGPU flags that steer convolution and matmul (tfjs-backend-webgpu 4.22 flags_webgpu.js). */
const WEBGPU_DEFAULTS = {
  WEBGPU_CONV_SEPARATE_IM2COL_SHADER: false,
  WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: true,
  WEBGPU_MATMUL_PROGRAM_TYPE: -1,
  WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL: -1,
  WEBGPU_CPU_FORWARD: true,
} satisfies FlagCandidate['flags'];

/** The flag sets measured in flags mode; WebGPU ones are fully specified, independent of what the app sets. */
const CANDIDATES: FlagCandidate[] = [
  { backend: 'webgpu', label: 'tfjs defaults', flags: WEBGPU_DEFAULTS },
  { backend: 'webgpu', label: 'im2col shader', flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true } },
  { backend: 'webgpu', label: 'matmul-based conv input gradient', flags: { ...WEBGPU_DEFAULTS, WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false } },
  {
    backend: 'webgpu',
    label: 'im2col + matmul-based conv input gradient',
    flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false },
  },
  { backend: 'webgpu', label: 'im2col + packed matmul always', flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 3 } },
  { backend: 'webgpu', label: 'im2col + small-output matmul always', flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 2 } },
  {
    backend: 'webgpu',
    label: 'im2col + workgroup threshold 64',
    flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL: 64 },
  },
  { backend: 'webgpu', label: 'im2col, no CPU forwarding', flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_CPU_FORWARD: false } },
  {
    backend: 'webgpu',
    label: 'im2col + packed matmul + matmul-based conv input gradient',
    flags: { ...WEBGPU_DEFAULTS, WEBGPU_CONV_SEPARATE_IM2COL_SHADER: true, WEBGPU_MATMUL_PROGRAM_TYPE: 3, WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false },
  },
  { backend: 'webgpu', label: 'the app (activateBackend)', flags: {} },
  { backend: 'webgl', label: 'the app (activateBackend)', flags: {} },
  { backend: 'webgl', label: 'tfjs defaults', flags: { WEBGL_USE_SHAPES_UNIFORMS: false } },
  { backend: 'webgl', label: 'no packed binary ops, no shape uniforms', flags: { WEBGL_PACK_BINARY_OPERATIONS: false, WEBGL_USE_SHAPES_UNIFORMS: false } },
  { backend: 'webgl', label: 'no packing, no shape uniforms', flags: { WEBGL_PACK: false, WEBGL_USE_SHAPES_UNIFORMS: false } },
  { backend: 'wasm', label: 'the app (activateBackend)', flags: {} },
  { backend: 'cpu', label: 'the app (activateBackend)', flags: {} },
];

const params = new URLSearchParams(location.search);
const list = (key: string, fallback: string) => (params.get(key) ?? fallback).split(',').filter(Boolean);
const log = document.getElementById('log')!;
const out = document.getElementById('out')!;
const publish = (value: unknown) => {
  (window as Window & { __parity?: unknown }).__parity = value;
  out.textContent = JSON.stringify(value, null, 2);
};
/** "K:true,L:3" → { K: true, L: 3 }. */
const flagList = (text: string): FlagCandidate['flags'] =>
  Object.fromEntries(text.split(',').filter(Boolean).map((kv) => kv.split(':')).map(([k, v]) => [k!, v === 'true' ? true : v === 'false' ? false : Number(v)]));

const mode = params.get('mode') === 'flags' ? 'flags' : 'parity';
const picked = params.get('candidates');
const request: ParityRequest =
  mode === 'flags'
    ? {
        mode,
        candidates: picked === null ? CANDIDATES : picked.split(',').flatMap((i) => CANDIDATES[Number(i)] ?? []),
        workloads: list('workloads', 'cnn,mlp') as FlagWorkload[],
        batch: Number(params.get('batch') ?? 32),
        reps: Number(params.get('reps') ?? 3),
        checkParity: params.get('parity') === '1',
      }
    : {
        mode,
        backends: list('backends', 'webgl,wasm,cpu') as ParityBackend[],
        cases: params.has('cases') ? list('cases', '') : null,
        overrides: flagList(params.get('overrides') ?? ''),
      };

// The candidate list, for scripts/measure-webgpu-flags.mjs (which opens one fresh page per candidate).
(window as Window & { __parityCandidates?: unknown }).__parityCandidates = CANDIDATES.map(({ backend, label, flags }) => ({ backend, label, flags }));

const worker = new Worker(new URL('../worker/kernelParity.worker.ts', import.meta.url), { type: 'module', name: 'distill-parity' });
worker.onmessage = (e: MessageEvent<ParityMessage>) => {
  const m = e.data;
  if (m.type === 'progress') log.textContent += `${m.text}\n`;
  else if (m.type === 'parity') publish({ ok: true, mode, report: m.report });
  else if (m.type === 'flags') publish({ ok: true, mode, rows: m.rows });
  else publish({ ok: false, error: m.error });
};
worker.onerror = (e) => publish({ ok: false, error: `the parity worker crashed: ${e.message}` });
worker.postMessage(request);
