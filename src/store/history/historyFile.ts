import { isDatasetId } from '../../engine/data/registry';
import { readBackendInfo } from '../../worker/backendReason';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { HistoryRecord, StoredStudent, StoredWeightSpec } from './records';

/** `format` field of an exported history file. */
export const HISTORY_FILE_FORMAT = 'distill-studio-history';
/** Version of the file layout this build writes and reads. */
export const HISTORY_FILE_VERSION = 1;
/** Suggested file name of an export. */
export const HISTORY_FILE_NAME = 'distill-studio-history.json';

/** Largest history file the studio imports (its text, the parsed JSON and the decoded weights are all in memory at once). */
export const MAX_HISTORY_FILE_BYTES = 200 * 1024 * 1024;

/** Why an import file was refused: a code the UI translates, with the run index and field when they apply. */
export class HistoryFileError extends Error {
  constructor(
    readonly code: 'notJson' | 'notHistory' | 'newerVersion' | 'badRun' | 'badWeights' | 'tooLarge',
    readonly run: number | null = null,
    readonly field: string | null = null,
  ) {
    super(`${code}${run !== null ? ` (run ${run + 1}${field ? `, ${field}` : ''})` : ''}`);
    this.name = 'HistoryFileError';
  }
}

const BYTES: Record<StoredWeightSpec['dtype'], number | undefined> = { float32: 4, int32: 4, bool: 1, complex64: 8, string: undefined };

/** Writes runs as one JSON text, with each student's weights as base64. */
export function encodeHistoryFile(runs: readonly HistoryRecord[]): string {
  return JSON.stringify({
    format: HISTORY_FILE_FORMAT,
    version: HISTORY_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    runs: runs.map((r) => ({ ...r, student: r.student ? { ...r.student, weightData: bytesToBase64(r.student.weightData) } : null })),
  });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads an exported history file; throws a `HistoryFileError` saying what is wrong. */
export function decodeHistoryFile(text: string): HistoryRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HistoryFileError('notJson');
  }
  if (!isObj(data) || data.format !== HISTORY_FILE_FORMAT || !Array.isArray(data.runs)) throw new HistoryFileError('notHistory');
  if (!isNum(data.version) || data.version > HISTORY_FILE_VERSION) throw new HistoryFileError('newerVersion');
  return data.runs.map((run, i) => decodeRun(run, i));
}

/** Validates one run of the file and returns it as a record (weights decoded to an ArrayBuffer). */
function decodeRun(run: unknown, i: number): HistoryRecord {
  const bad = (field: string) => new HistoryFileError('badRun', i, field);
  if (!isObj(run)) throw bad('run');
  if (typeof run.id !== 'string' || run.id === '') throw bad('id');
  if (typeof run.name !== 'string') throw bad('name');
  if (!isNum(run.createdAt)) throw bad('createdAt');
  const config = run.config;
  if (!isObj(config)) throw bad('config');
  if (typeof config.dataset !== 'string' || !isDatasetId(config.dataset)) throw bad('config.dataset');
  for (const k of ['temperature', 'alpha', 'epochs', 'batchSize', 'learningRate', 'seed']) if (!isNum(config[k])) throw bad(`config.${k}`);
  for (const k of ['teacher', 'student']) {
    const arch = config[k];
    if (!isObj(arch) || (arch.kind !== 'mlp' && arch.kind !== 'cnn')) throw bad(`config.${k}`);
  }
  const results = run.results;
  if (!isObj(results)) throw bad('results');
  for (const k of ['teacher', 'scratch', 'distilled']) {
    const m = results[k];
    if (!isObj(m) || !isNum(m.accuracy) || !isNum(m.loss) || !isNum(m.params)) throw bad(`results.${k}`);
  }
  if (!isNum(results.gainPoints)) throw bad('results.gainPoints');
  if (!Array.isArray(run.lossRows) || !run.lossRows.every((r) => isObj(r) && isNum(r.step))) throw bad('lossRows');
  if (!Array.isArray(run.epochRows) || !run.epochRows.every((r) => isObj(r) && isNum(r.epoch))) throw bad('epochRows');
  if (run.marks !== undefined && !Array.isArray(run.marks)) throw bad('marks');
  if (run.trials !== undefined && !Array.isArray(run.trials)) throw bad('trials');
  // Files written before reasons became codes carry English sentences: read as legacy text.
  const backend = run.backend === null ? null : readBackendInfo(run.backend);
  if (run.backend !== null && backend === null) throw bad('backend');
  const record = { ...run, backend, marks: run.marks ?? [], trials: run.trials ?? [], student: decodeStudent(run.student, i) };
  return record as unknown as HistoryRecord;
}

/** Validates a stored student: topology, weight specs, and base64 weights of exactly the specs' size. */
function decodeStudent(student: unknown, i: number): StoredStudent | null {
  if (student === null || student === undefined) return null;
  const bad = () => new HistoryFileError('badWeights', i);
  if (!isObj(student) || !isObj(student.topology) || !Array.isArray(student.weightSpecs) || typeof student.weightData !== 'string') throw bad();
  let expected = 0;
  for (const spec of student.weightSpecs as unknown[]) {
    if (!isObj(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw bad();
    const bytes = typeof spec.dtype === 'string' && Object.hasOwn(BYTES, spec.dtype) ? BYTES[spec.dtype as StoredWeightSpec['dtype']] : undefined;
    if (bytes === undefined) throw bad();
    expected += (spec.shape as number[]).reduce((a, b) => a * b, 1) * bytes;
  }
  let weightData: ArrayBuffer;
  try {
    weightData = base64ToBytes(student.weightData);
  } catch {
    throw bad();
  }
  if (weightData.byteLength !== expected) throw bad();
  return {
    topology: student.topology,
    weightSpecs: student.weightSpecs as StoredWeightSpec[],
    weightData,
    ...(typeof student.generatedBy === 'string' ? { generatedBy: student.generatedBy } : {}),
  };
}
