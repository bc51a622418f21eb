import { PYTORCH_FILE, PyTorchExportError, toPyTorchScript, type HyperChange } from '../../engine/export/pytorchScript';
import type { ExperimentConfig } from '../../engine/train/types';
import { DATASETS } from '../../engine/data/registry';

export { PYTORCH_FILE };

/** The address the studio serves its files from (the script's default `--data-url` is its `datasets/` folder). */
function studioAddress(): string | undefined {
  if (typeof location === 'undefined' || !/^https?:$/.test(location.protocol)) return undefined;
  return new URL(import.meta.env.BASE_URL ?? '/', location.href).href;
}

/** The Python script that reruns a run's experiment in PyTorch, with its live T/α changes (throws `PyTorchExportError`). */
export function pytorchScriptOf(config: ExperimentConfig, changes: readonly HyperChange[] = []): string {
  const dataUrl = studioAddress();
  return toPyTorchScript(config, { changes, ...(dataUrl ? { dataUrl } : {}) });
}

/** The catalogue key and parameters of an export refusal, or null for an unexpected error. */
export function exportRefusal(e: unknown): { key: string; params: Record<string, string | number> } | null {
  if (!(e instanceof PyTorchExportError)) return null;
  return { key: `export.pytorchRefused.${e.code}`, params: { ...e.params, detail: e.message } };
}

/** True when the script cannot rebuild the run's data itself (pictures: a folder or the generated colour set) and needs --data. */
export function needsPreparedData(config: ExperimentConfig): boolean {
  if (config.userData) return Boolean(config.userData.imageFolder);
  const entry = DATASETS[config.dataset];
  return !entry.toy && !('files' in entry && entry.files && entry.files.length > 0);
}
