import type { Dataset } from '../engine/data/types';
import { BOUNDARY_GRID_SIZE, boundaryExtent, gridPoints, predictGrid } from '../engine/inspect/boundaryGrid';
import type { ExperimentHooks } from '../engine/train/experiment';
import { FEED_SPACING_MS } from './feedSpacing';
import { SpacingGate } from '../util/rateLimit';
import type { Post } from './runner';

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
 * The `onEvaluated` hook that posts a decision-boundary grid of every main-run model after each epoch (within
 * `GridBudget`), for datasets with 2-D inputs; undefined for any other shape, so image runs pay nothing. The
 * grid covers the train and test points with a margin; its cell centres are computed once per run.
 */
export function boundaryFeed(data: Dataset, runId: number, post: Post, epochs: number, now = () => performance.now()): ExperimentHooks['onEvaluated'] {
  if (data.inputShape.length !== 1 || data.inputShape[0] !== 2) return undefined;
  const size = BOUNDARY_GRID_SIZE;
  const extent = boundaryExtent([data.train.x, data.test.x]);
  const points = gridPoints(extent, size);
  const budget = new GridBudget(FEED_SPACING_MS);
  return async (phase, epoch, model) => {
    const start = now();
    if (!model || !budget.shouldDraw(epoch, epochs, start)) return; // no grid for a teacher known only by its logits
    const grid = await predictGrid(model, extent, size, points);
    budget.record(start, now());
    post({ type: 'boundary', runId, phase, epoch, ...grid }, [grid.classes.buffer as ArrayBuffer, grid.confidence.buffer as ArrayBuffer]);
  };
}
