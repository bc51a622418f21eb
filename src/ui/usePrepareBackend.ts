import { useEffect } from 'react';
import { useStudio } from '../store';
import { studioWorker } from './bridge/studioWorker';

/** Warms up the backend for the current settings whenever they change (and once at start-up). */
export function usePrepareBackend(): void {
  const config = useStudio((s) => s.config);
  const idle = useStudio((s) => s.run.status !== 'preparing' && s.run.status !== 'running' && s.run.status !== 'paused');
  useEffect(() => {
    if (idle) studioWorker.prepare();
  }, [config.dataset, config.teacherId, config.studentId, config.teacherCustom, config.studentCustom, config.batchSize, config.backend, idle]);
}
