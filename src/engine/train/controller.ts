/** Thrown inside a run when the user stops it. */
export class RunCancelled extends Error {
  constructor() {
    super('Run stopped by the user.');
    this.name = 'RunCancelled';
  }
}

/**
 * Yields one macrotask so queued messages (pause, stop, live T/α) are handled. A MessageChannel post is
 * used where available: nested setTimeout(0) calls are clamped to ≥ 4 ms, which would idle the loop.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Live-adjustable distillation hyper-parameters. */
export interface LiveHyper {
  temperature: number;
  alpha: number;
}

/** Pause, resume, stop and live hyper-parameter changes for one run; the loop polls it between steps. */
export class RunController {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private lastYield = Date.now();
  private faultError: Error | null = null;

  /** Called each time the loop actually halts for a pause (after the steps before it were reported), e.g. to say "paused". */
  onPaused: (() => void) | null = null;

  /** Current T and α; the distillation step reads them every step. */
  hyper: LiveHyper;

  /** Creates a controller that yields to the event loop at least every `yieldEveryMs`. */
  constructor(hyper: LiveHyper, private readonly yieldEveryMs = 16) {
    this.hyper = { ...hyper };
  }

  /** Requests a pause at the next step boundary. */
  pause(): void {
    this.paused = true;
  }

  /** Resumes a paused run. */
  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  /** Stops the run at the next step boundary. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Ends the run at the next step boundary by throwing `error` there (e.g. the GPU device was lost). */
  fault(error: Error): void {
    this.faultError = error;
    this.wake?.();
  }

  /** Forgets a fault once the run has recovered from it (e.g. on another backend). */
  clearFault(): void {
    this.faultError = null;
  }

  /** True while a pause is requested (the loop reports its pending steps before it halts). */
  get pauseRequested(): boolean {
    return this.paused;
  }

  /** True once `stop` was called. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Called between steps: yields so messages arrive, waits while paused, throws `RunCancelled` when stopped. */
  async checkpoint(): Promise<void> {
    if (this.stopped) throw new RunCancelled();
    if (this.faultError) throw this.faultError;
    if (Date.now() - this.lastYield >= this.yieldEveryMs) {
      await yieldToEventLoop();
      this.lastYield = Date.now();
    }
    if (this.paused && !this.stopped && !this.faultError) this.onPaused?.();
    while (this.paused && !this.stopped && !this.faultError) {
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
    if (this.stopped) throw new RunCancelled();
    if (this.faultError) throw this.faultError;
  }
}
