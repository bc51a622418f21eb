/** A piece of work queued at the gate. */
interface Entry {
  /** `select` switches the global tfjs backend (runs alone); `use` runs tfjs work on whatever backend is active. */
  kind: 'select' | 'use';
  start: () => void;
}

/**
 * The worker's one queue for tfjs work. tfjs has one global backend, and a backend that is still starting throws on
 * any op ("Backend 'wasm' has not yet been initialized"), so:
 * - a backend selection (`select`: Auto's benchmark, a forced backend, a run's own choice) runs alone, after all work
 *   queued before it has finished;
 * - other tfjs work (`use`: a teacher file, an upload, predict, export) waits for every selection queued before it,
 *   and, before any backend was ever chosen, for the first selection (the one the page's first prepare asks for), then
 *   runs next to other `use` work. When `use` work arrives and no selection has run or is queued, `fallback` is
 *   queued as the first selection, so the work never waits for a selection that nobody asked for.
 */
export class BackendGate {
  private readonly queue: Entry[] = [];
  /** `use` work that arrived before any backend was chosen: it goes first once the first selection settles. */
  private early: Entry[] = [];
  private using = 0;
  private selecting = false;
  private chosen = false;

  /** Creates a gate; `fallback` chooses a backend when `use` work comes before anyone asked for one. */
  constructor(private readonly fallback: () => Promise<unknown>) {}

  /** True once a backend selection has settled (succeeded or failed): `use` work no longer waits for the first. */
  get ready(): boolean {
    return this.chosen;
  }

  /** Queues a backend selection; it runs alone once everything queued before it has finished. */
  select<T>(choose: () => Promise<T>): Promise<T> {
    return this.enqueue('select', choose);
  }

  /** Queues tfjs work that needs a started backend; it runs once the selections queued before it have settled. */
  use<T>(work: () => Promise<T>): Promise<T> {
    if (!this.chosen && !this.selecting && !this.queue.some((e) => e.kind === 'select')) void this.select(this.fallback).catch(() => undefined);
    return this.enqueue('use', work);
  }

  private enqueue<T>(kind: Entry['kind'], work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        kind,
        start: () => {
          let result: Promise<T>;
          try {
            result = work();
          } catch (e) {
            result = Promise.reject(e);
          }
          // The gate's state changes before the caller hears of the result, so what it queues next is ordered after.
          result.then(
            (value) => {
              this.settled(kind);
              resolve(value);
            },
            (error: unknown) => {
              this.settled(kind);
              reject(error);
            },
          );
        },
      };
      if (kind === 'use' && !this.chosen) this.early.push(entry);
      else this.queue.push(entry);
      this.pump();
    });
  }

  private settled(kind: Entry['kind']): void {
    if (kind === 'use') this.using--;
    else {
      this.selecting = false;
      if (!this.chosen) {
        this.chosen = true;
        this.queue.unshift(...this.early);
        this.early = [];
      }
    }
    this.pump();
  }

  /** Starts every entry at the head of the queue that may run now. */
  private pump(): void {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (this.selecting || (head.kind === 'select' && this.using > 0)) return;
      this.queue.shift();
      if (head.kind === 'select') this.selecting = true;
      else this.using++;
      head.start();
    }
  }
}
