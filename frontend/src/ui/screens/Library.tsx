import type { LocalState } from '../../store/local';
import type { ContentPack, PackLesson } from '../../sync/pack-types';
import { ScreenHeading } from '../components/ScreenHeading';
import { lessonStatuses, type LessonStatus } from '../progress';
import { paths } from '../router';
import { LessonList } from './LessonList';

export function lessonsOf(pack: ContentPack, ids: string[]): PackLesson[] {
  const byId = new Map(pack.lessons.map((l) => [l.id, l]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function Library({ pack, state }: { pack: ContentPack; state: LocalState }) {
  const statuses = lessonStatuses(pack, state);
  const inTracks = new Set(pack.tracks.flatMap((t) => t.lessons));
  const loose = pack.lessons.filter((l) => !inTracks.has(l.id));
  return (
    <div class="screen">
      <ScreenHeading title="Library" />
      <p class="lede">Short lessons on feeling close to the people who matter. Two or three minutes each.</p>
      {pack.tracks.length === 0 && loose.length === 0 && (
        <p class="empty">No lessons yet. New content arrives the next time you are online.</p>
      )}
      {pack.tracks.map((track) => (
        <section class="track" key={track.id} aria-labelledby={`track-${track.id}`}>
          <h2 id={`track-${track.id}`} class="track__title">
            <a href={paths.track(track.id)}>{track.title}</a>
          </h2>
          <p class="track__summary">{track.summary}</p>
          <TrackProgress ids={track.lessons} statuses={statuses} />
          <LessonList lessons={lessonsOf(pack, track.lessons)} statuses={statuses} ordered />
        </section>
      ))}
      {loose.length > 0 && (
        <section class="track" aria-labelledby="track-more">
          <h2 id="track-more" class="track__title">
            More lessons
          </h2>
          <LessonList lessons={loose} statuses={statuses} />
        </section>
      )}
    </div>
  );
}

/** "1 of 3 done" for a track. */
export function TrackProgress({ ids, statuses }: { ids: string[]; statuses: Map<string, LessonStatus> }) {
  const known = ids.filter((id) => statuses.has(id));
  const done = known.filter((id) => statuses.get(id) === 'done').length;
  if (done === 0) return null;
  return (
    <p class="meta track__progress">
      {done === known.length ? `All ${known.length} lessons done` : `${done} of ${known.length} done`}
    </p>
  );
}
