import { create } from 'zustand';
import type { ViewId } from '../../store/urlHash';

export { VIEW_IDS, isViewId, type ViewId } from '../../store/urlHash';

/** The colour theme: follow the system (`prefers-color-scheme`) or a manual choice. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** localStorage keys of the remembered layout choices. */
export const SETTINGS_OPEN_KEY = 'distill-studio-settings-open';
export const THEME_KEY = 'distill-studio-theme';

/** True for a theme choice. */
export function isThemeChoice(v: unknown): v is ThemeChoice {
  return v === 'system' || v === 'light' || v === 'dark';
}

/** Reads a remembered value (null when storage is unavailable). */
function remembered(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers a value (silently not, when storage is unavailable). */
function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered; still applied.
  }
}

/** Page layout state: the open view, whether the full settings are shown, and the theme. */
export interface LayoutState {
  view: ViewId;
  /** Whether the sidebar shows every setting (false: only the lesson controls). */
  settingsOpen: boolean;
  theme: ThemeChoice;
  setView: (view: ViewId) => void;
  setSettingsOpen: (open: boolean) => void;
  setTheme: (theme: ThemeChoice) => void;
}

const savedTheme = remembered(THEME_KEY);

/** The layout store (not an experiment setting; the view is mirrored into the link). */
export const useLayout = create<LayoutState>()((set) => ({
  view: 'train',
  settingsOpen: remembered(SETTINGS_OPEN_KEY) !== '0',
  theme: isThemeChoice(savedTheme) ? savedTheme : 'system',
  setView: (view) => set({ view }),
  setSettingsOpen: (settingsOpen) => {
    remember(SETTINGS_OPEN_KEY, settingsOpen ? '1' : '0');
    set({ settingsOpen });
  },
  setTheme: (theme) => {
    remember(THEME_KEY, theme);
    set({ theme });
  },
}));
