/**
 * The user's own data as the UI sees it: one observable snapshot, re-read from IndexedDB after
 * every write (by an action, by sync in this page, or by sync in the service worker or another
 * tab). IndexedDB is the source of truth; the snapshot is only ever a fresh read of it.
 */
import { db } from './db';
import { observable } from './observable';
import type { LessonRecord, MeSnapshot, Profile, ReflectionRecord, RejectedItem } from './types';

export interface LocalState {
  /** False until the first read finished (the UI waits rather than guess). */
  loaded: boolean;
  /** False when IndexedDB cannot be used (storage disabled): nothing can be kept. */
  available: boolean;
  profile: Profile | undefined;
  lessons: Readonly<Record<string, LessonRecord>>;
  reflections: Readonly<Record<string, ReflectionRecord>>;
  /** Local dates with a completed lesson, sorted. */
  activity: readonly string[];
  me: MeSnapshot | undefined;
  rejected: readonly RejectedItem[];
  /** Mutations waiting for the server. */
  pending: number;
  /** Queued lesson completions (the local streak is newer than the server's until they sync). */
  pendingCompletions: number;
}

const EMPTY: LocalState = {
  loaded: false,
  available: true,
  profile: undefined,
  lessons: {},
  reflections: {},
  activity: [],
  me: undefined,
  rejected: [],
  pending: 0,
  pendingCompletions: 0,
};

export const local = observable<LocalState>(EMPTY);

let running: Promise<void> | undefined;
let again = false;

/**
 * Re-reads everything into `local`. Calls during a read queue exactly one more read, which
 * starts after the current one: the last snapshot always reflects every write before the call.
 */
export function refreshLocal(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      try {
        local.set(await read());
      } catch (error) {
        console.warn('Attune: could not read saved data', error);
        local.set({ ...local.get(), loaded: true, available: false });
      }
    } while (again);
  })().finally(() => {
    running = undefined;
  });
  return running;
}

async function read(): Promise<LocalState> {
  const tx = (await db()).transaction(['kv', 'records', 'outbox'], 'readonly');
  const kv = tx.objectStore('kv');
  const [profile, me, rejected, records, outbox] = await Promise.all([
    kv.get('profile') as Promise<Profile | undefined>,
    kv.get('me') as Promise<MeSnapshot | undefined>,
    kv.get('rejected') as Promise<RejectedItem[] | undefined>,
    tx.objectStore('records').getAll(),
    tx.objectStore('outbox').getAll(),
  ]);
  await tx.done;
  const lessons: Record<string, LessonRecord> = {};
  const reflections: Record<string, ReflectionRecord> = {};
  const activity: string[] = [];
  for (const record of records) {
    if (record.kind === 'lesson') lessons[record.key] = record.data;
    else if (record.kind === 'reflection') reflections[record.key] = record.data;
    else if (record.kind === 'activity') activity.push(record.key);
  }
  activity.sort();
  return {
    loaded: true,
    available: true,
    profile,
    lessons,
    reflections,
    activity,
    me,
    rejected: rejected ?? [],
    pending: outbox.length,
    pendingCompletions: outbox.filter((m) => m.kind === 'lesson_completed').length,
  };
}
