import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../engine/data/types';
import { BOUNDARY_GRID_SIZE, boundaryExtent, gridPoints, predictGrid, type Extent } from '../engine/inspect/boundaryGrid';
import type { ExperimentHooks } from '../engine/train/experiment';
import type { Phase } from '../engine/train/types';
import { FEED_SPACING_MS } from './feedSpacing';
import { SpacingGate } from '../util/rateLimit';
import type { Post } from './runner';
import { ALWAYS_OPEN, type ViewFeed, type ViewGate } from './viewFeeds';

type Evaluated = NonNullable<ExperimentHooks['onEvaluated']>;

/**
 * Keeps the grids' cost at most about a third of the run's time on slow backends: the first and last epoch of a
 * phase always get a grid; another epoch only when at least twice the last grid's duration (and the minimum spacing)
 * has passed since it ended.
 */
export class GridBudget {
  private lastMs = 0;
  /** Measures the spacing from the last grid's end. */
  private readonly gate: SpacingGate;

  /** A budget that also leaves at least `minSpacingMs` between two grids (each one is redrawn on the page). */
  constructor(private readonly minSpacingMs = 0) {
    this.gate = new SpacingGate(minSpacingMs);
  }

  /** Whether the grid after `epoch` (1-based, of `epochs`) should be computed at time `now` (ms). */
  shouldDraw(epoch: number, epochs: number, now: number): boolean {
    return epoch === 1 || epoch >= epochs || this.gate.isOpen(Math.max(2 * this.lastMs, this.minSpacingMs), now);
  }

  /** Records a grid computed from `start` to `end` (ms). */
  record(start: number, end: number): void {
    this.lastMs = end - start;
    this.gate.mark(end);
  }
}

/**
 * Posts a decision-boundary grid of every main-run model after each epoch (within `GridBudget`) while the Data view is
 * open; while it is closed only each model's latest evaluated epoch is remembered, and `fill` draws those grids (from
 * `modelOf`) when it opens. The grid covers the train and test points with a margin; its cell centres are computed
 * once per run.
 */
export class BoundaryFeed implements ViewFeed {
  private readonly size = BOUNDARY_GRID_SIZE;
  private readonly extent: Extent;
  private readonly points: Float32Array;
  private readonly budget = new GridBudget(FEED_SPACING_MS);
  /** Each model's latest evaluated epoch. */
  private readonly latest = new Map<Phase, number>();
  /** The epoch of each model's grid the page has. */
  private readonly sent = new Map<Phase, number>();

  /** A feed for run `runId` of `epochs` epochs per phase over `data` (2-D inputs). */
  constructor(
    data: Dataset,
    private readonly runId: number,
    private readonly post: Post,
    private readonly epochs: number,
    private readonly now: () => number,
    private readonly view: ViewGate,
  ) {
    this.extent = boundaryExtent([data.train.x, data.test.x]);
    this.points = gridPoints(this.extent, this.size);
  }

  /** The `onEvaluated` hook (no grid for a teacher known only by its logits). */
  readonly onEvaluated: Evaluated = async (phase, epoch, model) => {
    if (!model) return;
    this.latest.set(phase, epoch);
    if (!this.view.isOpen()) return;
    const start = this.now();
    if (!this.budget.shouldDraw(epoch, this.epochs, start)) return;
    await this.draw(phase, epoch, model, start);
  };

  /** Catches an opened view up: each model's grid as of its latest evaluation, where the page has an older one (or none). */
  async fill(): Promise<void> {
    for (const [phase, epoch] of [...this.latest]) {
      const model = this.sent.get(phase) === epoch ? null : this.view.modelOf(phase);
      if (!model) continue;
      try {
        await this.draw(phase, epoch, model, this.now());
      } catch {
        // A model gone since (a removed teacher file): that view stays as it was.
      }
    }
  }

  /** Predicts and posts one grid (buffers transferred). */
  private async draw(phase: Phase, epoch: number, model: tf.LayersModel, start: number): Promise<void> {
    const grid = await predictGrid(model, this.extent, this.size, this.points);
    this.budget.record(start, this.now());
    this.sent.set(phase, epoch);
    this.post({ type: 'boundary', runId: this.runId, phase, epoch, ...grid }, [grid.classes.buffer as ArrayBuffer, grid.confidence.buffer as ArrayBuffer]);
  }
}

/** The boundary feed of a run, for datasets with 2-D inputs; undefined for any other shape, so image runs pay nothing. */
export function boundaryFeed(data: Dataset, runId: number, post: Post, epochs: number, now = () => performance.now(), view: ViewGate = ALWAYS_OPEN): BoundaryFeed | undefined {
  if (data.inputShape.length !== 1 || data.inputShape[0] !== 2) return undefined;
  return new BoundaryFeed(data, runId, post, epochs, now, view);
}
