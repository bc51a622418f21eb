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

  /** Current T and α, as last set by the user; a distillation step takes them through `enterHyper`. */
  hyper: LiveHyper;

  /** T and α as they last entered a live distillation loss (starts at the run's configured values). */
  private entered: LiveHyper;

  /** Creates a controller that yields to the event loop at least every `yieldEveryMs`. */
  constructor(hyper: LiveHyper, private readonly yieldEveryMs = 16) {
    this.hyper = { ...hyper };
    this.entered = { ...hyper };
  }

  /**
   * T and α for the loss about to be computed; `changed` is true when they differ from those of the last live loss,
   * i.e. this loss is the first to use a live change.
   */
  enterHyper(): { hyper: LiveHyper; changed: boolean } {
    const hyper = this.hyper;
    const changed = hyper.temperature !== this.entered.temperature || hyper.alpha !== this.entered.alpha;
    if (changed) this.entered = hyper;
    return { hyper, changed };
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

  /** The loop's yield point between steps: yields so messages arrive, waits while paused, throws `RunCancelled` when stopped. */
  async yieldPoint(): Promise<void> {
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
