import type { io } from '@tensorflow/tfjs-core';
import { datasetMeta } from '../../engine/data/meta';
import type { ArchSpec } from '../../engine/models/spec';
import type { ExperimentConfig } from '../../engine/train/types';
import { readBackendInfo } from '../../worker/backendReason';
import { IDLE_RUN, type RunState } from '../runState';
import type { HistoryRecord, StoredStudent, StoredWeightSpec } from './records';

/** Id given to a saved run while it is shown, so no worker event ever matches it. */
export const SAVED_RUN_ID = -1;

/** A short architecture label for run names, e.g. `MLP 64·64` or `CNN 4 layers`. */
function archLabel(spec: ArchSpec): string {
  return spec.kind === 'mlp' ? `MLP ${spec.hidden.length ? spec.hidden.join('·') : '0'}` : `CNN ×${spec.layers.length}`;
}

/** `2026-11-28 03:40:12` in local time. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The dataset's name without its parenthesised details, e.g. `Spiral` for `Spiral (2-D, 3 classes)`. */
export function shortDatasetName(config: ExperimentConfig): string {
  const name = datasetMeta(config).name;
  return name.replace(/\s*\([^)]*\)$/, '') || name;
}

/** A run's derived name: dataset, architectures, T, α and when it finished. */
export function deriveRunName(config: ExperimentConfig, createdAt: number): string {
  const data = shortDatasetName(config);
  return `${data} · ${archLabel(config.teacher)} → ${archLabel(config.student)} · T=${config.temperature} · α=${config.alpha} · ${stamp(createdAt)}`;
}

/** A fresh random record id. */
export function newRecordId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The worker's exported artifacts as a stored student (weights joined into one ArrayBuffer); null when unusable. */
export function studentFromArtifacts(artifacts: io.ModelArtifacts | null): StoredStudent | null {
  if (!artifacts || !artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) return null;
  if (!artifacts.weightSpecs || artifacts.weightData === undefined) return null;
  const parts = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  const joined = new Uint8Array(parts.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of parts) {
    joined.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return {
    topology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs.map((w): StoredWeightSpec => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })),
    weightData: joined.buffer,
    ...(artifacts.generatedBy ? { generatedBy: artifacts.generatedBy } : {}),
  };
}

/** A history record of a finished (status done) run; null when the run has not finished successfully. */
export function recordFromRun(run: RunState, student: StoredStudent | null, createdAt = Date.now()): HistoryRecord | null {
  if (run.status !== 'done' || !run.config || !run.results) return null;
  return {
    id: newRecordId(),
    name: deriveRunName(run.config, createdAt),
    createdAt,
    config: run.config,
    results: run.results,
    lossRows: run.lossRows,
    epochRows: run.epochRows,
    marks: run.marks,
    trials: run.trials,
    backend: run.backend,
    student,
  };
}

/** The saved run as a finished RunState, to show it in the main charts and tables. */
export function runFromRecord(record: HistoryRecord): RunState {
  const last = record.epochRows[record.epochRows.length - 1];
  return {
    ...IDLE_RUN,
    id: SAVED_RUN_ID,
    status: 'done',
    config: record.config,
    phase: 'distill',
    epoch: last ? last.epoch : 0,
    epochs: record.config.epochs,
    backend: record.backend && readBackendInfo(record.backend), // records saved before reasons became codes
    lossRows: record.lossRows,
    epochRows: record.epochRows,
    lossCount: record.lossRows.reduce((n, r) => n + (r.teacher !== undefined ? 1 : 0) + (r.assistant !== undefined ? 1 : 0) + (r.scratch !== undefined ? 1 : 0) + (r.distill !== undefined ? 1 : 0), 0),
    marks: record.marks,
    trials: record.trials,
    results: record.results,
  };
}

/** The stored student as tfjs artifacts again (for the download). */
export function artifactsFromStudent(student: StoredStudent): io.ModelArtifacts {
  return {
    modelTopology: student.topology,
    format: 'layers-model',
    generatedBy: student.generatedBy,
    weightSpecs: student.weightSpecs,
    weightData: student.weightData.slice(0),
  };
}
