/**
 * Calls `onGone` when the worker holding the Web Lock `lock` ends (terminated, crashed or out of memory): the
 * lock is granted to us only then. Checked once, with no timers, so a worker busy in a long kernel is never
 * mistaken for a dead one.
 */
export function watchWorkerLock(lock: string, onGone: () => void): void {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return;
  void locks.request(lock, () => onGone());
}
