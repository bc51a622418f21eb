import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { io } from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { HistoryArchive } from '../../src/store/history/archive';
import { compareRows, diffSettings } from '../../src/store/history/compare';
import { recordFromRun, runFromRecord, SAVED_RUN_ID, studentFromArtifacts } from '../../src/store/history/fromRun';
import { decodeHistoryFile, encodeHistoryFile, HistoryFileError } from '../../src/store/history/historyFile';
import { historySliceWith } from '../../src/store/history/historySlice';
import type { HistoryRecord, StoredStudent } from '../../src/store/history/records';
import { openHistoryStorage, type HistoryStorage } from '../../src/store/history/storage';
import { createStudioSlices } from '../../src/store/slices';
import { IDLE_RUN, type RunState } from '../../src/store/runState';
import type { StudioState } from '../../src/store/types';
import type { ExperimentResults, ModelResult } from '../../src/engine/train/types';
import { StudentRequests } from '../../src/ui/bridge/studentRequests';
import { csvMeta } from './pytorchSpecs';

const model = (accuracy: number): ModelResult => ({ accuracy, loss: 0.3, agreement: 0.9, params: 10, ece: 0.02, trainMs: 1 });
const RESULTS: ExperimentResults = {
  teacher: model(0.95),
  scratch: model(0.9),
  distilled: model(0.912),
  gainPoints: 1.2,
  samples: [],
  seeds: null,
  sweep: null,
  latency: null,
  trainCounts: { teacher: 100, students: 100 },
};

/** A student with `n` float32 weights holding 0.5, 1.5, 2.5, … (distinctive bytes). */
function student(n: number): StoredStudent {
  const w = new Float32Array(n).map((_, i) => i + 0.5);
  return { topology: { class_name: 'Sequential', config: { layers: [] } }, weightSpecs: [{ name: 'dense/kernel', shape: [n], dtype: 'float32' }], weightData: w.buffer };
}

/** A finished run of spiral with temperature T, finished at `at`. */
function finishedRun(temperature: number, id = 3): RunState {
  return {
    ...IDLE_RUN,
    id,
    status: 'done',
    config: { ...toExperimentConfig(DEFAULT_CONFIG), temperature },
    lossRows: [{ step: 1, teacher: 1.1, scratch: 1.0, distill: 0.9, soft: 0.4, hard: 0.5 }, { step: 2, teacher: 0.8 }],
    epochRows: [{ epoch: 1, teacher: 0.8, scratch: 0.7, distill: 0.75, scratchAgree: 0.7, distillAgree: 0.8 }],
    backend: { name: 'wasm', reason: { code: 'forced' }, notes: [] },
    results: RESULTS,
  };
}

/** A history record of T, saved at `at`, with a student of `n` weights. */
function record(temperature: number, at: number, n = 6): HistoryRecord {
  const r = recordFromRun(finishedRun(temperature), student(n), at);
  if (!r) throw new Error('no record');
  return r;
}

const bytes = (b: ArrayBuffer) => Array.from(new Uint8Array(b));

/** Storage over a fresh fake IndexedDB whose writes fail with `error`. */
async function failingWrites(error: unknown): Promise<HistoryStorage> {
  const real = await openHistoryStorage(new IDBFactory());
  return { ...real, put: () => Promise.reject(error) };
}

describe('history archive on IndexedDB (fake-indexeddb)', () => {
  it('saves, lists newest first, gets, deletes, and a second archive on the same database (a reload) sees the same runs', async () => {
    const factory = new IDBFactory();
    const archive = new HistoryArchive(() => openHistoryStorage(factory));
    const older = record(2, 1000);
    const newer = record(5, 2000, 800 * 8);
    await archive.save(older);
    const snap = await archive.save(newer);
    expect(snap.runs.map((r) => r.config.temperature)).toEqual([5, 2]);
    expect(snap.warning).toBeNull();
    expect(archive.get(older.id)?.name).toBe(older.name);

    const reloaded = new HistoryArchive(() => openHistoryStorage(factory));
    const after = await reloaded.load();
    expect(after.runs.map((r) => r.id)).toEqual([newer.id, older.id]);
    const back = after.runs[0]!;
    expect(back.student).not.toBeNull();
    expect(bytes(back.student!.weightData)).toEqual(bytes(newer.student!.weightData));
    expect(back.epochRows).toEqual(newer.epochRows);
    expect(back.results).toEqual(RESULTS);

    await reloaded.remove(older.id);
    const third = await new HistoryArchive(() => openHistoryStorage(factory)).load();
    expect(third.runs.map((r) => r.id)).toEqual([newer.id]);
  });

  it('saving the same id again updates the run instead of adding one', async () => {
    const archive = new HistoryArchive(() => openHistoryStorage(new IDBFactory()));
    const r = record(2, 1000);
    await archive.save({ ...r, student: null });
    const snap = await archive.save(r);
    expect(snap.runs).toHaveLength(1);
    expect(snap.runs[0]!.student).not.toBeNull();
  });
});

