import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { isLessonId, LESSONS } from '../../store/lessons';

/** Menu value for "no lesson". */
const NONE = '';

/** The Lessons menu: a labelled native select (keyboard accessible); choosing a lesson opens its card. */
export function LessonMenu() {
  const { t } = useTranslation('lessons');
  const id = useId();
  const lessonId = useStudio((s) => s.lessonId);
  const openLesson = useStudio((s) => s.openLesson);
  const closeLesson = useStudio((s) => s.closeLesson);
  return (
    <div className="field lesson-menu">
      <label htmlFor={id}>{t('menu.label')}</label>
      <select
        id={id}
        value={lessonId ?? NONE}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLessonId(v)) openLesson(v);
          else closeLesson();
        }}
      >
        <option value={NONE}>{t('menu.none')}</option>
        {LESSONS.map((l, i) => (
          <option key={l.id} value={l.id}>
            {`${i + 1}. ${t(l.titleKey)}`}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t('menu.hint')}
      </p>
    </div>
  );
}
