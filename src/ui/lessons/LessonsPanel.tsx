import { LessonCard } from './LessonCard';
import { LessonMenu } from './LessonMenu';
import './lessons.css';

/** The Lessons menu and the open lesson's card, at the top of the settings. */
export function LessonsPanel() {
  return (
    <div className="lessons">
      <LessonMenu />
      <LessonCard />
    </div>
  );
}
