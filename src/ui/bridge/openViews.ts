import type { ViewId } from '../layout/layoutStore';
import type { OpenViews } from '../../worker/protocol';

/** The classroom feeds the open view shows: Data the decision boundaries, See the dark knowledge the classroom logits. */
export function openViewsOf(view: ViewId): OpenViews {
  return { knowledge: view === 'knowledge', boundaries: view === 'data' };
}

/** True when two sets of open views are the same. */
export function sameViews(a: OpenViews, b: OpenViews): boolean {
  return a.knowledge === b.knowledge && a.boundaries === b.boundaries;
}
