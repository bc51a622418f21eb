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
let watched: { device: GPUDevice; lost: boolean } | null = null;

/** Calls `onLost` once when the active WebGPU backend's device is lost (nothing on other backends). */
export function watchDevice(onLost: (error: DeviceLostError) => void): void {
  const device = webGpuDevice();
  if (!device) return;
  const entry = { device, lost: false };
  watched = entry;
  void device.lost.then((info) => {
    entry.lost = true;
    onLost(new DeviceLostError(`WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`));
  });
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

/** Why a mid-run error means "leave this backend" (null: a real failure, not a backend fault). */
export function backendFault(e: unknown, backend: string | undefined): SwitchCause | null {
  if (e instanceof DeviceLostError || /device (is |was )?lost|device.*destroyed/i.test(errorText(e))) return 'device-lost';
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
