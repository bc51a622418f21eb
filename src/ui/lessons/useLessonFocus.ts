import { useEffect, useRef } from 'react';
import { useStudio } from '../../store';
import type { LessonFocus } from '../../store/lessons';

/**
 * For a panel a lesson points at: whether it is the open lesson's focus, and a ref that scrolls the panel into
 * view when it becomes the focus (or first appears while it is).
 */
export function useLessonFocus<T extends HTMLElement>(focus: LessonFocus): { focused: boolean; ref: React.RefObject<T | null> } {
  const focused = useStudio((s) => s.lessonFocus === focus);
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [focused]);
  return { focused, ref };
}