describe('when IndexedDB is unusable', () => {
  it('no IndexedDB at all: warning "unavailable", runs kept in memory for the session', async () => {
    const archive = new HistoryArchive(() => openHistoryStorage(undefined));
    const snap = await archive.save(record(2, 1000));
    expect(snap.warning?.code).toBe('unavailable');
    expect(snap.warning?.detail).toMatch(/not available/);
    expect(snap.runs).toHaveLength(1);
  });

  it('a factory whose open throws (private mode): warning "unavailable" with the browser’s words; delete still works in memory', async () => {
    const broken = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    const archive = new HistoryArchive(() => openHistoryStorage(broken));
    const a = record(2, 1000);
    await archive.save(a);
    await archive.save(record(3, 2000));
    const snap = await archive.remove(a.id);
    expect(snap.warning).toEqual({ code: 'unavailable', detail: 'The operation is insecure.' });
    expect(snap.runs.map((r) => r.config.temperature)).toEqual([3]);
  });

  it('a quota error on save: warning "quota", the run stays listed in memory', async () => {
    const archive = new HistoryArchive(() => failingWrites(new DOMException('Quota exceeded', 'QuotaExceededError')));
    const snap = await archive.save(record(2, 1000));
    expect(snap.warning?.code).toBe('quota');
    expect(snap.runs).toHaveLength(1);
  });

  it('another write error is reported as "write", not as quota', async () => {
    const archive = new HistoryArchive(() => failingWrites(new Error('disk on fire')));
    const snap = await archive.save(record(2, 1000));
    expect(snap.warning).toEqual({ code: 'write', detail: 'disk on fire' });
  });
});

describe('history file export / import', () => {
  it('round trip keeps every field and the weights byte-identical', () => {
    const runs = [record(2, 1000, 800 * 800 + 3), record(5, 2000)];
    const text = encodeHistoryFile(runs);
    const back = decodeHistoryFile(text);
    expect(back).toHaveLength(2);
    for (let i = 0; i < runs.length; i++) {
      const { student: s0, ...rest0 } = runs[i]!;
      const { student: s1, ...rest1 } = back[i]!;
      expect(rest1).toEqual(rest0);
      expect(s1!.weightSpecs).toEqual(s0!.weightSpecs);
      expect(s1!.topology).toEqual(s0!.topology);
      expect(s1!.weightData.byteLength).toBe(s0!.weightData.byteLength);
      expect(Buffer.from(s1!.weightData).equals(Buffer.from(s0!.weightData))).toBe(true);
    }
  });

  it("a CSV run's standardisation statistics (in its config's upload record) come back to the last bit", () => {
    const r = record(2, 1000);
    const featureScaling = { mean: [0.1 + 0.2, -1 / 3, 123456.78901234567], std: [Math.PI, Math.SQRT2, 1] };
    const userData = { ...csvMeta(8, 2), csv: { ...csvMeta(8, 2).csv!, featureScaling } };
    const [back] = decodeHistoryFile(encodeHistoryFile([{ ...r, config: { ...r.config, userData } }]));
    expect(back!.config.userData!.csv!.featureScaling).toEqual(featureScaling);
  });

  it('runs without a student survive the round trip as null', () => {
    const [back] = decodeHistoryFile(encodeHistoryFile([{ ...record(2, 1000), student: null }]));
    expect(back!.student).toBeNull();
  });

  const codeOf = (text: string) => {
    try {
      decodeHistoryFile(text);
    } catch (e) {
      if (e instanceof HistoryFileError) return { code: e.code, run: e.run, field: e.field };
      throw e;
    }
    return null;
  };

  it('corrupt files get specific codes', () => {
    const good = JSON.parse(encodeHistoryFile([record(2, 1000), record(3, 2000)])) as { runs: Record<string, unknown>[]; version: number };
    expect(codeOf('{"format": "distill-studio-hist')).toEqual({ code: 'notJson', run: null, field: null });
    expect(codeOf(JSON.stringify({ format: 'something-else', version: 1, runs: [] }))?.code).toBe('notHistory');
    expect(codeOf(JSON.stringify([1, 2]))?.code).toBe('notHistory');
    expect(codeOf(JSON.stringify({ ...good, version: 99 }))?.code).toBe('newerVersion');

    const noResults = structuredClone(good);
    delete noResults.runs[1]!.results;
    expect(codeOf(JSON.stringify(noResults))).toEqual({ code: 'badRun', run: 1, field: 'results' });

    const badT = structuredClone(good);
    (badT.runs[0]!.config as Record<string, unknown>).temperature = 'hot';
    expect(codeOf(JSON.stringify(badT))).toEqual({ code: 'badRun', run: 0, field: 'config.temperature' });

    const truncated = structuredClone(good);
    const s = truncated.runs[0]!.student as { weightData: string };
    s.weightData = s.weightData.slice(0, -8);
    expect(codeOf(JSON.stringify(truncated))).toEqual({ code: 'badWeights', run: 0, field: null });

    const notBase64 = structuredClone(good);
    (notBase64.runs[1]!.student as { weightData: string }).weightData = '!!!!';
    expect(codeOf(JSON.stringify(notBase64))?.code).toBe('badWeights');

    const wrongDtype = structuredClone(good);
    ((wrongDtype.runs[0]!.student as { weightSpecs: { dtype: string }[] }).weightSpecs[0]!).dtype = 'toString';
    expect(codeOf(JSON.stringify(wrongDtype))?.code).toBe('badWeights');
  });
});

