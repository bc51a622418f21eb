import { useStudio } from '../../store';
import { parseHash, serializeHash, type LinkedLesson } from '../../store/urlHash';
import { useLayout } from '../layout/layoutStore';

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
 * the settings saved in local storage; fields it leaves out take their defaults). Hide flags and large-font
 * mode are applied; problems become notices.
 */
export function applyLocationHash(): void {
  const parsed = parseHash(window.location.hash);
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

/** Mirrors large-font mode onto <html class="large-font">. */
function syncLargeClass(large: boolean): void {
  document.documentElement.classList.toggle('large-font', large);
}

/**
 * Reads the link once (call before the first render), then keeps the hash in step with the settings and
 * re-reads it when the user edits or pastes a new hash. Returns a function that stops the syncing.
 */
export function startShareLink(): () => void {
  applyLocationHash();
  syncLargeClass(useStudio.getState().share.large);
  writeHash();
  const stopLarge = useStudio.subscribe((s, prev) => {
    if (s.share.large !== prev.share.large) syncLargeClass(s.share.large);
  });
  const stopSetup = onSetupChange(writeHash);
  const onHashChange = () => {
    applyLocationHash();
    writeHash();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stopLarge();
    stopSetup();
    window.removeEventListener('hashchange', onHashChange);
  };
}
