import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendGate } from '../../src/worker/backendGate';

/** A promise settled from outside, to hold work open for as long as a test wants. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued microtask and timer callback run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('BackendGate', () => {
  it('holds work that comes before any backend was chosen until the first selection settles, then runs it first', async () => {
    const log: string[] = [];
    const fallback = () => {
      log.push('fallback');
      return Promise.resolve();
    };
    const gate = new BackendGate(fallback);
    const choosing = deferred();
    const first = gate.select(() => {
      log.push('select 1 starts');
      return choosing.promise.then(() => log.push('select 1 ends'));
    });
    const teacher = gate.use(async () => log.push('teacher'));
    await settle();
    expect(log).toEqual(['select 1 starts']);
    expect(gate.ready).toBe(false);
    choosing.resolve();
    await first;
    await teacher;
    expect(log).toEqual(['select 1 starts', 'select 1 ends', 'teacher']);
    expect(gate.ready).toBe(true);
  });

  it('lets the page’s first selection run even when work arrived before it was asked for (no fallback then)', async () => {
    const log: string[] = [];
    const choosing = deferred();
    const gate = new BackendGate(async () => {
      log.push('fallback');
    });
    const select = gate.select(async () => {
      log.push('select');
      await choosing.promise;
    });
    const upload = gate.use(async () => log.push('upload'));
    await settle();
    choosing.resolve();
    await Promise.all([select, upload]);
    expect(log).toEqual(['select', 'upload']);
  });

  it('starts the fallback backend when work comes and nobody asked for a backend (a fresh worker after a crash)', async () => {
    const log: string[] = [];
    const gate = new BackendGate(async () => {
      log.push('fallback');
    });
    await gate.use(async () => log.push('predict'));
    await gate.use(async () => log.push('export'));
    expect(log).toEqual(['fallback', 'predict', 'export']);
  });

  it('runs a selection alone: after the work queued before it, and before the work queued after it', async () => {
    const log: string[] = [];
    const gate = new BackendGate(() => Promise.resolve());
    await gate.select(async () => log.push('first choice'));
    const loading = deferred();
    const load = gate.use(async () => {
      log.push('load starts');
      await loading.promise;
      log.push('load ends');
    });
    const switching = gate.select(async () => log.push('switch'));
    const predict = gate.use(async () => log.push('predict'));
    await settle();
    expect(log).toEqual(['first choice', 'load starts']);
    loading.resolve();
    await Promise.all([load, switching, predict]);
    expect(log).toEqual(['first choice', 'load starts', 'load ends', 'switch', 'predict']);
  });

  it('runs tfjs work side by side when no selection is between them', async () => {
    const gate = new BackendGate(() => Promise.resolve());
    await gate.select(() => Promise.resolve());
    const a = deferred();
    const started: string[] = [];
    const one = gate.use(async () => {
      started.push('a');
      await a.promise;
    });
    const two = gate.use(async () => {
      started.push('b');
    });
    await two;
    expect(started).toEqual(['a', 'b']);
    a.resolve();
    await one;
  });

  it('opens after a failed selection too, and passes each piece of work’s own result or error back', async () => {
    const gate = new BackendGate(() => Promise.resolve());
    await expect(gate.select(() => Promise.reject(new Error('No backend could be initialised.')))).rejects.toThrow('No backend could be initialised.');
    expect(gate.ready).toBe(true);
    await expect(gate.use(async () => 42)).resolves.toBe(42);
    await expect(gate.use(() => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    await expect(
      gate.use(() => {
        throw new Error('thrown at once');
      }),
    ).rejects.toThrow('thrown at once');
    await expect(gate.select(async () => 'next')).resolves.toBe('next');
  });

  it('fixes the race of issue 18: an op on a backend still starting throws; the same op through the gate waits and works', async () => {
    await tf.setBackend('cpu');
    const cpu = tf.findBackendFactory('cpu')!;
    /** Makes the CPU backend start again, held until `release` settles (as WASM is while its module compiles). */
    const holdCpuStart = (release: Promise<void>) => {
      tf.removeBackend('cpu');
      tf.registerBackend('cpu', async () => {
        await release;
        return cpu();
      });
    };
    try {
      const first = deferred();
      holdCpuStart(first.promise);
      const starting = tf.setBackend('cpu');
      // Without the gate: the op runs while tfjs is still starting the backend.
      expect(() => tf.tensor([1, 2, 3]).sum()).toThrow("Backend 'cpu' has not yet been initialized");
      first.resolve();
      await starting;

      const gate = new BackendGate(() => Promise.resolve());
      const second = deferred();
      holdCpuStart(second.promise);
      const chosen = gate.select(() => tf.setBackend('cpu'));
      const sum = gate.use(async () => {
        const t = tf.tensor([1, 2, 3]).sum();
        const value = (await t.data())[0];
        t.dispose();
        return value;
      });
      await settle();
      second.resolve();
      await expect(chosen).resolves.toBe(true);
      await expect(sum).resolves.toBe(6);
    } finally {
      tf.removeBackend('cpu');
      tf.registerBackend('cpu', cpu, 1);
      await tf.setBackend('cpu');
    }
  });
});
