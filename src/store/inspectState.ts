import type { InspectExamples } from '../engine/inspect/examples';
import type { Phase } from '../engine/train/types';
import type { WorkerEvent } from '../worker/protocol';

/** One model's latest logits on the inspected examples, and the epoch they come from. */
export interface ModelLogits {
  epoch: number;
  /** Row-major `count × numClasses`. */
  logits: Float32Array;
}

/** What the classroom views show: the inspected test examples and each model's latest logits. */
export interface InspectState {
  /** The run these belong to. */
  runId: number;
  examples: InspectExamples | null;
  logits: Partial<Record<Phase, ModelLogits>>;
}

/** Nothing inspected yet. */
export const EMPTY_INSPECT: InspectState = { runId: 0, examples: null, logits: {} };

/** A fresh, empty state for a new run. */
export function resetInspect(runId: number): InspectState {
  return { runId, examples: null, logits: {} };
}

/** Applies one worker event (other kinds and other runs are ignored); keeps only the latest logits per model. Pure. */
export function reduceInspect(state: InspectState, event: WorkerEvent): InspectState {
  if (event.type === 'inspectExamples') {
    if (event.runId !== state.runId) return state;
    return { runId: state.runId, examples: event.examples, logits: {} };
  }
  if (event.type === 'inspectLogits') {
    if (event.runId !== state.runId || !state.examples) return state;
    if (event.logits.length !== state.examples.count * state.examples.numClasses) return state;
    return { ...state, logits: { ...state.logits, [event.phase]: { epoch: event.epoch, logits: event.logits } } };
  }
  return state;
}
