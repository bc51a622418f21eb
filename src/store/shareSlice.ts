import type { StateCreator } from 'zustand';
import type { HashNotice, HideId } from './urlHash';
import type { StudioState } from './types';

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
}

/** The link slice: view state that is not an experiment setting (so it is neither persisted with the config nor in history). */
export interface ShareSlice {
  share: ShareState;
  /** Turns large-font mode on or off and remembers it. */
  setLarge: (large: boolean) => void;
  /** Hides the notices. */
  dismissNotices: () => void;
  /** Applies an opened link's hide flags and notices. */
  setLinkView: (hidden: HideId[], notices: HashNotice[]) => void;
}

/** The saved large-font choice (false when storage is unavailable). */
function savedLarge(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(LARGE_FONT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Creates the link slice. */
export const createShareSlice: StateCreator<StudioState, [], [], ShareSlice> = (set) => ({
  share: { hidden: [], notices: [], large: savedLarge() },
  setLarge: (large) => {
    try {
      localStorage.setItem(LARGE_FONT_KEY, large ? '1' : '0');
    } catch {
      // Not remembered; still applied.
    }
    set((s) => ({ share: { ...s.share, large } }));
  },
  dismissNotices: () => set((s) => ({ share: { ...s.share, notices: [] } })),
  setLinkView: (hidden, notices) => set((s) => ({ share: { ...s.share, hidden, notices } })),
});
