import { SpacingGate } from '../util/rateLimit';

/** Per-epoch feeds (classroom logits, checkpoints) post at most this often (ms), besides each phase's first and last epoch. */
export const FEED_SPACING_MS = 400;

/**
 * Spaces a per-epoch feed: a short run ends an epoch every few milliseconds, and every post makes the page re-render
 * its panels (or clone a checkpoint), so only the first and last epoch of a phase and one epoch per `spacingMs` pass.
 */
export class FeedSpacing {
  private readonly gate: SpacingGate;

  /** Spacing for phases of `epochs` epochs, on the clock `now` (ms). */
  constructor(
    private readonly epochs: number,
    spacingMs = FEED_SPACING_MS,
    now?: () => number,
  ) {
    this.gate = new SpacingGate(spacingMs, now);
  }

  /** Whether `allow(epoch)` would pass now, without recording anything. */
  wouldAllow(epoch: number): boolean {
    return this.always(epoch) || this.gate.isOpen();
  }

  /** Whether the feed may post for `epoch` (1-based) now; records the post when it may. */
  allow(epoch: number): boolean {
    return this.gate.pass(this.always(epoch));
  }

  /** A phase's first and last epoch always pass. */
  private always(epoch: number): boolean {
    return epoch === 1 || epoch >= this.epochs;
  }
}
