import type { TFunction } from 'i18next';
import type { BackendNote, BackendReason, WebGpuStatus } from '../worker/backendReason';
import type { BackendInfo } from '../worker/protocol';

/** A backend's reason and notes, worded in the UI's language. */
export interface BackendText {
  reason: string;
  notes: string[];
}

/** What the WebGPU probe found, as a phrase. */
export function describeWebGpu(status: WebGpuStatus, t: TFunction<'app'>): string {
  switch (status.code) {
    case 'missing':
      return t('backendReason.gpuMissing');
    case 'requestFailed':
      return t('backendReason.gpuRequestFailed', { error: status.error });
    case 'noAdapter':
      return t('backendReason.gpuNoAdapter');
    case 'adapter': {
      const adapter = status.adapter || t('backendReason.gpuUnknownAdapter');
      return status.software ? t('backendReason.gpuSoftware', { adapter }) : t('backendReason.gpuHardware', { adapter });
    }
  }
}

/** Why a backend runs, as one sentence. */
export function describeReason(name: string, reason: BackendReason, t: TFunction<'app'>): string {
  switch (reason.code) {
    case 'forced':
      return t('backendReason.forced', { name });
    case 'fellThrough':
      return t('backendReason.fellThrough', { chosen: reason.chosen, name });
    case 'webgpuHardware':
      return t('backendReason.webgpu', { status: describeWebGpu(reason.webgpu, t) });
    case 'benchmarked': {
      const status = describeWebGpu(reason.webgpu, t);
      const why = reason.timings.some((m) => m.name === 'webgpu')
        ? t('backendReason.webgpuTimed', { status })
        : reason.webgpu.code === 'adapter'
          ? t('backendReason.webgpuTooSlow', { status })
          : t('backendReason.webgpu', { status });
      const [best, runnerUp] = reason.timings;
      const faster =
        best && runnerUp ? t('backendReason.faster', { best: best.name, ratio: (runnerUp.ms / best.ms).toFixed(1), runnerUp: runnerUp.name }) : '';
      const timings = reason.timings.map((m) => t('backendReason.timing', { name: m.name, ms: m.ms.toFixed(1) })).join(t('backendReason.timingSeparator'));
      return `${why}${faster}${t('backendReason.measured', { timings })}${reason.cached ? t('backendReason.cached') : ''}`;
    }
    case 'switched':
      return reason.cause === 'device-lost'
        ? t('backendReason.switchedDeviceLost', { name, from: reason.from })
        : t('backendReason.switchedKernel', { name, from: reason.from });
    case 'legacy':
      return reason.text;
  }
}

/** One fall-through or exclusion, as one sentence (tfjs's error text stays as it is). */
export function describeNote(note: BackendNote, t: TFunction<'app'>): string {
  switch (note.code) {
    case 'initFailed':
      return t('backendReason.noteInitFailed', { backend: note.backend, error: note.error });
    case 'cannotTrain':
      return t('backendReason.noteCannotTrain', { backend: note.backend, error: note.error });
    case 'softwareWebgl':
      return t('backendReason.noteSoftwareWebgl', { renderer: note.renderer });
    case 'cpuNotTimed':
      return t('backendReason.noteCpuNotTimed');
    case 'legacy':
      return note.text;
  }
}

/** The WASM thread pool, as a phrase for the status line ('' for other backends). */
export function describeThreads(info: BackendInfo, t: TFunction<'app'>): string {
  if (!info.threads) return '';
  return info.threads.isolated
    ? t('backendReason.threads', { count: info.threads.count })
    : t('backendReason.threadsNotIsolated');
}

/** A backend's reason and notes in the language of `t`. */
export function describeBackend(info: BackendInfo, t: TFunction<'app'>): BackendText {
  return { reason: describeReason(info.name, info.reason, t), notes: info.notes.map((n) => describeNote(n, t)) };
}
