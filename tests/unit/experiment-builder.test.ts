import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/data/registry';
import { buildModel } from '../../src/engine/models/build';
import { resumeConflicts } from '../../src/engine/train/resumeFit';
import type { ExperimentConfig, PretrainedTeacherRef } from '../../src/engine/train/types';
import { useStudio } from '../../src/store';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { buildExperiment, experimentOf } from '../../src/store/experimentOf';
import { afterWorkerEvent, continueHalted, forgetCheckpoint, haltedConflicts, offerConflicts, offerSavedRun, resumedTeacherName, settledWrites, takeOffer } from '../../src/ui/bridge/survival';
import { saveActiveRun, type SavedRun } from '../../src/ui/bridge/unfinishedRunDb';
import { serializeModel } from '../../src/worker/exportModel';
import type { PretrainedTeacherInfo } from '../../src/worker/modelMessages';
import { fingerprintOf, PretrainedStore } from '../../src/worker/pretrainedTeachers';
import { useCpu } from './tfSetup';

const TEACHER: PretrainedTeacherRef = { id: 'teacher-1', name: 'model.json', fingerprint: 'aa'.repeat(32) };

/** What the UI holds after the worker answered `teacherLoaded` for `ref`. */
function loaded(ref: PretrainedTeacherRef, format: 'tfjs' | 'onnx' = 'tfjs'): PretrainedTeacherInfo {
  return { ref, params: 51, layerTypes: ['Dense', 'Dense'], inputShape: [2], numClasses: 3, quantization: [], softmaxRemoved: false, warnings: [], format };
}

/** Puts `info` in the store as the loaded teacher (or none). */
function holdTeacher(info: PretrainedTeacherInfo | null): void {
  if (info) useStudio.getState().applyModelEvent({ type: 'teacherLoaded', requestId: useStudio.getState().beginModelRequest('teacher', [info.ref.name]), info });
  else useStudio.setState((s) => ({ models: { ...s.models, teacher: { status: 'idle', fileNames: [], info: null, error: null } } }));
}

/** A run of the current settings that checkpointed once and then diverged. */
function divergedRun(): ExperimentConfig {
  const experiment = experimentOf(useStudio.getState());
  useStudio.getState().beginRun(7, experiment);
  useStudio.getState().applyEvents([{ type: 'phase', runId: 7, phase: 'scratch', epochs: 6, stepsPerEpoch: 10, context: null }]);
  afterWorkerEvent({ type: 'checkpoint', runId: 7, phase: 'scratch', epoch: 2, epochs: 6, data: new ArrayBuffer(8) });
  useStudio.getState().applyEvents([{ type: 'halted', runId: 7, halt: { reason: 'diverged', phase: 'scratch', step: 25, value: Number.NaN } }]);
  return experiment;
}

beforeAll(async () => {
  await useCpu();
});

beforeEach(() => {
  forgetCheckpoint();
  useStudio.setState({ config: { ...DEFAULT_CONFIG } });
  holdTeacher(null);
});

describe('the one experiment builder', () => {
  it('references the loaded teacher; an ONNX teacher turns off what needs it live; none: the studio trains its own', () => {
    expect(experimentOf(useStudio.getState()).pretrainedTeacher).toBeNull();
    holdTeacher(loaded(TEACHER));
    expect(experimentOf(useStudio.getState()).pretrainedTeacher).toEqual(TEACHER);
    holdTeacher(loaded(TEACHER, 'onnx'));
    useStudio.setState((s) => ({ config: { ...s.config, augment: 'all' } }));
    const onnx = experimentOf(useStudio.getState());
    expect(onnx.pretrainedTeacher).toEqual(TEACHER);
    expect(onnx.teacherLive).toBe(false);
    expect(onnx.augment).toBe('off');
    // A saved run's settings go through the same builder, with the page's data and teacher.
    expect(buildExperiment({ ...DEFAULT_CONFIG, epochs: 9 }, useStudio.getState())).toEqual({ ...experimentOf({ ...useStudio.getState(), config: { ...DEFAULT_CONFIG, epochs: 9 } }) });
  });
});

describe('resume conflicts and the loaded teacher', () => {
  const base = buildExperiment(DEFAULT_CONFIG, useStudio.getState());
  it('lists the teacher when it is gone, added or other files; the same files under a new id are the same teacher', () => {
    const withTeacher = { ...base, pretrainedTeacher: TEACHER };
    expect(resumeConflicts(withTeacher, withTeacher)).toEqual([]);
    expect(resumeConflicts(withTeacher, { ...base, pretrainedTeacher: null })).toEqual(['pretrainedTeacher']);
    expect(resumeConflicts(base, withTeacher)).toEqual(['pretrainedTeacher']);
    expect(resumeConflicts(withTeacher, { ...base, pretrainedTeacher: { ...TEACHER, fingerprint: 'bb'.repeat(32) } })).toEqual(['pretrainedTeacher']);
    expect(resumeConflicts(withTeacher, { ...base, pretrainedTeacher: { ...TEACHER, id: 'teacher-2' } })).toEqual([]);
    // Without a fingerprint (older saved runs), only the worker's own handle identifies it.
    const noPrint = { ...base, pretrainedTeacher: { id: 'teacher-1', name: 'model.json' } };
    expect(resumeConflicts(noPrint, { ...base, pretrainedTeacher: { id: 'teacher-2', name: 'model.json' } })).toEqual(['pretrainedTeacher']);
    expect(resumeConflicts(noPrint, noPrint)).toEqual([]);
  });
});

