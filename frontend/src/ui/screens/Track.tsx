import type { LocalState } from '../../store/local';
import type { PackTrack, ContentPack } from '../../sync/pack-types';
import { TrustedHtml } from '../components/Html';
import { ScreenHeading } from '../components/ScreenHeading';
import { paths } from '../router';
import { lessonStatuses } from '../progress';
import { lessonsOf, TrackProgress } from './Library';
import { LessonList } from './LessonList';

export function TrackScreen({ pack, track, state }: { pack: ContentPack; track: PackTrack; state: LocalState }) {
  const statuses = lessonStatuses(pack, state);
  const lessons = lessonsOf(pack, track.lessons);
  const total = lessons.reduce((sum, l) => sum + l.minutes, 0);
  return (
    <div class="screen">
      <p class="crumb">
        <a href={paths.library()}>
          <span aria-hidden="true">←</span>Library
        </a>
      </p>
      <ScreenHeading title={track.title} />
      <p class="lede">{track.summary}</p>
      <TrustedHtml html={track.intro_html} />
      <section aria-labelledby="track-lessons">
        <h2 id="track-lessons" class="section-title">
          {lessons.length === 1 ? '1 lesson' : `${lessons.length} lessons`}
          <span class="section-title__meta"> · about {total} min</span>
        </h2>
        <TrackProgress ids={track.lessons} statuses={statuses} />
        <LessonList lessons={lessons} statuses={statuses} ordered />
      </section>
    </div>
  );
}
