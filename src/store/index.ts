import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { changedOnlyStorage } from './changedOnlyStorage';
import { sanitizeConfig } from './configFields';
import { createStudioSlices } from './slices';
import type { StudioState } from './types';

/** The single studio store. Only the config is persisted (local storage), validated on the way back in. */
export const useStudio = create<StudioState>()(
  persist(
    createStudioSlices,
    {
      name: 'distill-studio-config',
      version: 1,
      partialize: (s) => ({ config: s.config }),
      storage: createJSONStorage(changedOnlyStorage(() => localStorage)),
      merge: (persisted, current) => ({
        ...current,
        config: sanitizeConfig((persisted as { config?: unknown } | undefined)?.config).config,
      }),
    },
  ),
);
