import type { Dataset } from '../engine/data/types';
import { BOUNDARY_GRID_SIZE, boundaryExtent, gridPoints, predictGrid } from '../engine/inspect/boundaryGrid';
import type { ExperimentHooks } from '../engine/train/experiment';
import type { Post } from './runner';

/**
 * The `onEvaluated` hook that posts a decision-boundary grid of every main-run model after each epoch, for
 * datasets with 2-D inputs (undefined for any other shape, so image runs pay nothing). The grid covers the
 * train and test points with a margin; its cell centres are computed once per run.
 */
export function boundaryFeed(data: Dataset, runId: number, post: Post): ExperimentHooks['onEvaluated'] {
  if (data.inputShape.length !== 1 || data.inputShape[0] !== 2) return undefined;
  const size = BOUNDARY_GRID_SIZE;
  const extent = boundaryExtent([data.train.x, data.test.x]);
  const points = gridPoints(extent, size);
  return async (phase, epoch, model) => {
    const grid = await predictGrid(model, extent, size, points);
    post({ type: 'boundary', runId, phase, epoch, ...grid }, [grid.classes.buffer as ArrayBuffer, grid.confidence.buffer as ArrayBuffer]);
  };
}
