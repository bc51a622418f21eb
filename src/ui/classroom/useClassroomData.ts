import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectExamples } from '../../engine/inspect/examples';
import type { Phase } from '../../engine/train/types';
import { useStudio } from '../../store';
import type { ModelLogits } from '../../store/inspectState';
import { classLabel } from '../i18n/labels';

/** What every classroom panel reads: the inspected examples, each model's latest logits and the class names. */
export interface ClassroomData {
  examples: InspectExamples;
  logits: Partial<Record<Phase, ModelLogits>>;
  classNames: string[];
  /** Classes left out of the students' training set in this run. */
  excluded: number[];
}

/** The classroom data of the current run, `'loading'` while a run prepares, or null before any run. */
export function useClassroomData(): ClassroomData | 'loading' | null {
  const inspect = useStudio((s) => s.inspect);
  const runId = useStudio((s) => s.run.id);
  const status = useStudio((s) => s.run.status);
  const names = useStudio((s) => s.run.dataset?.classNames);
  const excluded = useStudio((s) => s.run.config?.excludeClasses);
  // Built-in class names are translated; an upload's own (its folder names) are shown as they are.
  const datasetId = useStudio((s) => (s.run.config && !s.run.config.userData ? s.run.config.dataset : 'user'));
  const language = useTranslation().i18n.language;
  const busy = status === 'preparing' || status === 'running' || status === 'paused';
  return useMemo(() => {
    if (runId === 0 || inspect.runId !== runId) return null;
    if (!inspect.examples) return busy ? 'loading' : null;
    const examples = inspect.examples;
    const classNames =
      names && names.length === examples.numClasses ? names.map((name, k) => classLabel(datasetId, k, name)) : Array.from({ length: examples.numClasses }, (_, k) => String(k));
    return { examples, logits: inspect.logits, classNames, excluded: excluded ?? [] };
  }, [inspect, runId, busy, names, excluded, datasetId, language]);
}
