import * as tf from '@tensorflow/tfjs';
import { missingKernel } from '../engine/parity';
import { activateBackend, errorText } from './backends';
import { notesInEnglish, type BackendNote } from './backendReason';
import { BACKEND_NAMES, type BackendInfo, type BackendName, type SwitchCause } from './protocol';

/** The WebGPU device went away (driver reset, `device.destroy()`); the run continues on another backend. */
export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';
}

/** The active backend's WebGPU device, or null on other backends. */
function webGpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as tf.KernelBackend & { device?: GPUDevice };
  return backend.device ?? null;
}

/** The watched device, and whether it is known to be lost. */
let watched: { device: Pick<GPUDevice, 'lost'>; lost: boolean } | null = null;

/**
 * Calls `onLost` once if `device` (by default the active WebGPU backend's; nothing on other backends) is lost before the
 * returned function is called. Call it when the attempt ends: a device reported lost only after the run already moved to
 * another backend must not fault the new attempt. The device is still marked lost for `deviceKnownLost`.
 */
export function watchDevice(onLost: (error: DeviceLostError) => void, device: Pick<GPUDevice, 'lost'> | null = webGpuDevice()): () => void {
  if (!device) return () => {};
  const entry = { device, lost: false };
  watched = entry;
  let attending = true;
  void device.lost.then((info) => {
    entry.lost = true;
    if (attending) onLost(new DeviceLostError(`WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`));
  });
  return () => {
    attending = false;
  };
}

/** True when the watched WebGPU device is lost (already known, or reported within `waitMs`): errors it caused are faults of the device. */
export async function deviceWasLost(waitMs = 500): Promise<boolean> {
  const entry = watched;
  if (!entry) return false;
  if (entry.lost) return true;
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), waitMs));
  return Promise.race([entry.device.lost.then(() => true), timeout]);
}

/** True when the watched device is already known to be lost (synchronous: for unhandled rejections it leaves behind). */
export function deviceKnownLost(): boolean {
  return watched?.lost ?? false;
}

/** Test builds: destroys the WebGPU device like a driver reset would. Returns false when WebGPU is not active. */
export function destroyDevice(): boolean {
  const device = webGpuDevice();
  device?.destroy();
  return device !== null;
}

/**
 * A WebGPU read whose buffer was destroyed under it. tfjs never unmaps or destroys a staging buffer while its read is
 * pending; destroying the device destroys every buffer at once, and the pending read rejects with this message, often
 * before the device's own `lost` promise settles (one CI run saw the lost promise still pending 500 ms later).
 */
const BUFFER_GONE_DURING_READ = /(unmapped|destroyed) before mapping was resolved/i;

/** Why a mid-run error means "leave this backend" (null: a real failure, not a backend fault). */
export function backendFault(e: unknown, backend: string | undefined): SwitchCause | null {
  if (e instanceof DeviceLostError || /device (is |was )?lost|device.*destroyed/i.test(errorText(e))) return 'device-lost';
  if (backend === 'webgpu' && BUFFER_GONE_DURING_READ.test(errorText(e))) return 'device-lost';
  // A backend without a kernel these models need (e.g. WASM has no Conv2DBackpropFilter) hands the run to the next one.
  if (backend !== undefined && missingKernel(errorText(e))) return 'kernel-missing';
  return null;
}

/** Activates the next backend after `from` in fall-through order; throws when none starts. */
export async function nextBackend(from: BackendName, cause: SwitchCause): Promise<BackendInfo> {
  const notes: BackendNote[] = [];
  for (const name of BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(from) + 1)) {
    try {
      await activateBackend(name);
      return { name, reason: { code: 'switched', from, cause }, notes };
    } catch (e) {
      notes.push({ code: 'initFailed', backend: name, error: errorText(e) });
    }
  }
  throw new Error(`No backend could take over after ${from} failed. ${notesInEnglish(notes)}`);
}
