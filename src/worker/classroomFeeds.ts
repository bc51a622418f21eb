import type { Dataset } from '../engine/data/types';
import type { ExperimentHooks } from '../engine/train/experiment';
import type { ExperimentConfig } from '../engine/train/types';
import { boundaryFeed } from './boundaryFeed';
import { allEvaluated } from './evaluatedHooks';
import { FeedSpacing } from './feedSpacing';
import { InspectFeed } from './inspectFeed';
import { predictors, type TeacherScores } from './predictors';
import type { Post } from './runner';
import { viewFeeds, type FeedView, type ViewGate } from './viewFeeds';

/**
 * The main run's per-epoch feeds as engine hooks: the predictors' copies of the models (kept first, so a view that
 * opens later is caught up from them), then the classroom logits and the decision boundaries, which work only while
 * their view is open. The feeds are attached to `viewFeeds`, which catches a view up when it opens.
 */
export function classroomFeeds(runId: number, config: ExperimentConfig, data: Dataset, post: Post, teacherScores: TeacherScores | null): Pick<ExperimentHooks, 'onEvaluated' | 'evaluatedLogits' | 'wantsLogits'> {
  const keep = predictors.feed(runId, config, data.inputShape, data.numClasses, teacherScores);
  const gate = (view: FeedView): ViewGate => ({ isOpen: () => viewFeeds.isOpen(view), modelOf: (phase) => predictors.modelOf(runId, phase) });
  const inspect = new InspectFeed(runId, data, post, new FeedSpacing(config.epochs), gate('knowledge'));
  const boundaries = boundaryFeed(data, runId, post, config.epochs, undefined, gate('boundaries'));
  viewFeeds.attach(boundaries ? { knowledge: inspect, boundaries } : { knowledge: inspect });
  return {
    onEvaluated: allEvaluated(keep, inspect.onEvaluated, boundaries?.onEvaluated),
    evaluatedLogits: inspect.logitCount,
    wantsLogits: inspect.wantsLogits,
  };
}
