import type { WorkerEvent } from '../../worker/protocol';
import { AnswerRequests } from './answerRequests';

/** A `predicted` answer. */
export type PredictAnswer = Extract<WorkerEvent, { type: 'predicted' }>;

/** Pending predict requests by id: each resolves with the worker's answer (or a crash's). */
export class PredictRequests extends AnswerRequests<PredictAnswer> {
  /** Requests answered `failed` when the worker has gone. */
  constructor() {
    super((requestId) => ({ type: 'predicted', requestId, runId: -1, logits: null, numClasses: 0, problem: 'failed' }));
  }
}
