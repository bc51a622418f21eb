import { useEffect } from 'react';
import { useStudio } from '../../store';
import { recordFromRun, studentFromArtifacts } from '../../store/history/fromRun';
import type { RunState } from '../../store/runState';
import { studioWorker } from '../bridge/studioWorker';

/** Live run ids already saved this session (module-level, so a remounted panel never saves twice). */
const savedRunIds = new Set<number>();

/** Saves a finished run at once (so a reload cannot lose it), then again with the distilled student's weights. */
async function saveFinishedRun(run: RunState): Promise<void> {
  const record = recordFromRun(run, null);
  if (!record) return;
  const { saveHistoryRun } = useStudio.getState();
  await saveHistoryRun(record);
  let student = null;
  try {
    student = studentFromArtifacts(await studioWorker.requestStudent(run.id));
  } catch {
    return; // The worker could not hand the student over: the run stays saved without weights.
  }
  if (student) await saveHistoryRun({ ...record, student });
}

/** Loads the history once, then saves every live run that finishes (status done) to it, for as long as the caller is mounted. */
export function useHistoryAutosave(): void {
  useEffect(() => {
    void useStudio.getState().loadHistory();
  }, []);
  useEffect(
    () =>
      useStudio.subscribe((state, prev) => {
        const run = state.run;
        if (state.viewing || run.id <= 0 || run.status !== 'done' || prev.run.status === 'done' || savedRunIds.has(run.id)) return;
        savedRunIds.add(run.id);
        void saveFinishedRun(run);
      }),
    [],
  );
}
