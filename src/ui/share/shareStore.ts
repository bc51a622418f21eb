import { create } from 'zustand';
import type { HashNotice, HideId } from '../../store/urlHash';

/** localStorage key of large-font mode. */
export const LARGE_FONT_KEY = 'distill-studio-large-font';

/** Link state of the page: hidden controls, the link's notices, and large-font (projector) mode. */
export interface ShareState {
  /** Controls hidden by the link's hide flags (they keep their values). */
  hidden: HideId[];
  /** What in the opened link could not be used, until dismissed. */
  notices: HashNotice[];
  /** Large-font mode for projectors. */
  large: boolean;
  /** Turns large-font mode on or off and remembers it. */
  setLarge: (large: boolean) => void;
  /** Hides the notices. */
  dismissNotices: () => void;
}

/** The saved large-font choice (false when storage is unavailable). */
function savedLarge(): boolean {
  try {
    return localStorage.getItem(LARGE_FONT_KEY) === '1';
  } catch {
    return false;
  }
}

/** The link state store (separate from the studio store: nothing here is an experiment setting). */
export const useShare = create<ShareState>()((set) => ({
  hidden: [],
  notices: [],
  large: typeof localStorage === 'undefined' ? false : savedLarge(),
  setLarge: (large) => {
    try {
      localStorage.setItem(LARGE_FONT_KEY, large ? '1' : '0');
    } catch {
      // Not remembered; still applied.
    }
    set({ large });
  },
  dismissNotices: () => set({ notices: [] }),
}));

/** True when the link hides this control. */
export function useHidden(id: HideId): boolean {
  return useShare((s) => s.hidden.includes(id));
}