/** A store with the studio's slices and the history over `archive`. */
function newStore(archive: HistoryArchive) {
  return create<StudioState>()((...a) => ({ ...createStudioSlices(...a), ...historySliceWith(archive)(...a) }));
}

describe('history slice', () => {
  it('imports merge without duplicating ids and report counts; a bad file leaves the history untouched with its code', async () => {
    const store = newStore(new HistoryArchive(() => openHistoryStorage(new IDBFactory())));
    const a = record(2, 1000);
    const b = record(3, 2000);
    await store.getState().saveHistoryRun(a);
    const text = encodeHistoryFile([a, b]);
    await store.getState().importHistory(text);
    expect(store.getState().history.importResult).toEqual({ ok: true, added: 1, skipped: 1 });
    expect(store.getState().history.runs.map((r) => r.id)).toEqual([b.id, a.id]);
    await store.getState().importHistory(text);
    expect(store.getState().history.importResult).toEqual({ ok: true, added: 0, skipped: 2 });
    expect(store.getState().history.runs).toHaveLength(2);
    await store.getState().importHistory('not json');
    expect(store.getState().history.importResult).toEqual({ ok: false, code: 'notJson', run: null, field: null });
    expect(store.getState().history.runs).toHaveLength(2);
  });

  it('renames persist; blank names are ignored', async () => {
    const factory = new IDBFactory();
    const store = newStore(new HistoryArchive(() => openHistoryStorage(factory)));
    const a = record(2, 1000);
    await store.getState().saveHistoryRun(a);
    await store.getState().renameHistoryRun(a.id, '  favourite spiral ');
    await store.getState().renameHistoryRun(a.id, '   ');
    expect(store.getState().history.runs[0]!.name).toBe('favourite spiral');
    const reloaded = await new HistoryArchive(() => openHistoryStorage(factory)).load();
    expect(reloaded.runs[0]!.name).toBe('favourite spiral');
    expect(bytes(reloaded.runs[0]!.student!.weightData)).toEqual(bytes(a.student!.weightData));
  });

  it('unavailable IndexedDB sets the warning flag and keeps the run listed', async () => {
    const store = newStore(new HistoryArchive(() => openHistoryStorage(undefined)));
    await store.getState().saveHistoryRun(record(2, 1000));
    expect(store.getState().history.warning?.code).toBe('unavailable');
    expect(store.getState().history.runs).toHaveLength(1);
    expect(store.getState().history.ready).toBe(true);
  });

  it('compare keeps at most two picks and drops deleted runs', async () => {
    const store = newStore(new HistoryArchive(() => openHistoryStorage(new IDBFactory())));
    const [a, b, c] = [record(2, 1), record(3, 2), record(4, 3)];
    for (const r of [a, b, c]) await store.getState().saveHistoryRun(r);
    const { toggleCompare } = store.getState();
    toggleCompare(a.id);
    toggleCompare(b.id);
    toggleCompare(c.id);
    expect(store.getState().history.compare).toEqual([b.id, c.id]);
    toggleCompare(c.id);
    expect(store.getState().history.compare).toEqual([b.id]);
    await store.getState().deleteHistoryRun(b.id);
    expect(store.getState().history.compare).toEqual([]);
  });

  it('viewing a saved run shows it in `run`; live events go to the run put aside; back restores it; Start leaves the view', () => {
    const store = newStore(new HistoryArchive(() => openHistoryStorage(undefined)));
    const live = finishedRun(2, 7);
    store.setState({ run: { ...live, status: 'running', results: null } });
    const saved = runFromRecord(record(5, 1000));
    store.getState().viewSavedRun(saved, 'saved run');
    expect(store.getState().run.id).toBe(SAVED_RUN_ID);
    expect(store.getState().run.config?.temperature).toBe(5);
    store.getState().applyEvents([{ type: 'done', runId: 7, results: RESULTS }]);
    expect(store.getState().run).toBe(saved);
    expect(store.getState().viewing?.live.status).toBe('done');
    store.getState().backToLiveRun();
    expect(store.getState().viewing).toBeNull();
    expect(store.getState().run.id).toBe(7);
    expect(store.getState().run.status).toBe('done');
    store.getState().viewSavedRun(saved, 'saved run');
    store.getState().beginRun(8, live.config!);
    expect(store.getState().viewing).toBeNull();
    expect(store.getState().run.id).toBe(8);
  });
});

