import { useLayout, type ThemeChoice } from './layoutStore';

/** The theme in effect: the manual choice, or the system's `prefers-color-scheme`. */
export function resolvedTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

/** Mirrors the theme onto <html data-theme> (and `color-scheme`) and follows system changes; returns a function that stops. */
export function startTheme(): () => void {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const apply = () => {
    const theme = resolvedTheme(useLayout.getState().theme, query?.matches ?? false);
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  };
  apply();
  const stop = useLayout.subscribe((s, prev) => s.theme !== prev.theme && apply());
  query?.addEventListener('change', apply);
  return () => {
    stop();
    query?.removeEventListener('change', apply);
  };
}
