import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useStudio } from '../../src/store';
import { DEFAULT_CONFIG } from '../../src/store/configFields';
import { toExperimentConfig } from '../../src/store/configSlice';
import { afterWorkerEvent } from '../../src/ui/bridge/survival';
import { loadActiveRun } from '../../src/ui/bridge/unfinishedRunDb';

/** Resolves after `ms` real milliseconds. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('checkpoint saves', () => {
  it('a burst of checkpoints writes the first at once and then only the newest; a stopped run leaves none', async () => {
    useStudio.getState().beginRun(7, toExperimentConfig(DEFAULT_CONFIG));
    const checkpoint = (epoch: number) =>
      afterWorkerEvent({ type: 'checkpoint', runId: 7, phase: 'teacher', epoch, epochs: 30, data: new Float32Array([epoch]).buffer });
    checkpoint(1);
    await sleep(50);
    expect((await loadActiveRun())?.epoch).toBe(1);
    for (let e = 2; e <= 9; e++) checkpoint(e);
    // The store keeps the newest at once (a resume after a fault reads it there) …
    expect(useStudio.getState().latestSaved?.epoch).toBe(9);
    await sleep(50);
    // … while within the spacing the stored one is still epoch 1 (epochs 2–8 are never written) …
    expect((await loadActiveRun())?.epoch).toBe(1);
    await sleep(600);
    // … and once it is up, the newest is.
    const saved = await loadActiveRun();
    expect(saved?.epoch).toBe(9);
    expect(new Float32Array(saved!.data)).toEqual(new Float32Array([9]));
    checkpoint(10);
    afterWorkerEvent({ type: 'stopped', runId: 7 });
    expect(useStudio.getState().latestSaved).toBeNull();
    await sleep(700);
    expect(await loadActiveRun()).toBeNull();
  });
});
