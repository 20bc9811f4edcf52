import type { PackLesson } from '../../sync/pack-types';
import { audienceLabel, minutesLabel } from '../labels';
import type { LessonStatus } from '../progress';
import { paths } from '../router';

const STATUS_LABEL: Record<LessonStatus, string | null> = {
  done: 'Done',
  'in-progress': 'In progress',
  next: 'Next up',
  new: null,
};

/** Lessons as a list of links; `ordered` numbers them (a track's path). */
export function LessonList({
  lessons,
  statuses,
  ordered = false,
  headingLevel = 3,
}: {
  lessons: PackLesson[];
  statuses: Map<string, LessonStatus>;
  ordered?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const items = lessons.map((lesson) => {
    const status = statuses.get(lesson.id) ?? 'new';
    const label = STATUS_LABEL[status];
    return (
      <li key={lesson.id} class={`lesson-item lesson-item--${status}`}>
        <a class="lesson-item__link" href={paths.lesson(lesson.id)}>
          <Heading class="lesson-item__title">{lesson.title}</Heading>
          <p class="lesson-item__summary">{lesson.summary}</p>
          <p class="meta">
            {label && (
              <>
                <span class={`badge badge--${status}`}>{label}</span>
                <span aria-hidden="true"> · </span>
              </>
            )}
            <span>{minutesLabel(lesson.minutes)}</span>
            <span aria-hidden="true"> · </span>
            <span>{audienceLabel(lesson.audience)}</span>
          </p>
        </a>
      </li>
    );
  });
  return ordered ? <ol class="lesson-list">{items}</ol> : <ul class="lesson-list">{items}</ul>;
}
