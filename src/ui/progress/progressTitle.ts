import type { RunState } from '../../store/runState';
import { clockTimers, RateLimiter, type Timers } from '../../util/rateLimit';

/** While a run trains, its percentage in the title is rewritten at most this often (ms): each rewrite costs the page a few ms. */
export const TITLE_SPACING_MS = 1000;

/** The document's title as `ProgressTitle` reads and writes it. */
export interface TitleTarget {
  get(): string;
  set(text: string): void;
}

/** What a title depends on besides the percentage: a change of either is written at once. */
const keyOf = (run: RunState): string => `${run.id}:${run.status}`;

/**
 * Keeps a page title in step with the live run: at once when the run or its status changes (a start, a pause, Done),
 * otherwise (the percentage during training) at most every `TITLE_SPACING_MS`; an unchanged text is never assigned.
 */
export class ProgressTitle {
  /** The run the title was last written for. */
  private shown: RunState | null = null;
  private readonly limiter: RateLimiter;

  /** A title for the run `liveRun` returns, as `titleOf` words it, written to `target`. */
  constructor(
    private readonly liveRun: () => RunState,
    private readonly titleOf: (run: RunState) => string,
    private readonly target: TitleTarget,
    timers: Timers = clockTimers,
  ) {
    this.limiter = new RateLimiter(() => this.write(), TITLE_SPACING_MS, timers);
  }

  /** The store changed: rewrites the title now for another run or status, else within the spacing. */
  update(): void {
    const run = this.liveRun();
    if (run === this.shown) return;
    if (this.shown === null || keyOf(run) !== keyOf(this.shown)) this.relabel();
    else this.limiter.request();
  }

  /** Rewrites the title now (a status change, another language). */
  relabel(): void {
    this.limiter.fireNow();
  }

  /** Drops a waiting rewrite. */
  dispose(): void {
    this.limiter.cancel();
  }

  private write(): void {
    const run = this.liveRun();
    this.shown = run;
    const text = this.titleOf(run);
    if (text !== this.target.get()) this.target.set(text);
  }
}
