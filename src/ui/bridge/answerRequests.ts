/** Pending requests by id, each resolved by the worker's answer carrying the same `requestId` (or a stand-in when the worker is gone). */
export class AnswerRequests<A extends { requestId: number }> {
  private nextId = 1;
  private readonly pending = new Map<number, (a: A) => void>();

  /** Requests whose answers are `A`; `gone` makes the answer of a request the worker can no longer give. */
  constructor(private readonly gone: (requestId: number) => A) {}

  /** Registers a request; returns its id and the promise of its answer. */
  add(): { requestId: number; answer: Promise<A> } {
    const requestId = this.nextId++;
    const answer = new Promise<A>((resolve) => this.pending.set(requestId, resolve));
    return { requestId, answer };
  }

  /** Settles the request an answer belongs to. */
  settle(a: A): void {
    const resolve = this.pending.get(a.requestId);
    this.pending.delete(a.requestId);
    resolve?.(a);
  }

  /** Settles every pending request with its stand-in answer (the worker has gone). */
  failAll(): void {
    for (const [requestId, resolve] of this.pending) resolve(this.gone(requestId));
    this.pending.clear();
  }
}
