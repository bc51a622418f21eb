/** Why a run failed, as a code plus parameters (the UI words it through the catalogues: `describeRunMessage`). */
export type RunMessage =
  /** A sentence worded where it arose and shown as it is: config validation, file parsers, teacher import, backend selection. */
  | { code: 'text'; text: string }
  /** Training threw on `backend`; `error` is tfjs's own text. */
  | { code: 'runFailed'; backend: string; error: string }
  /** `backend` has no `kernel` these models need to train. */
  | { code: 'missingKernel'; kernel: string; backend: string }
  /** The run used uploaded data that the worker no longer holds. */
  | { code: 'uploadGone' }
  /** An unhandled rejection in the worker; `error` is its text. */
  | { code: 'workerError'; error: string };
