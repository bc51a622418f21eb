import { useEffect } from 'react';
import { useStudio } from '../store';
import { isFinished } from '../store/runState';
import { studioWorker } from './bridge/studioWorker';

/** Elements where Space already means something: every input (text, number, range slider, checkbox, file), menus, buttons, links. */
const OWN_SPACE_TAGS = ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A', 'SUMMARY'];
/** ARIA roles of custom widgets where Space already means something. */
const OWN_SPACE_ROLES = ['button', 'checkbox', 'combobox', 'link', 'listbox', 'menuitem', 'option', 'radio', 'slider', 'spinbutton', 'switch', 'tab', 'textbox'];

/** True when keyboard focus is somewhere Space already means something (fields, sliders, menus, buttons, editable text). */
function spaceBelongsToFocus(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || OWN_SPACE_TAGS.includes(target.tagName) || OWN_SPACE_ROLES.includes(target.getAttribute('role') ?? '');
}

/**
 * Space starts a run, or pauses / resumes the current one, when focus is not in a control (the page body, a
 * heading, a chart, a table). In any input, slider, menu, button or link Space keeps its usual meaning, and
 * Space with Ctrl / Alt / ⌘ or held down (auto-repeat) is ignored. Start is skipped while a field is invalid.
 */
export function useSpaceToggle(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || e.ctrlKey || e.metaKey || e.altKey || spaceBelongsToFocus(e.target)) return;
      e.preventDefault();
      const { run, fieldErrors } = useStudio.getState();
      if (isFinished(run.status)) {
        if (Object.keys(fieldErrors).length === 0) studioWorker.start();
      } else if (run.status === 'paused') studioWorker.resume();
      else studioWorker.pause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
