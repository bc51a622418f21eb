import type * as tf from '@tensorflow/tfjs';
import type { Phase } from '../engine/train/types';
import type { OpenViews } from './protocol';

/** A view whose feed works only while it is open. */
export type FeedView = keyof OpenViews;

/** The feed views, in the order they are caught up. */
const FEED_VIEWS: readonly FeedView[] = ['knowledge', 'boundaries'];

/** A feed of one view: it skips its work while the view is closed, and `fill` posts what the view missed. */
export interface ViewFeed {
  /** Posts what the page lacks of the run so far (the latest per model); never throws. */
  fill(): Promise<void>;
}

/** How a feed learns whether its view is open, and where a catch-up finds each model as of its latest evaluation. */
export interface ViewGate {
  /** Whether the view is open now. */
  isOpen: () => boolean;
  /** The main run's model of `phase` as of its latest evaluation (borrowed: only read it), or null. */
  modelOf: (phase: Phase) => tf.LayersModel | null;
}

/** A view that is always open, with no models to catch up from (feeds used on their own, e.g. in tests). */
export const ALWAYS_OPEN: ViewGate = { isOpen: () => true, modelOf: () => null };

/**
 * Which classroom views the page has open, and the feeds of the latest main run. The feeds ask `isOpen` before each
 * piece of work; a view that opens gets its feed's `fill` (also after the run ended: the feeds outlive it until the
 * next run attaches its own). Until the page says otherwise every view counts as open (the bench harness never says).
 */
export class ViewFeeds {
  private open: OpenViews = { knowledge: true, boundaries: true };
  private feeds: Partial<Record<FeedView, ViewFeed>> = {};

  /** Whether `view` is open now. */
  isOpen(view: FeedView): boolean {
    return this.open[view];
  }

  /** The feeds of a new run replace the previous run's (a view without a feed in this run: absent). */
  attach(feeds: Partial<Record<FeedView, ViewFeed>>): void {
    this.feeds = feeds;
  }

  /** Records the open views; returns the catch-up work of the views that just opened (tfjs work: run it through the backend gate). */
  setOpen(open: OpenViews): (() => Promise<void>)[] {
    const was = this.open;
    this.open = { knowledge: open.knowledge, boundaries: open.boundaries };
    const fills: (() => Promise<void>)[] = [];
    for (const view of FEED_VIEWS) {
      const feed = this.feeds[view];
      if (feed && open[view] && !was[view]) fills.push(() => feed.fill());
    }
    return fills;
  }
}

/** The worker's one record of the open views and the latest run's feeds. */
export const viewFeeds = new ViewFeeds();
