import type { EpochPoint, LossPoint } from '../engine/train/types';

/** Collects metric deltas and sends them at most once per interval (≈10 messages a second), the first at once. */
export class DeltaBatcher {
  private losses: LossPoint[] = [];
  private epochs: EpochPoint[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last batch was sent (Date.now()). */
  private lastSentAt = Number.NEGATIVE_INFINITY;

  /** Creates a batcher that hands each non-empty batch to `send`. */
  constructor(
    private readonly send: (losses: LossPoint[], epochs: EpochPoint[]) => void,
    private readonly intervalMs = 100,
  ) {}

  /** Queues loss points. */
  addLosses(points: LossPoint[]): void {
    this.losses.push(...points);
    this.schedule();
  }

  /** Queues an epoch point. */
  addEpoch(point: EpochPoint): void {
    this.epochs.push(point);
    this.schedule();
  }

  /** Sends whatever is queued now (before phase changes and the end of a run, to keep order). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.losses.length === 0 && this.epochs.length === 0) return;
    const losses = this.losses;
    const epochs = this.epochs;
    this.losses = [];
    this.epochs = [];
    this.lastSentAt = Date.now();
    this.send(losses, epochs);
  }

  private schedule(): void {
    if (this.timer !== null) return;
    // Points after a quiet spell (the first of a run) go out at once; then at most one message per interval.
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }
}
