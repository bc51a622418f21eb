import type { io } from '@tensorflow/tfjs-core';
import type { WorkerEvent } from '../../worker/protocol';

interface Waiter {
  runId: number;
  resolve: (artifacts: io.ModelArtifacts) => void;
  reject: (error: Error) => void;
}

/** Pending "give me the student" requests (e.g. for the history) whose answers must not become downloads. */
export class StudentRequests {
  private waiters: Waiter[] = [];

  /** Registers a request for `runId`'s student; settles with the worker's next `exported` / `exportFailed` for that run. */
  add(runId: number): Promise<io.ModelArtifacts> {
    return new Promise((resolve, reject) => this.waiters.push({ runId, resolve, reject }));
  }

  /** Settles the oldest waiter of the event's run; false when nobody waits (then the event is a user download). */
  settle(event: Extract<WorkerEvent, { type: 'exported' | 'exportFailed' }>): boolean {
    const i = this.waiters.findIndex((w) => w.runId === event.runId);
    if (i < 0) return false;
    const [w] = this.waiters.splice(i, 1);
    if (event.type === 'exported') w!.resolve(event.artifacts);
    else w!.reject(new Error(event.message));
    return true;
  }

  /** Rejects every pending request (the worker that would answer is gone). */
  failAll(message: string): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new Error(message));
  }
}
