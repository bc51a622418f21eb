import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { resumeConflicts } from '../../src/engine/train/resumeFit';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { isFinished, newRun, reduceRun, type RunState } from '../../src/store/runState';
import type { StudioState } from '../../src/store/types';
import { createStudioSlices } from '../../src/store/slices';
import { clearActiveRun, loadActiveRun, saveActiveRun, type SavedRun } from '../../src/ui/bridge/unfinishedRunDb';

const CONFIG = toExperimentConfig(DEFAULT_CONFIG);
const running = (): RunState => ({ ...newRun(4, CONFIG), status: 'running', phase: 'teacher', epochs: 6 });

describe('run reducer: checkpoints, halts and backend switches', () => {
  it('a resumed phase starts at its saved epoch', () => {
    const run = reduceRun(running(), { type: 'phase', runId: 4, phase: 'scratch', epochs: 6, stepsPerEpoch: 38, context: null, fromEpoch: 2 });
    expect(run.epoch).toBe(2);
    expect(reduceRun(running(), { type: 'phase', runId: 4, phase: 'scratch', epochs: 6, stepsPerEpoch: 38, context: null }).epoch).toBe(0);
  });

  it('records the newest checkpoint of its own run only', () => {
    const data = new ArrayBuffer(8);
    const run = reduceRun(running(), { type: 'checkpoint', runId: 4, phase: 'teacher', epoch: 2, epochs: 6, data });
    expect(run.checkpoint).toEqual({ phase: 'teacher', epoch: 2, epochs: 6 });
    expect(reduceRun(run, { type: 'checkpoint', runId: 3, phase: 'distill', epoch: 1, epochs: 6, data }).checkpoint).toEqual({ phase: 'teacher', epoch: 2, epochs: 6 });
  });

  it('a halt pauses the run with its reason and unlocks the settings; the curves stay', () => {
    const before = { ...running(), lossRows: [{ step: 1, teacher: 1.2 }], lossCount: 1 };
    const run = reduceRun(before, { type: 'halted', runId: 4, halt: { reason: 'diverged', phase: 'teacher', step: 9, value: Number.NaN } });
    expect(run.status).toBe('halted');
    expect(run.halt).toEqual({ reason: 'diverged', phase: 'teacher', step: 9, value: Number.NaN });
    expect(run.error).toBeNull();
    expect(run.lossRows).toBe(before.lossRows);
    expect(isFinished(run.status)).toBe(true);
    // A late pause/resume acknowledgement does not revive it.
    expect(reduceRun(run, { type: 'resumed', runId: 4 }).status).toBe('halted');
  });

  it('a backend switch replaces the backend, is listed, and rewinds the curves to the checkpoint', () => {
    const info = { name: 'webgl' as const, reason: { code: 'switched' as const, from: 'webgpu' as const, cause: 'device-lost' as const }, notes: [] };
    // Teacher: 2 epochs of 3 steps trained; scratch: 2 steps; the checkpoint is after teacher epoch 1 (step 3).
    const lossRows = [1, 2, 3, 4, 5, 6].map((step) => ({ step, teacher: 1 / step, ...(step <= 2 ? { scratch: 2 / step } : {}) }));
    const epochRows = [{ epoch: 1, teacher: 0.5 }, { epoch: 2, teacher: 0.7 }];
    const before = { ...running(), lossRows, epochRows, lossCount: 8 };
    const run = reduceRun(before, { type: 'backendSwitched', runId: 4, from: 'webgpu', cause: 'device-lost', info, phase: 'teacher', epoch: 1, step: 3 });
    expect(run.lossRows).toEqual([{ step: 1, teacher: 1 }, { step: 2, teacher: 0.5 }, { step: 3, teacher: 1 / 3 }]);
    expect(run.epochRows).toEqual([{ epoch: 1, teacher: 0.5 }]);
    expect(run.lossCount).toBe(3);
    // Without a checkpoint everything is trained again.
    const fresh = reduceRun(before, { type: 'backendSwitched', runId: 4, from: 'webgpu', cause: 'device-lost', info, phase: null, epoch: 0, step: 0 });
    expect(fresh).toMatchObject({ lossRows: [], epochRows: [], lossCount: 0 });
    // A later checkpoint keeps the finished phases whole, including the distillation parts.
    const distillRows = [{ step: 1, teacher: 1, scratch: 1, distill: 3, soft: 2, hard: 1 }, { step: 2, teacher: 1, scratch: 1, distill: 2, soft: 1, hard: 1 }];
    const later = reduceRun({ ...before, lossRows: distillRows, epochRows: [{ epoch: 1, teacher: 0.5, scratch: 0.4, scratchAgree: 0.8, distill: 0.45, distillAgree: 0.9 }], lossCount: 6 }, { type: 'backendSwitched', runId: 4, from: 'webgpu', cause: 'kernel-missing', info, phase: 'distill', epoch: 0, step: 1 });
    expect(later.lossRows).toEqual([distillRows[0], { step: 2, teacher: 1, scratch: 1 }]);
    expect(later.lossCount).toBe(5);
    expect(later.epochRows).toEqual([{ epoch: 1, teacher: 0.5, scratch: 0.4, scratchAgree: 0.8 }]);
    expect(run.backend).toBe(info);
    expect(run.switches).toEqual([{ from: 'webgpu', to: 'webgl', cause: 'device-lost', phase: 'teacher', epoch: 1 }]);
    expect(run.status).toBe('running');
    expect(reduceRun(running(), { type: 'alive', lock: 'x' })).toEqual(running());
  });
});

