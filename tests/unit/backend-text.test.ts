import { describe, expect, it } from 'vitest';
import { describeBackend, describeThreads } from '../../src/ui/backendText';
import { i18n } from '../../src/ui/i18n';
import { readBackendInfo } from '../../src/worker/backendReason';
import type { BackendInfo } from '../../src/worker/protocol';

const en = i18n.getFixedT('en', 'app');
const zh = i18n.getFixedT('zh-CN', 'app');

const swiftshader = { code: 'adapter', software: true, adapter: 'google swiftshader' } as const;

describe('describeBackend', () => {
  it('words Auto’s benchmark: WebGPU too slow, the speed-up over the runner-up and every timing', () => {
    const info: BackendInfo = {
      name: 'wasm',
      reason: { code: 'benchmarked', webgpu: swiftshader, timings: [{ name: 'wasm', ms: 10 }, { name: 'cpu', ms: 17 }, { name: 'webgl', ms: 40.04 }] },
      notes: [],
    };
    expect(describeBackend(info, en).reason).toBe(
      'WebGPU: software adapter (google swiftshader), too slow to train on; wasm is 1.7× faster than cpu here (one training step: wasm 10.0 ms, cpu 17.0 ms, webgl 40.0 ms)',
    );
    expect(describeBackend(info, zh).reason).toBe(
      'WebGPU：软件适配器（google swiftshader），训练太慢；在此设备上 wasm 比 cpu 快 1.7 倍（一个训练步：wasm 10.0 毫秒，cpu 17.0 毫秒，webgl 40.0 毫秒）',
    );
  });

  it('says when the benchmark was cached, and names the missing WebGPU without "too slow"', () => {
    const info: BackendInfo = { name: 'cpu', reason: { code: 'benchmarked', webgpu: { code: 'missing' }, timings: [{ name: 'cpu', ms: 3.25 }], cached: true }, notes: [] };
    expect(describeBackend(info, en).reason).toBe(
      'WebGPU: not supported by this browser (navigator.gpu is missing) (one training step: cpu 3.3 ms) (benchmark cached for this architecture)',
    );
    expect(describeBackend(info, zh).reason).toBe('WebGPU：此浏览器不支持（缺少 navigator.gpu）（一个训练步：cpu 3.3 毫秒）（沿用此架构已缓存的基准测试结果）');
  });

  it('words every WebGPU probe outcome', () => {
    const reason = (webgpu: Extract<BackendInfo['reason'], { code: 'webgpuHardware' }>['webgpu']): BackendInfo => ({ name: 'webgpu', reason: { code: 'webgpuHardware', webgpu }, notes: [] });
    expect(describeBackend(reason({ code: 'adapter', software: false, adapter: 'nvidia ampere' }), en).reason).toBe('WebGPU: hardware adapter (nvidia ampere)');
    expect(describeBackend(reason({ code: 'adapter', software: false, adapter: '' }), en).reason).toBe('WebGPU: hardware adapter (unknown adapter)');
    expect(describeBackend(reason({ code: 'adapter', software: false, adapter: '' }), zh).reason).toBe('WebGPU：硬件适配器（未知适配器）');
    expect(describeBackend(reason({ code: 'noAdapter' }), en).reason).toBe('WebGPU: not supported (no adapter found)');
    expect(describeBackend(reason({ code: 'noAdapter' }), zh).reason).toBe('WebGPU：不支持（未找到适配器）');
    expect(describeBackend(reason({ code: 'requestFailed', error: 'boom' }), en).reason).toBe('WebGPU: adapter request failed (boom)');
    expect(describeBackend(reason({ code: 'requestFailed', error: 'boom' }), zh).reason).toBe('WebGPU：请求适配器失败（boom）');
  });

  it('words a forced backend, a fall-through with its notes (tfjs’s error text kept), and mid-run switches', () => {
    const forced: BackendInfo = { name: 'webgl', reason: { code: 'forced' }, notes: [] };
    expect(describeBackend(forced, en)).toEqual({ reason: 'webgl: chosen in the Backend menu', notes: [] });
    expect(describeBackend(forced, zh).reason).toBe('webgl：在“后端”菜单中选择');
    const fell: BackendInfo = {
      name: 'wasm',
      reason: { code: 'fellThrough', chosen: 'webgl' },
      notes: [
        { code: 'initFailed', backend: 'webgl', error: 'WebGL is not supported' },
        { code: 'cannotTrain', backend: 'wasm', error: "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'" },
      ],
    };
    expect(describeBackend(fell, en)).toEqual({
      reason: 'webgl was chosen but failed to initialise; fell through to wasm',
      notes: ['webgl failed to initialise: WebGL is not supported', "wasm cannot train these models: Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"],
    });
    expect(describeBackend(fell, zh)).toEqual({
      reason: '选择了 webgl，但其初始化失败；已改用 wasm',
      notes: ['webgl 初始化失败：WebGL is not supported', "wasm 无法训练这些模型：Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"],
    });
    const lost: BackendInfo = { name: 'webgl', reason: { code: 'switched', from: 'webgpu', cause: 'device-lost' }, notes: [] };
    expect(describeBackend(lost, en).reason).toBe('webgl: the webgpu device was lost mid-run, so the run continued here');
    expect(describeBackend(lost, zh).reason).toBe('webgl：运行途中 webgpu 设备丢失，因此运行在此继续');
    const kernel: BackendInfo = { name: 'webgl', reason: { code: 'switched', from: 'webgpu', cause: 'kernel-missing' }, notes: [] };
    expect(describeBackend(kernel, en).reason).toBe('webgl: webgpu lacks a kernel these models need mid-run, so the run continued here');
    expect(describeBackend(kernel, zh).reason).toBe('webgl：运行途中发现 webgpu 缺少这些模型所需的算子，因此运行在此继续');
  });
});

