import { useStudio } from '../../store';
import { parseHash, serializeHash } from '../../store/urlHash';

/** The hash describing the current setup (experiment, hide flags, large-font mode). */
export function currentHash(): string {
  const { hidden, large } = useStudio.getState().share;
  return serializeHash(useStudio.getState().config, hidden, { large });
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
  studio.setLinkView(parsed.hidden, parsed.notices);
}

/** Rewrites the hash in place (history.replaceState: no history entries, no reload) when it differs. */
function writeHash(): void {
  const hash = currentHash();
  if (hash === window.location.hash || (hash === '' && window.location.hash === '')) return;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
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
  const stopStudio = useStudio.subscribe((s, prev) => {
    if (s.share.large !== prev.share.large) syncLargeClass(s.share.large);
    if (s.config !== prev.config || s.share.hidden !== prev.share.hidden || s.share.large !== prev.share.large) writeHash();
  });
  const onHashChange = () => {
    applyLocationHash();
    writeHash();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stopStudio();
    window.removeEventListener('hashchange', onHashChange);
  };
}
