import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { sanitizeConfig } from './configFields';
import { createConfigSlice } from './configSlice';
import { createInspectSlice } from './inspectSlice';
import { createRunSlice } from './runSlice';
import { createUploadSlice } from './uploadSlice';
import type { StudioState } from './types';

/** The single studio store. Only the config is persisted (local storage), validated on the way back in. */
export const useStudio = create<StudioState>()(
  persist(
    (...a) => ({
      ...createConfigSlice(...a),
      ...createRunSlice(...a),
      ...createUploadSlice(...a),
      ...createInspectSlice(...a),
    }),
    {
      name: 'distill-studio-config',
      version: 1,
      partialize: (s) => ({ config: s.config }),
      merge: (persisted, current) => ({
        ...current,
        config: sanitizeConfig((persisted as { config?: unknown } | undefined)?.config).config,
      }),
    },
  ),
);
