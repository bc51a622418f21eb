import type { WorkerEvent } from '../../worker/protocol';

/** A `predicted` answer. */
export type PredictAnswer = Extract<WorkerEvent, { type: 'predicted' }>;

/** Pending predict requests by id: each resolves with the worker's answer (or a crash's). */
export class PredictRequests {
  private nextId = 1;
  private readonly pending = new Map<number, (a: PredictAnswer) => void>();

  /** Registers a request; returns its id and the promise of its answer. */
  add(): { requestId: number; answer: Promise<PredictAnswer> } {
    const requestId = this.nextId++;
    const answer = new Promise<PredictAnswer>((resolve) => this.pending.set(requestId, resolve));
    return { requestId, answer };
  }

  /** Settles the request an answer belongs to. */
  settle(a: PredictAnswer): void {
    const resolve = this.pending.get(a.requestId);
    this.pending.delete(a.requestId);
    resolve?.(a);
  }

  /** Settles every pending request with a failure (the worker has gone). */
  failAll(): void {
    for (const [requestId, resolve] of this.pending) resolve({ type: 'predicted', requestId, runId: -1, logits: null, numClasses: 0, problem: 'failed' });
    this.pending.clear();
  }
}
