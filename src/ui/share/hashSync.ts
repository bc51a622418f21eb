import { useStudio } from '../../store';
import { parseHash, serializeHash, type LinkedLesson } from '../../store/urlHash';
import { clockTimers, RateLimiter, type Timers } from '../../util/rateLimit';
import { useLayout } from '../layout/layoutStore';

/** Hash writes come at most this often (ms): a slider held down changes the settings at every key repeat. */
const HASH_WRITE_INTERVAL_MS = 250;
/** A hash write waits at least this long (ms), past the frame that shows the change itself. */
const HASH_WRITE_DELAY_MS = 50;
/** sessionStorage key: the tab's setup as a hash, kept when the page goes away, for a reload of the same tab. */
const LEFT_SETUP_KEY = 'distill-studio-left-setup';

/** The open lesson and its applied part (1-based) as a link names them. */
function linkedLesson(): LinkedLesson | null {
  const { lessonId, lessonPart } = useStudio.getState();
  return lessonId ? { id: lessonId, part: lessonPart === null ? null : lessonPart + 1 } : null;
}

/** The hash describing the current setup (experiment, hide flags, large-font mode, view, lesson). */
export function currentHash(): string {
  const { hidden, large } = useStudio.getState().share;
  return serializeHash(useStudio.getState().config, hidden, { large, view: useLayout.getState().view }, linkedLesson());
}

/** The full link to the current setup. */
export function currentLink(): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${currentHash()}`;
}

/**
 * Applies the page's hash (or `hash`): when it names any experiment field it defines the whole experiment (winning
 * over the settings saved in local storage; fields it leaves out take their defaults). Hide flags and large-font mode
 * are applied; problems become notices.
 */
export function applyLocationHash(hash: string = window.location.hash): void {
  const parsed = parseHash(hash);
  if (parsed.hasConfig) useStudio.getState().setConfig(parsed.config);
  const studio = useStudio.getState();
  if (parsed.view.large !== undefined) studio.setLarge(parsed.view.large);
  if (parsed.view.view !== undefined) useLayout.getState().setView(parsed.view.view);
  applyLinkedLesson(parsed.lesson, parsed.hasConfig);
  useStudio.getState().setLinkView(parsed.hidden, parsed.notices);
}

/**
 * Opens the link's lesson. Its part is applied when the link carries no settings of its own; a link copied from
 * the studio carries the part's settings (and any change made after it), which then win and the part is only marked.
 */
function applyLinkedLesson(lesson: LinkedLesson | null, hasConfig: boolean): void {
  if (!lesson) return;
  const studio = useStudio.getState();
  if (studio.lessonId !== lesson.id) studio.openLesson(lesson.id);
  if (lesson.part === null) return;
  if (hasConfig) useStudio.getState().markLessonPart(lesson.part - 1);
  else useStudio.getState().applyLessonPart(lesson.part - 1);
}

/** Rewrites the hash in place (history.replaceState: no history entries, no reload) when it differs. */
function writeHash(): void {
  const hash = currentHash();
  if (hash === window.location.hash || (hash === '' && window.location.hash === '')) return;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
}

/**
 * Calls `listener` whenever something the link carries changes (settings, hide flags, large-font mode, lesson and
 * part, view). Returns a function that stops listening.
 */
export function onSetupChange(listener: () => void): () => void {
  const stopStudio = useStudio.subscribe((s, prev) => {
    if (
      s.config !== prev.config ||
      s.share.hidden !== prev.share.hidden ||
      s.share.large !== prev.share.large ||
      s.lessonId !== prev.lessonId ||
      s.lessonPart !== prev.lessonPart
    )
      listener();
  });
  const stopLayout = useLayout.subscribe((s, prev) => {
    if (s.view !== prev.view) listener();
  });
  return () => {
    stopStudio();
    stopLayout();
  };
}

/** The tab's sessionStorage, or null where it cannot be used (some private modes throw). */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Keeps the tab's setup (as a hash) when the page goes away. A reload loads the address bar's hash as it was when the
 * reload began, which can be older than the setup: a hash write may still have been waiting.
 */
function rememberSetupOnLeave(): void {
  try {
    tabStorage()?.setItem(LEFT_SETUP_KEY, currentHash());
  } catch {
    // Storage full or denied: a reload then opens the address bar's hash, as links always did.
  }
}

/**
 * The setup this tab had when it went away, if this page is a reload of it (null otherwise: a link opened anew, in
 * this tab or another, always wins). Read once: the record is removed.
 */
function setupLeftBeforeReload(): string | null {
  const storage = tabStorage();
  try {
    const left = storage?.getItem(LEFT_SETUP_KEY) ?? null;
    storage?.removeItem(LEFT_SETUP_KEY);
    const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav?.type === 'reload' ? left : null;
  } catch {
    return null;
  }
}

/** setTimeout, but never sooner than `HASH_WRITE_DELAY_MS`. */
const afterNextFrame: Timers = { now: clockTimers.now, later: (fn, ms) => clockTimers.later(fn, Math.max(ms, HASH_WRITE_DELAY_MS)) };

/** Mirrors large-font mode onto <html class="large-font">. */
function syncLargeClass(large: boolean): void {
  document.documentElement.classList.toggle('large-font', large);
}

/**
 * Reads the link once (call before the first render), then keeps the hash in step with the settings and
 * re-reads it when the user edits or pastes a new hash. Returns a function that stops the syncing.
 */
export function startShareLink(): () => void {
  // A reload restores the tab's own setup as it was when the page went away (its newest, unlike the address bar's).
  applyLocationHash(setupLeftBeforeReload() ?? window.location.hash);
  syncLargeClass(useStudio.getState().share.large);
  writeHash();
  const stopLarge = useStudio.subscribe((s, prev) => {
    if (s.share.large !== prev.share.large) syncLargeClass(s.share.large);
  });
  // A change rewrites the hash after the frame that shows it, at most every 250 ms: history.replaceState took about a
  // third of a T slider step's main-thread time (profiled), inside the key press's own task. A reload in that moment
  // would load the older hash, so the tab keeps its setup when the page goes away (see `setupLeftBeforeReload`).
  const hashWriter = new RateLimiter(writeHash, HASH_WRITE_INTERVAL_MS, afterNextFrame, false);
  const stopSetup = onSetupChange(() => hashWriter.request());
  window.addEventListener('pagehide', rememberSetupOnLeave);
  const onHashChange = () => {
    applyLocationHash();
    writeHash();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stopLarge();
    stopSetup();
    hashWriter.cancel();
    window.removeEventListener('pagehide', rememberSetupOnLeave);
    window.removeEventListener('hashchange', onHashChange);
  };
}
