import { create } from 'zustand';

/** The temperature explorer's own T (null: follow the run's T), shared with the "Try it yourself" panel. */
export const useExplorerT = create<{ temperature: number | null; setTemperature: (t: number | null) => void }>()((set) => ({
  temperature: null,
  setTemperature: (temperature) => set({ temperature }),
}));

/** The temperature the explorer shows: its own slider's value, else the run's (or the settings') T. */
export function explorerTemperature(own: number | null, runT: number): number {
  return own ?? runT;
}