describe('continuing a halted run keeps its loaded teacher', () => {
  it('a diverged run with a loaded teacher continues with that teacher', () => {
    holdTeacher(loaded(TEACHER));
    const started = divergedRun();
    expect(started.pretrainedTeacher).toEqual(TEACHER);
    useStudio.setState((s) => ({ config: { ...s.config, learningRate: s.config.learningRate / 10 } }));
    expect(haltedConflicts()).toEqual([]);
    const c = continueHalted();
    expect(c.experiment.pretrainedTeacher).toEqual(TEACHER);
    expect(c.experiment.learningRate).toBeCloseTo(started.learningRate / 10, 12);
    expect(c.saved?.epoch).toBe(2);
  });

  it('a teacher removed (or lost with a crashed worker) during the halt is a conflict until the same files are loaded again', () => {
    holdTeacher(loaded(TEACHER));
    divergedRun();
    holdTeacher(null);
    expect(haltedConflicts()).toEqual(['pretrainedTeacher']);
    expect(resumedTeacherName()).toBe('model.json');
    holdTeacher(loaded({ ...TEACHER, id: 'teacher-1', fingerprint: 'cc'.repeat(32) }));
    expect(haltedConflicts()).toEqual(['pretrainedTeacher']);
    holdTeacher(loaded({ ...TEACHER, id: 'teacher-2' }));
    expect(haltedConflicts()).toEqual([]);
    expect(continueHalted().experiment.pretrainedTeacher).toEqual({ ...TEACHER, id: 'teacher-2' });
  });
});

describe('resuming after a reload with a loaded teacher', () => {
  it('says the teacher must be loaded again, then resumes with it (the new worker’s id)', async () => {
    const uiConfig = { ...DEFAULT_CONFIG, epochs: 6 };
    const experiment = { ...buildExperiment(uiConfig, useStudio.getState()), pretrainedTeacher: TEACHER };
    const saved: SavedRun = { savedAt: 1, uiConfig, experiment, backend: 'auto', phase: 'distill', epoch: 3, epochs: 6, data: new ArrayBuffer(8), lossRows: [], epochRows: [], lossCount: 0 };
    await settledWrites();
    await saveActiveRun(saved);
    useStudio.setState((s) => ({ run: { ...s.run, status: 'idle' } }));
    await offerSavedRun();
    // After the reload the new worker holds no teacher.
    expect(offerConflicts()).toEqual(['pretrainedTeacher']);
    expect(resumedTeacherName()).toBe('model.json');
    holdTeacher(loaded({ ...TEACHER, id: 'teacher-1' }));
    expect(offerConflicts()).toEqual([]);
    const c = takeOffer();
    expect(c?.experiment.pretrainedTeacher).toEqual(TEACHER);
    expect(c?.experiment.epochs).toBe(6);
    expect(c?.saved?.epoch).toBe(3);
  });
});

describe('fingerprints of loaded teachers', () => {
  it('the same files loaded into two workers get different ids and one fingerprint, which the continued run finds', async () => {
    const source = buildModel({ kind: 'mlp', hidden: [4], activation: 'relu' }, [2], 3, 'fp_teacher');
    const a = await serializeModel(source);
    const json = JSON.stringify({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] });
    const bytes = a.weightData as ArrayBuffer;
    const first = new PretrainedStore();
    const second = new PretrainedStore();
    await second.load('model.json', json, [{ name: 'weights.bin', bytes: bytes.slice(0) }], { inputShape: [2], numClasses: 3 }); // teacher-1 there
    const one = await first.load('model.json', json, [{ name: 'weights.bin', bytes: bytes.slice(0) }], { inputShape: [2], numClasses: 3 });
    const two = await second.load('model.json', json, [{ name: 'weights.bin', bytes: bytes.slice(0) }], { inputShape: [2], numClasses: 3 });
    if ('code' in one || 'code' in two) throw new Error('the teacher did not load');
    expect(one.ref.id).not.toBe(two.ref.id);
    expect(one.ref.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(two.ref.fingerprint).toBe(one.ref.fingerprint);
    // One changed weight byte is another teacher.
    const changed = new Uint8Array(bytes.slice(0));
    changed[0] = changed[0]! ^ 1;
    const other = await first.load('model.json', json, [{ name: 'weights.bin', bytes: changed.buffer }], { inputShape: [2], numClasses: 3 });
    if ('code' in other) throw new Error('the teacher did not load');
    expect(other.ref.fingerprint).not.toBe(one.ref.fingerprint);
    // The continued run's config (the teacher loaded again) finds the model in the worker that holds it.
    const base = buildExperiment(DEFAULT_CONFIG, useStudio.getState());
    expect(resumeConflicts({ ...base, pretrainedTeacher: one.ref }, { ...base, pretrainedTeacher: two.ref })).toEqual([]);
    const data = await DATASETS.spiral.load({ seed: base.seed, noise: base.noise, samples: base.samples }, () => {});
    const run = second.forRun({ ...base, pretrainedTeacher: two.ref }, data);
    expect(run && 'kind' in run ? run.kind : run).toBe('tfjs');
    first.remove(other.ref.id);
    second.remove(two.ref.id);
    source.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('hashes each part with its length: hand-checked against SHA-256 of the framed bytes', async () => {
    const print = await fingerprintOf([new Uint8Array([1, 2]), new Uint8Array([])]);
    // 02 00 00 00 00 00 00 00 01 02 | 00 × 8: the same bytes hashed directly.
    const framed = new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    const direct = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', framed)), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(print).toBe(direct);
    expect(await fingerprintOf([new Uint8Array([1]), new Uint8Array([2])])).not.toBe(print);
  });
});
