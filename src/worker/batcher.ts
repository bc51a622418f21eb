import type { EpochPoint, LossPoint } from '../engine/train/types';
import { RateLimiter } from '../util/rateLimit';

/** Collects metric deltas and sends them at most once per interval (≈10 messages a second), the first at once. */
export class DeltaBatcher {
  private losses: LossPoint[] = [];
  private epochs: EpochPoint[] = [];
  private readonly limiter: RateLimiter;

  /** Creates a batcher that hands each non-empty batch to `send`. */
  constructor(
    private readonly send: (losses: LossPoint[], epochs: EpochPoint[]) => void,
    intervalMs = 100,
  ) {
    // Points after a quiet spell (the first of a run) go out at once; then at most one message per interval.
    this.limiter = new RateLimiter(() => this.sendQueued(), intervalMs);
  }

  /** Queues loss points. */
  addLosses(points: LossPoint[]): void {
    if (points.length === 0) return;
    this.losses.push(...points);
    this.limiter.request();
  }

  /** Queues an epoch point. */
  addEpoch(point: EpochPoint): void {
    this.epochs.push(point);
    this.limiter.request();
  }

  /** Sends whatever is queued now (before phase changes and the end of a run, to keep order). */
  flush(): void {
    this.limiter.flush();
  }

  private sendQueued(): void {
    const losses = this.losses;
    const epochs = this.epochs;
    this.losses = [];
    this.epochs = [];
    this.send(losses, epochs);
  }
}
