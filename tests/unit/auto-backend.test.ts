import { describe, expect, it } from 'vitest';
import { autoBackend, type AutoPlatform, type WebGpuProbe } from '../../src/worker/autoChoice';
import type { BackendName } from '../../src/worker/protocol';
import { describeReason } from '../../src/ui/backendText';
import { i18n } from '../../src/ui/i18n';

const HARDWARE: WebGpuProbe = { available: true, software: false, status: { code: 'adapter', software: false, adapter: 'nvidia ampere' } };
const SOFTWARE: WebGpuProbe = { available: true, software: true, status: { code: 'adapter', software: true, adapter: 'google swiftshader' } };

/** A platform whose backends take the given ms per step (a missing one fails to start); records what was timed. */
function platform(gpu: WebGpuProbe, ms: Partial<Record<BackendName, number>>, webglSoftware = false) {
  let active: BackendName | null = null;
  const timed: { name: BackendName; alone: boolean }[] = [];
  const p: AutoPlatform = {
    probeWebGpu: async () => gpu,
    webglRenderer: () => ({ renderer: webglSoftware ? 'SwiftShader' : 'ANGLE (NVIDIA)', software: webglSoftware }),
    activate: async (name) => {
      if (ms[name] === undefined) throw new Error(`${name} cannot start`);
      active = name;
    },
  };
  const benchmark = async (alone: boolean) => {
    timed.push({ name: active!, alone });
    return ms[active!]!;
  };
  return { p, benchmark, timed, active: () => active };
}

describe('Auto with a hardware WebGPU adapter', () => {
  it('picks WASM when WebGPU is slower for a small model (the spiral recipe: dispatch costs dominate)', async () => {
    const env = platform(HARDWARE, { webgpu: 7.2, wasm: 3.1, webgl: 9.5, cpu: 40 });
    const info = await autoBackend(env.benchmark, env.p);
    expect(info.name).toBe('wasm');
    expect(env.active()).toBe('wasm');
    expect(env.timed.map((t) => t.name)).toEqual(['webgpu', 'wasm', 'webgl']);
    expect(info.reason).toEqual({
      code: 'benchmarked',
      webgpu: HARDWARE.status,
      timings: [
        { name: 'wasm', ms: 3.1 },
        { name: 'webgpu', ms: 7.2 },
        { name: 'webgl', ms: 9.5 },
      ],
    });
    expect(info.notes).toEqual([{ code: 'cpuNotTimed' }]);
  });

  it('picks WebGPU when it is faster for a big model (the CNN teacher)', async () => {
    const env = platform(HARDWARE, { webgpu: 12, wasm: 95, webgl: 30 }, true);
    const info = await autoBackend(env.benchmark, env.p);
    expect(info.name).toBe('webgpu');
    expect(env.active()).toBe('webgpu');
    // With WebGPU timed, WASM is not timed alone even though WebGL renders in software.
    expect(env.timed).toEqual([
      { name: 'webgpu', alone: false },
      { name: 'wasm', alone: false },
    ]);
    const text = describeReason(info.name, info.reason, i18n.getFixedT('en', 'app'));
    expect(text).toBe(
      'WebGPU: hardware adapter (nvidia ampere), timed against the others; webgpu is 7.9× faster than wasm here (one training step: webgpu 12.0 ms, wasm 95.0 ms)',
    );
  });

  it('a WebGPU that cannot train these models is noted, and the fastest of the rest runs', async () => {
    const env = platform(HARDWARE, { webgpu: 1, wasm: 5 });
    const failing = async (alone: boolean) => {
      if (env.active() === 'webgpu') throw new Error('Kernel Conv2DBackpropFilter missing');
      return env.benchmark(alone);
    };
    const info = await autoBackend(failing, env.p);
    expect(info.name).toBe('wasm');
    expect(info.notes[0]).toEqual({ code: 'cannotTrain', backend: 'webgpu', error: 'Kernel Conv2DBackpropFilter missing' });
  });
});

describe('Auto without a hardware adapter', () => {
  it('never times software WebGPU or software WebGL; WASM alone takes one step', async () => {
    const env = platform(SOFTWARE, { webgpu: 0.1, wasm: 3, webgl: 1 }, true);
    const info = await autoBackend(env.benchmark, env.p);
    expect(info.name).toBe('wasm');
    expect(env.timed).toEqual([{ name: 'wasm', alone: true }]);
    expect(info.notes).toEqual([{ code: 'softwareWebgl', renderer: 'SwiftShader' }, { code: 'cpuNotTimed' }]);
    expect(describeReason(info.name, info.reason, i18n.getFixedT('en', 'app'))).toBe(
      'WebGPU: software adapter (google swiftshader), too slow to train on (one training step: wasm 3.0 ms)',
    );
  });

  it('times the CPU backend only when WASM cannot start, and fails with the notes when nothing trains', async () => {
    const env = platform({ available: false, software: false, status: { code: 'noAdapter' } }, { cpu: 20 }, true);
    const info = await autoBackend(env.benchmark, env.p);
    expect(info.name).toBe('cpu');
    await expect(autoBackend(env.benchmark, platform(HARDWARE, {}).p)).rejects.toThrow(/^No backend can train these models\. webgpu failed to initialise/);
  });
});
