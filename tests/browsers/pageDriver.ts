/** A function run in the page: its arguments and result cross the wire as JSON (elements excepted, see `click`). */
export type PageFunction<A extends unknown[], R> = (...args: A) => R;

/** One browser tab under remote control, whatever protocol drives it (CDP, WebDriver BiDi, WebDriver classic). */
export interface PageDriver {
  /** Browser name and version as the browser reports it, e.g. "firefox/153.8.0". */
  readonly version: string;
  /** Opens a URL in the tab. */
  open(url: string): Promise<void>;
  /** Runs a function in the page and returns its (JSON) result. */
  evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R>;
  /** Waits until a page function returns true (polled); throws `what` on timeout. */
  waitFor<A extends unknown[]>(what: string, timeoutMs: number, fn: PageFunction<A, boolean>, ...args: A): Promise<void>;
  /** Clicks, with the driver's own input (a real pointer click), the element that a page function returns. */
  click<A extends unknown[]>(find: PageFunction<A, Element | null>, ...args: A): Promise<void>;
  /** The bytes of a file the browser downloaded, once it is complete (`complete` says when: e.g. a zip that unzips). */
  downloaded(fileName: string, timeoutMs: number, complete: (bytes: Uint8Array) => boolean): Promise<Uint8Array>;
  /** The page's console messages and uncaught errors so far, as the protocol reports them (empty where it reports none). */
  messages(): string[];
  /** Ends the session and the browser. */
  close(): Promise<void>;
}
