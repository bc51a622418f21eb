import { useMemo } from 'react';
import { summariseCompare, type CompareSummary, type CompareTrial } from '../../engine/train/compareSummary';
import { useStudio } from '../../store';

/**
 * The method comparison's summary: the finished run's, else computed from the trials streamed so far (the same pure
 * function the engine uses); null when the run compares no methods or the main run's scratch student is not done.
 */
export function useCompareSummary(): CompareSummary | null {
  const compare = useStudio((s) => s.run.config?.compare ?? null);
  const trials = useStudio((s) => s.run.trials);
  const finished = useStudio((s) => s.run.results?.compare ?? null);
  const scratch = useStudio((s) => s.run.results?.scratch.accuracy ?? null);
  const lastScratch = useStudio((s) => {
    const rows = s.run.epochRows;
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.scratch !== undefined) return rows[i]!.scratch!;
    return null;
  });
  return useMemo(() => {
    if (finished) return finished;
    const own = trials.filter((t): t is CompareTrial => t.kind === 'compare');
    const seed1 = scratch ?? lastScratch;
    if (!compare || own.length === 0 || seed1 === null) return null;
    return summariseCompare(compare, seed1, own);
  }, [compare, trials, finished, scratch, lastScratch]);
}