describe('readBackendInfo', () => {
  it('keeps a current decision as it is', () => {
    const info: BackendInfo = { name: 'cpu', reason: { code: 'forced' }, notes: [{ code: 'initFailed', backend: 'webgpu', error: 'x' }] };
    expect(readBackendInfo(info)).toEqual(info);
  });

  it('reads an older version’s English sentences as legacy text, shown unchanged in any language', () => {
    const old = { name: 'wasm', reason: 'wasm: chosen in the Backend menu', notes: ['webgl failed to initialise: no'] };
    const info = readBackendInfo(old);
    expect(info).toEqual({ name: 'wasm', reason: { code: 'legacy', text: 'wasm: chosen in the Backend menu' }, notes: [{ code: 'legacy', text: 'webgl failed to initialise: no' }] });
    expect(describeBackend(info!, zh)).toEqual({ reason: 'wasm: chosen in the Backend menu', notes: ['webgl failed to initialise: no'] });
  });

  it('refuses what is neither', () => {
    expect(readBackendInfo({ name: 'wasm', reason: { code: 'made-up' }, notes: [] })).toBeNull();
    expect(readBackendInfo({ name: 'wasm', reason: 'ok', notes: [3] })).toBeNull();
    expect(readBackendInfo({ name: 'wasm', reason: 'ok' })).toBeNull();
    expect(readBackendInfo('wasm')).toBeNull();
  });
});

describe('Auto’s skipped timings and the WASM thread pool', () => {
  const info: BackendInfo = {
    name: 'wasm',
    reason: { code: 'benchmarked', webgpu: swiftshader, timings: [{ name: 'wasm', ms: 12 }] },
    notes: [{ code: 'softwareWebgl', renderer: 'ANGLE (SwiftShader Device)' }, { code: 'cpuNotTimed' }],
    threads: { count: 2, isolated: true },
  };

  it('words why WebGL and the CPU were not timed, in both languages', () => {
    expect(describeBackend(info, en).notes).toEqual([
      'webgl was not timed: its renderer is a software fallback (ANGLE (SwiftShader Device)), far slower than wasm',
      'cpu was not timed: wasm trains these models and runs the same kernels compiled with SIMD',
    ]);
    expect(describeBackend(info, zh).notes).toEqual([
      '未测 webgl：它的渲染器是软件回退（ANGLE (SwiftShader Device)），远慢于 wasm',
      '未测 cpu：wasm 能训练这些模型，且运行的是同样的内核（SIMD 编译）',
    ]);
  });

  it('names the thread count under cross-origin isolation, and says why there is one thread without it', () => {
    expect(describeThreads(info, en)).toBe(' · 2 threads (cross-origin isolated)');
    expect(describeThreads(info, zh)).toBe(' · 2 个线程（跨源隔离）');
    expect(describeThreads({ ...info, threads: { count: 1, isolated: true } }, en)).toBe(' · 1 thread (cross-origin isolated)');
    expect(describeThreads({ ...info, threads: { count: 1, isolated: false } }, en)).toMatch(/^ · 1 thread: this page is not cross-origin isolated/);
    expect(describeThreads({ ...info, name: 'cpu', threads: undefined }, en)).toBe('');
  });

  it('reads the new note codes back from storage', () => {
    expect(readBackendInfo(JSON.parse(JSON.stringify(info)))?.notes).toEqual(info.notes);
  });
});
