import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { lessonById } from '../../store/lessons';
import { isFinished } from '../../store/runState';

/** The open lesson: its title, explanation, one button per part (applies its settings, never starts) and Close. */
export function LessonCard() {
  const { t } = useTranslation('lessons');
  const headingId = useId();
  const lessonId = useStudio((s) => s.lessonId);
  const locked = useStudio((s) => !isFinished(s.run.status));
  const applyLessonPart = useStudio((s) => s.applyLessonPart);
  const closeLesson = useStudio((s) => s.closeLesson);
  const applied = useStudio((s) => s.lessonPart);
  if (!lessonId) return null;
  const lesson = lessonById(lessonId);
  return (
    <section className="lesson-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(lesson.titleKey)}</h2>
      <p>{t(lesson.explanationKey)}</p>
      {lesson.focus ? <p className="hint">{t(`card.focus_${lesson.focus}`)}</p> : null}
      <div className="lesson-parts">
        {lesson.parts.map((part, i) => (
          <button key={part.labelKey} type="button" disabled={locked} onClick={() => applyLessonPart(i)}>
            {t('card.part', { n: String(i + 1), label: t(part.labelKey, { defaultValue: part.labelKey }) })}
          </button>
        ))}
      </div>
      <p className="hint" aria-live="polite">
        {locked ? t('card.locked') : applied !== null ? t('card.applied', { n: String(applied + 1) }) : ''}
      </p>
      <button type="button" onClick={closeLesson}>
        {t('card.close')}
      </button>
    </section>
  );
}
