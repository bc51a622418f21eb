/** Thrown inside a run when the user stops it. */
export class RunCancelled extends Error {
  constructor() {
    super('Run stopped by the user.');
    this.name = 'RunCancelled';
  }
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

  /** Current T and α; the distillation step reads them every step. */
  hyper: LiveHyper;

  /** Creates a controller that yields to the event loop at least every `yieldEveryMs`. */
  constructor(hyper: LiveHyper, private readonly yieldEveryMs = 8) {
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

  /** True once `stop` was called. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Called between steps: yields so messages arrive, waits while paused, throws `RunCancelled` when stopped. */
  async checkpoint(): Promise<void> {
    if (this.stopped) throw new RunCancelled();
    if (Date.now() - this.lastYield >= this.yieldEveryMs) {
      await new Promise<void>((r) => setTimeout(r, 0));
      this.lastYield = Date.now();
    }
    while (this.paused && !this.stopped) {
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
    if (this.stopped) throw new RunCancelled();
  }
}
