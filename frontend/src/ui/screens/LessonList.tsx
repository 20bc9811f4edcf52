import type { PackLesson } from '../../sync/pack-types';
import { audienceLabel, minutesLabel } from '../labels';
import { paths } from '../router';

/** Lessons as a list of links; `ordered` numbers them (a track's path). */
export function LessonList({
  lessons,
  ordered = false,
  headingLevel = 3,
}: {
  lessons: PackLesson[];
  ordered?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const items = lessons.map((lesson) => (
    <li key={lesson.id} class="lesson-item">
      <a class="lesson-item__link" href={paths.lesson(lesson.id)}>
        <Heading class="lesson-item__title">{lesson.title}</Heading>
        <p class="lesson-item__summary">{lesson.summary}</p>
        <p class="meta">
          <span>{minutesLabel(lesson.minutes)}</span>
          <span aria-hidden="true"> · </span>
          <span>{audienceLabel(lesson.audience)}</span>
        </p>
      </a>
    </li>
  ));
  return ordered ? <ol class="lesson-list">{items}</ol> : <ul class="lesson-list">{items}</ul>;
}