describe('records from runs', () => {
  it('only finished (done) runs make records; the name carries dataset, architectures, T and α', () => {
    expect(recordFromRun({ ...finishedRun(2), status: 'stopped' }, null)).toBeNull();
    const r = record(2.5, Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(r.name).toMatch(/^Spiral · MLP [\d·]+ → MLP [\d·]+ · T=2\.5 · α=\d/);
    expect(r.name).toMatch(/2026-01-0\d \d\d:\d\d:05$/);
    const run = runFromRecord(r);
    expect(run.status).toBe('done');
    expect(run.lossCount).toBe(4);
    expect(run.epochRows).toEqual(r.epochRows);
  });

  it('joins split weight data into one buffer and refuses binary topologies', () => {
    const artifacts: io.ModelArtifacts = {
      modelTopology: { a: 1 },
      weightSpecs: [{ name: 'w', shape: [3], dtype: 'float32' }],
      weightData: [new Float32Array([1, 2]).buffer, new Float32Array([3]).buffer],
    };
    const s = studentFromArtifacts(artifacts);
    expect(Array.from(new Float32Array(s!.weightData))).toEqual([1, 2, 3]);
    expect(studentFromArtifacts({ ...artifacts, modelTopology: new ArrayBuffer(4) })).toBeNull();
    expect(studentFromArtifacts(null)).toBeNull();
  });

  it('compare lists only differing settings and merges both runs’ curves by epoch', () => {
    const a = record(2, 1);
    const b = record(4, 2);
    b.config = { ...b.config, student: { kind: 'mlp', hidden: [5], activation: 'relu' } };
    b.epochRows = [...a.epochRows, { epoch: 2, scratch: 0.8, distill: 0.85 }];
    const diffs = diffSettings(a.config, b.config);
    expect(diffs.find((d) => d.path === 'temperature')).toEqual({ path: 'temperature', a: '2', b: '4' });
    expect(diffs.find((d) => d.path === 'student.hidden')?.b).toBe('[5]');
    expect(diffs.some((d) => d.path === 'alpha')).toBe(false);
    expect(compareRows(a, b)).toEqual([
      { epoch: 1, aScratch: 0.7, aDistill: 0.75, bScratch: 0.7, bDistill: 0.75 },
      { epoch: 2, bScratch: 0.8, bDistill: 0.85 },
    ]);
  });
});

describe('student requests of the worker bridge', () => {
  it('an answer for a waiting run settles the request instead of becoming a download', async () => {
    const requests = new StudentRequests();
    const artifacts: io.ModelArtifacts = { modelTopology: {} };
    const pending = requests.add(4);
    expect(requests.settle({ type: 'exported', runId: 5, artifacts })).toBe(false);
    expect(requests.settle({ type: 'exported', runId: 4, artifacts })).toBe(true);
    await expect(pending).resolves.toBe(artifacts);
    expect(requests.settle({ type: 'exported', runId: 4, artifacts })).toBe(false);
    const failed = requests.add(6);
    requests.failAll('worker crashed');
    await expect(failed).rejects.toThrow('worker crashed');
  });
});
