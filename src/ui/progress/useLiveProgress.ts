import { useMemo } from 'react';
import { useStudio } from '../../store';
import { progressOf, type RunProgressState } from '../../store/progress';
import { liveRun } from '../../store/runSlice';

/** The live run's whole-run progress, derived from its run state (so it changes once per applied batch of events). */
export function useLiveProgress(): RunProgressState {
  const run = useStudio(liveRun);
  return useMemo(() => progressOf(run), [run]);
}
