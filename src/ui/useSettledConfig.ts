import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStudio } from '../store';
import { LIVE_FIELDS, type LiveField, type SettledConfig, type StudioConfig } from '../store/configFields';
import { experimentOf } from '../store/experimentOf';
import type { ExperimentConfig } from '../engine/train/types';

/** Whether two settings differ only in T and α (or not at all). */
export function sameSettled(a: StudioConfig, b: StudioConfig): boolean {
  const keys = Object.keys(b) as (keyof StudioConfig)[];
  if (Object.keys(a).length !== keys.length) return false;
  const live: readonly string[] = LIVE_FIELDS;
  return keys.every((k) => live.includes(k) || Object.is(a[k], b[k]));
}

/** A store selector of the settings that keeps returning the same object while only T and α change. */
export function settledConfigSelector(): (s: { config: StudioConfig }) => StudioConfig {
  let last: StudioConfig | null = null;
  return (s) => {
    if (last === null || !sameSettled(last, s.config)) last = s.config;
    return last;
  };
}

/**
 * The settings for a control that shows neither T nor α: it re-renders when any other setting changes, not at each
 * step of the live sliders (during a run those move many times a second). T and α are left out of its type.
 */
export function useSettledConfig(): SettledConfig {
  const [select] = useState(settledConfigSelector);
  return useStudio(select);
}

/** Some settings by name: the control re-renders only when one of them changes. */
export function useConfigFields<K extends keyof StudioConfig>(...keys: K[]): Pick<StudioConfig, K> {
  return useStudio(
    useShallow((s) => {
      const out = {} as Pick<StudioConfig, K>;
      for (const k of keys) out[k] = s.config[k];
      return out;
    }),
  );
}

/**
 * The experiment Start would build (settings, data in use, loaded teacher), for checks that read neither T nor α: built
 * again when another setting, the upload or the loaded teacher changes, not at each step of the live sliders.
 */
export function useSettledExperiment(): Omit<ExperimentConfig, LiveField> {
  const config = useSettledConfig();
  const upload = useStudio((s) => s.upload);
  const models = useStudio((s) => s.models);
  // The store's config is `config` itself up to T and α, which the result's type leaves out.
  return useMemo(() => experimentOf({ config: useStudio.getState().config, upload, models }), [config, upload, models]);
}
