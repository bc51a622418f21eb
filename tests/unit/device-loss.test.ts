import { describe, expect, it } from 'vitest';
import { backendFault, DeviceLostError, deviceKnownLost, deviceWasLost, watchDevice } from '../../src/worker/deviceLoss';

/** A stand-in GPUDevice whose `lost` promise the test settles. */
function fakeDevice(): { device: Pick<GPUDevice, 'lost'>; lose: (reason: GPUDeviceLostReason, message: string) => void } {
  let lose: (info: GPUDeviceLostInfo) => void = () => {};
  const lost = new Promise<GPUDeviceLostInfo>((resolve) => {
    lose = resolve;
  });
  return { device: { lost }, lose: (reason, message) => lose({ reason, message } as GPUDeviceLostInfo) };
}

/** Lets settled promises run their callbacks. */
const settle = () => new Promise((next) => setTimeout(next, 0));

describe('backendFault: which mid-run errors leave the backend', () => {
  it('a WebGPU read whose buffer a lost device destroyed is the device, even before the device says it is lost', () => {
    // Chromium's messages when a pending mapAsync's buffer goes (CI saw the first while `device.lost` was still pending).
    const unmapped = new DOMException("Failed to execute 'mapAsync' on 'GPUBuffer': Buffer was unmapped before mapping was resolved.", 'AbortError');
    expect(backendFault(unmapped, 'webgpu')).toBe('device-lost');
    expect(backendFault(new Error('Buffer was destroyed before mapping was resolved.'), 'webgpu')).toBe('device-lost');
  });

  it('the same words on another backend, and other WebGPU errors, are real failures', () => {
    expect(backendFault(new Error('Buffer was unmapped before mapping was resolved.'), 'wasm')).toBeNull();
    expect(backendFault(new Error('Loss is NaN at step 12'), 'webgpu')).toBeNull();
    expect(backendFault(new Error('mapAsync failed: out of memory'), 'webgpu')).toBeNull();
  });

  it('a lost device by its own error or message', () => {
    expect(backendFault(new DeviceLostError('WebGPU device was lost (destroyed)'), 'webgpu')).toBe('device-lost');
    expect(backendFault(new Error('Device is lost'), undefined)).toBe('device-lost');
  });
});

describe('watchDevice: a lost device faults only the attempt that watched it', () => {
  it('reports a loss while watched, once, with the reason', async () => {
    const { device, lose } = fakeDevice();
    const faults: DeviceLostError[] = [];
    const unwatch = watchDevice((e) => faults.push(e), device);
    lose('destroyed', 'test');
    await settle();
    unwatch();
    expect(faults.map((e) => e.message)).toEqual(['WebGPU device was lost (destroyed: test)']);
    expect(deviceKnownLost()).toBe(true);
  });

  it('a loss reported after the attempt ended (the run already moved on) faults nothing, but is known', async () => {
    const { device, lose } = fakeDevice();
    const faults: DeviceLostError[] = [];
    const unwatch = watchDevice((e) => faults.push(e), device);
    expect(deviceKnownLost()).toBe(false);
    unwatch();
    lose('destroyed', '');
    await settle();
    expect(faults).toEqual([]);
    expect(deviceKnownLost()).toBe(true);
    expect(await deviceWasLost(0)).toBe(true);
  });

  it('no device (another backend): nothing is watched', async () => {
    const faults: DeviceLostError[] = [];
    watchDevice((e) => faults.push(e), null)();
    const { device } = fakeDevice();
    watchDevice(() => {}, device)();
    expect(await deviceWasLost(5)).toBe(false);
    expect(faults).toEqual([]);
  });
});
