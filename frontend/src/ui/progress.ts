/** What the screens derive from the content pack and the user's local data. */
import type { Streak } from '../sync/api';
import type { ContentPack, PackLesson, PackTrack } from '../sync/pack-types';
import type { LocalState } from '../store/local';
import { computeStreak } from '../store/streak';

export type LessonStatus = 'done' | 'in-progress' | 'next' | 'new';

/** Per lesson: done, in progress, next up (the first not-done lesson of its track), or new. */
export function lessonStatuses(pack: ContentPack, state: LocalState): Map<string, LessonStatus> {
  const statuses = new Map<string, LessonStatus>();
  for (const lesson of pack.lessons) {
    const record = state.lessons[lesson.id];
    statuses.set(lesson.id, record?.completed_on ? 'done' : record ? 'in-progress' : 'new');
  }
  for (const track of pack.tracks) {
    const next = track.lessons.find((id) => statuses.has(id) && statuses.get(id) !== 'done');
    if (next && statuses.get(next) === 'new') statuses.set(next, 'next');
  }
  return statuses;
}

export interface NextLesson {
  lesson: PackLesson;
  track: PackTrack | undefined;
  /** 0-based card to resume at, or 0 for a lesson not started. */
  resumeAt: number;
}

/**
 * Today's lesson: the first not-completed lesson of the track of the most recent completion
 * (or of the first track), else of the tracks after it, else any lesson not done yet.
 */
export function nextLesson(pack: ContentPack, state: LocalState): NextLesson | undefined {
  const byId = new Map(pack.lessons.map((l) => [l.id, l]));
  const done = (id: string): boolean => !!state.lessons[id]?.completed_on;
  let latest: { track: string; key: string } | undefined;
  for (const record of Object.values(state.lessons)) {
    const lesson = byId.get(record.lesson_id);
    if (!lesson || !record.completed_on) continue;
    const key = `${record.completed_on} ${record.completed_at ?? ''}`;
    if (!latest || key > latest.key) latest = { track: lesson.track, key };
  }
  const start = Math.max(0, pack.tracks.findIndex((t) => t.id === latest?.track));
  const ordered = [...pack.tracks.slice(start), ...pack.tracks.slice(0, start)];
  for (const track of ordered) {
    const id = track.lessons.find((l) => byId.has(l) && !done(l));
    const lesson = id ? byId.get(id) : undefined;
    if (lesson) return { lesson, track, resumeAt: resumeCard(lesson, state) };
  }
  const loose = pack.lessons.find((l) => !done(l.id));
  return loose ? { lesson: loose, track: undefined, resumeAt: resumeCard(loose, state) } : undefined;
}

/** Where a lesson reopens: the furthest card reached, unless it was completed (then the start). */
export function resumeCard(lesson: PackLesson, state: LocalState): number {
  const record = state.lessons[lesson.id];
  if (!record || record.completed_on) return 0;
  return Math.min(Math.max(0, record.furthest_card), Math.max(0, lesson.cards.length - 1));
}

/**
 * The streak to show: the server's (canonical: it knows travel days) when it is about the same
 * day and no completion is still queued, else the same rules run on this phone's activity days.
 */
export function currentStreak(state: LocalState, today: string): { streak: Streak; fromServer: boolean } {
  const me = state.me?.me;
  if (me && me.today === today && state.pendingCompletions === 0) {
    const serverDays = me.streak.days.filter((d) => d.state === 'active').length;
    const from = me.streak.days[0]?.date ?? today;
    const localDays = state.activity.filter((d) => d >= from && d <= today).length;
    // A completion pulled from another device after /api/me was read: the phone is newer.
    if (serverDays >= localDays) return { streak: me.streak, fromServer: true };
  }
  return { streak: computeStreak(state.activity, today), fromServer: false };
}