describe('survive slice', () => {
  const store = () => create<StudioState>()(createStudioSlices);

  it('restores a run at its checkpoint with the curves so far, or from the beginning', () => {
    const s = store();
    s.getState().setResumeOffer({ phase: 'teacher', epoch: 2, epochs: 6 });
    const lossRows = [{ step: 1, teacher: 1 }, { step: 2, teacher: 0.8 }];
    const epochRows = [{ epoch: 1, teacher: 0.5 }, { epoch: 2, teacher: 0.6 }];
    s.getState().restoreRun(7, CONFIG, { lossRows, epochRows, lossCount: 2, checkpoint: { phase: 'teacher', epoch: 2, epochs: 6 } });
    const run = s.getState().run;
    expect(run).toMatchObject({ id: 7, status: 'preparing', phase: 'teacher', epoch: 2, epochs: 6, lossRows, epochRows, lossCount: 2 });
    expect(s.getState().resumeOffer).toBeNull();
    s.getState().restoreRun(8, CONFIG, null);
    expect(s.getState().run).toMatchObject({ id: 8, lossRows: [], epochRows: [], lossCount: 0, checkpoint: null });
  });

  it('discarding a halted run stops it; other runs are untouched', () => {
    const s = store();
    s.setState({ run: { ...running(), status: 'halted', halt: { reason: 'crashed', message: 'x' } } });
    s.getState().discardHalted();
    expect(s.getState().run).toMatchObject({ status: 'stopped', halt: null });
    s.setState({ run: running() });
    s.getState().discardHalted();
    expect(s.getState().run.status).toBe('running');
  });

  it('keeps the newest checkpoint and the offered one in the store: offer, take, forget', () => {
    const s = store();
    const saved = (epoch: number): SavedRun => ({
      savedAt: epoch,
      uiConfig: DEFAULT_CONFIG,
      experiment: CONFIG,
      backend: 'cpu',
      phase: 'teacher',
      epoch,
      epochs: 6,
      data: new ArrayBuffer(4),
      lossRows: [],
      epochRows: [],
      lossCount: 0,
    });
    expect(s.getState().takeOfferedSaved()).toBeNull();
    s.getState().keepCheckpoint(saved(1));
    s.getState().offerSaved(saved(3));
    expect(s.getState().resumeOffer).toEqual({ phase: 'teacher', epoch: 3, epochs: 6 });
    expect(s.getState().latestSaved?.epoch).toBe(1);
    // Taking the offer makes it the current run's checkpoint, once.
    expect(s.getState().takeOfferedSaved()?.epoch).toBe(3);
    expect(s.getState()).toMatchObject({ offeredSaved: null, latestSaved: { epoch: 3 } });
    expect(s.getState().takeOfferedSaved()).toBeNull();
    s.getState().offerSaved(saved(4));
    s.getState().forgetSaved();
    expect(s.getState()).toMatchObject({ offeredSaved: null, latestSaved: null });
  });
});

describe('resume fit', () => {
  it('learning rate, optimizer, epochs and T may change; data, models and seed may not', () => {
    expect(resumeConflicts(CONFIG, { ...CONFIG, learningRate: 1e-4, optimizer: 'sgd', epochs: 9, temperature: 2, batchSize: 8 })).toEqual([]);
    expect(resumeConflicts(CONFIG, { ...CONFIG, seed: 2, student: { kind: 'mlp', hidden: [4], activation: 'relu' } })).toEqual(['student', 'seed']);
    expect(resumeConflicts(CONFIG, { ...CONFIG, dataset: 'xor' })).toEqual(['dataset']);
  });
});

describe('checkpoint database', () => {
  it('keeps one active run, round-trips it, and ignores a malformed record', async () => {
    expect(await loadActiveRun()).toBeNull();
    const run: SavedRun = {
      savedAt: 1,
      uiConfig: { ...DEFAULT_CONFIG, learningRate: 0.005 },
      experiment: CONFIG,
      backend: 'auto',
      phase: 'scratch',
      epoch: 3,
      epochs: 6,
      data: new Float32Array([1, 2, 3]).buffer,
      lossRows: [{ step: 1, teacher: 1 }],
      epochRows: [{ epoch: 1, teacher: 0.4 }],
      lossCount: 1,
    };
    await saveActiveRun(run);
    await saveActiveRun({ ...run, epoch: 4 });
    const back = await loadActiveRun();
    expect(back).toMatchObject({ phase: 'scratch', epoch: 4, epochs: 6, lossCount: 1, uiConfig: { learningRate: 0.005 } });
    expect(new Float32Array(back!.data)).toEqual(new Float32Array([1, 2, 3]));
    await clearActiveRun();
    expect(await loadActiveRun()).toBeNull();
    await saveActiveRun({ ...run, phase: 'nope' } as unknown as SavedRun);
    expect(await loadActiveRun()).toBeNull();
  });
});
