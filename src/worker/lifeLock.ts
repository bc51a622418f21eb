/// <reference lib="webworker" />
import type { WorkerEvent } from './protocol';

/**
 * Holds a Web Lock for the worker's whole life and then announces it: a terminated worker (crash, out of
 * memory, `terminate()`) releases its locks at once, so the UI learns of it without polling, and a worker
 * busy in a multi-second kernel is not mistaken for a dead one (a timed heartbeat would be).
 */
export function holdLivenessLock(post: (event: WorkerEvent) => void): void {
  const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return;
  const lock = `distill-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  void locks.request(lock, () => {
    post({ type: 'alive', lock });
    return new Promise<never>(() => {});
  });
}
