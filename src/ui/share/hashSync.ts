import { useStudio } from '../../store';
import { parseHash, serializeHash, type LinkedLesson } from '../../store/urlHash';
import { clockTimers, RateLimiter, type Timers } from '../../util/rateLimit';
import { useLayout } from '../layout/layoutStore';

/** Hash writes come at most this often (ms): a slider held down changes the settings at every key repeat. */
const HASH_WRITE_INTERVAL_MS = 250;
/** A hash write waits at least this long (ms), past the frame that shows the change itself. */
const HASH_WRITE_DELAY_MS = 50;
/** sessionStorage key: the hash the address bar still shows while a newer one waits to be written. */
const STALE_HASH_KEY = 'distill-studio-stale-hash';

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
 * Applies the page's hash: when it names any experiment field it defines the whole experiment (winning over
 * the settings saved in local storage; fields it leaves out take their defaults), unless `keepSavedSettings`. Hide
 * flags and large-font mode are applied; problems become notices.
 */
export function applyLocationHash(keepSavedSettings = false): void {
  const parsed = parseHash(window.location.hash);
  if (parsed.hasConfig && !keepSavedSettings) useStudio.getState().setConfig(parsed.config);
  const studio = useStudio.getState();
  if (parsed.view.large !== undefined) studio.setLarge(parsed.view.large);
  if (parsed.view.view !== undefined) useLayout.getState().setView(parsed.view.view);
  // With the saved settings kept, the lesson's part is only marked (applying it would replace them).
  applyLinkedLesson(parsed.lesson, parsed.hasConfig || keepSavedSettings);
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

/** Notes (for this tab) that the address bar's hash is older than the settings until the waiting write lands. */
function markHashStale(): void {
  try {
    tabStorage()?.setItem(STALE_HASH_KEY, window.location.hash);
  } catch {
    // Storage full or denied: a reload within moments of a change then opens the older hash, as links always did.
  }
}

/** The address bar's hash is in step with the settings again. */
function clearStaleMark(): void {
  try {
    tabStorage()?.removeItem(STALE_HASH_KEY);
  } catch {
    // Nothing to clear.
  }
}

/**
 * True when this page is a reload of a tab whose hash was still waiting to be rewritten after a change (a reload
 * within moments of moving a slider): the hash in the address bar is then older than the settings saved in local
 * storage, which are kept. A link opened anew (not a reload, or another hash) always wins.
 */
function reloadedWithStaleHash(): boolean {
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav?.type !== 'reload') return false;
  try {
    return tabStorage()?.getItem(STALE_HASH_KEY) === window.location.hash;
  } catch {
    return false;
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
  applyLocationHash(reloadedWithStaleHash());
  clearStaleMark();
  syncLargeClass(useStudio.getState().share.large);
  writeHash();
  const stopLarge = useStudio.subscribe((s, prev) => {
    if (s.share.large !== prev.share.large) syncLargeClass(s.share.large);
  });
  // A change rewrites the hash after the frame that shows it, at most every 250 ms: history.replaceState took about a
  // third of a T slider step's main-thread time (profiled), inside the key press's own task. Until the write lands, the
  // tab notes that its hash is stale, so a reload in that moment keeps the newer saved settings.
  const hashWriter = new RateLimiter(
    () => {
      writeHash();
      clearStaleMark();
    },
    HASH_WRITE_INTERVAL_MS,
    afterNextFrame,
    false,
  );
  const stopSetup = onSetupChange(() => {
    if (!hashWriter.pending) markHashStale();
    hashWriter.request();
  });
  const onHashChange = () => {
    applyLocationHash();
    writeHash();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stopLarge();
    stopSetup();
    hashWriter.cancel();
    window.removeEventListener('hashchange', onHashChange);
  };
}
