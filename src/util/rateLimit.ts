/** A clock and a one-shot scheduler; injected so the limiters can be tested with fake timers (or driven by animation frames). */
export interface Timers {
  /** The current time (ms). */
  now(): number;
  /** Runs `fn` after about `ms` milliseconds; returns a function that cancels it. */
  later(fn: () => void, ms: number): () => void;
}

/** The page's (or worker's) monotonic clock and setTimeout. */
export const clockTimers: Timers = {
  now: () => performance.now(),
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/**
 * Runs `fire` at most once per `intervalMs`. A request after a quiet spell fires at once (unless `leading` is false);
 * requests within the interval are merged into one that fires when it is up. `fire` reads the newest value itself,
 * so callers keep only the latest input and merged requests lose nothing.
 */
export class RateLimiter {
  private last = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | null = null;

  /** A limiter of `fire`; with `leading` false even the first request waits for the scheduler (e.g. the next frame). */
  constructor(
    private readonly fire: () => void,
    private readonly intervalMs: number,
    private readonly timers: Timers = clockTimers,
    private readonly leading = true,
  ) {}

  /** Asks for `fire` to run: now when allowed, otherwise once when the interval is up. */
  request(): void {
    if (this.cancelTimer !== null) return;
    const wait = this.last + this.intervalMs - this.timers.now();
    if (wait <= 0 && this.leading) this.run();
    else this.cancelTimer = this.timers.later(() => this.run(), Math.max(0, wait));
  }

  /** Runs a waiting request now (before a phase change, at the end of a run); does nothing when none waits. */
  flush(): void {
    if (this.cancelTimer !== null) this.run();
  }

  /** Runs `fire` now whatever the interval (a waiting request included), and starts the interval from now. */
  fireNow(): void {
    this.run();
  }

  /** Drops a waiting request. */
  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** True while a request waits to fire. */
  get pending(): boolean {
    return this.cancelTimer !== null;
  }

  private run(): void {
    this.cancel();
    this.last = this.timers.now();
    this.fire();
  }
}

/**
 * A gate that lets an action through at most once per spacing (dropping the rest, unlike `RateLimiter`): per-epoch
 * feeds that must not post on every epoch of a short run. A forced pass always goes through and restarts the spacing.
 */
export class SpacingGate {
  private last = Number.NEGATIVE_INFINITY;

  /** A gate with `spacingMs` between passes, on the clock `now`. */
  constructor(
    private readonly spacingMs: number,
    private readonly now: () => number = clockTimers.now,
  ) {}

  /** Whether `spacingMs` (or the given spacing) has passed at time `at` since the last pass. */
  isOpen(spacingMs = this.spacingMs, at = this.now()): boolean {
    return at - this.last >= spacingMs;
  }

  /** Records a pass at time `at`. */
  mark(at = this.now()): void {
    this.last = at;
  }

  /** Passes (and records it) when the gate is open or `force` is set. */
  pass(force = false): boolean {
    const at = this.now();
    if (!force && !this.isOpen(this.spacingMs, at)) return false;
    this.mark(at);
    return true;
  }
}
