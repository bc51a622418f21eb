import { useEffect, useRef } from 'react';
import { useStudio } from '../../store';
import type { LessonFocus } from '../../store/lessons';
import { useLayout, type ViewId } from './layoutStore';

/** The view that holds the panel a lesson is about. */
export const FOCUS_VIEW: Record<LessonFocus, ViewId> = { explorer: 'knowledge', bias: 'knowledge', boundaries: 'data' };

/** Opens the view of the panel a lesson points at when the lesson changes (not on the first render: a link's view wins). */
export function useLessonView(): void {
  const focus = useStudio((s) => s.lessonFocus);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (focus) useLayout.getState().setView(FOCUS_VIEW[focus]);
  }, [focus]);
}
