import { assertNever, type WorkerRequest } from './protocol';

/**
 * What a request needs of the tfjs backend: `use` work runs through the backend gate (it waits for the backend it
 * will run on); `chooses` requests pick their backend themselves through the planner (the gate's own selections);
 * `none` never touches tfjs. Exhaustive, so a new request must say which it is.
 */
export function backendNeed(msg: WorkerRequest): 'use' | 'chooses' | 'none' {
  switch (msg.type) {
    case 'loadTeacher':
    case 'loadOnnxTeacher':
    case 'removeTeacher':
    case 'loadCsv':
    case 'loadIdx':
    case 'predict':
    case 'predictPhoto':
    case 'exportStudent':
    case 'buildStudentZip':
    case 'previewQuantized':
    case 'buildOnnx':
      return 'use';
    case 'start':
    case 'resumeRun':
    case 'prepare':
      return 'chooses';
    case 'restoreBackendCache':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'setHyper':
    case 'inspectCsv':
    // Only records the open views; the catch-up of a view that opened goes through the gate itself.
    case 'views':
    // The toy generators are plain arrays: no tfjs.
    case 'toyPoints':
    // The prepared dataset is built from the finished run's host arrays: no tfjs.
    case 'buildPreparedDataset':
    // Image folders decode with createImageBitmap and OffscreenCanvas into plain arrays: no tfjs.
    case 'loadImages':
    case 'debugCrash':
    case 'debugLoseDevice':
    case 'debugHoldBackend':
    case 'debugReleaseBackend':
      return 'none';
    default:
      return assertNever(msg);
  }
}
