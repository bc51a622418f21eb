import { useEffect, useRef } from 'react';
import { useStudio } from '../store';
import { useSettledConfig } from './useSettledConfig';
import { studioWorker } from './bridge/studioWorker';

/** Warms up the backend for the current settings whenever they change (and once at start-up). */
export function usePrepareBackend(): void {
  const config = useSettledConfig();
  const idle = useStudio((s) => s.run.status !== 'preparing' && s.run.status !== 'running' && s.run.status !== 'paused');
  // The first request goes out at once (a Start pressed right away should find the backend chosen); later setting
  // changes are debounced.
  const first = useRef(true);
  useEffect(() => {
    if (!idle) return;
    studioWorker.prepare(first.current ? 0 : undefined);
    first.current = false;
  }, [config.dataset, config.teacherId, config.studentId, config.teacherCustom, config.studentCustom, config.batchSize, config.backend, idle]);
}
