/**
 * The user's own data as the UI sees it: one observable snapshot, re-read from IndexedDB after
 * every write (by an action, by sync in this page, or by sync in the service worker or another
 * tab). IndexedDB is the source of truth; the snapshot is only ever a fresh read of it.
 */
import type { Reaction } from '../sync/api';
import { db } from './db';
import { observable } from './observable';
import type {
  AnswerRecord,
  CampaignsSnapshot,
  PendingCampaign,
  CheckRecord,
  CoupleSnapshot,
  LessonRecord,
  MeSnapshot,
  NudgeRecord,
  PendingJoin,
  Profile,
  ReflectionRecord,
  RejectedItem,
  RevealRecord,
  RunRecord,
  ScheduleSnapshot,
  StoredInvite,
} from './types';

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
  /** Queued activity (the local streak is newer than the server's until it syncs). */
  pendingCompletions: number;
  /** The partner link: undefined until known, null when not linked. */
  couple: CoupleSnapshot | undefined;
  schedule: ScheduleSnapshot | undefined;
  invite: StoredInvite | undefined;
  pendingJoin: PendingJoin | undefined;
  /** Practice programmes you take part in (undefined until first read from the server). */
  campaigns: CampaignsSnapshot | undefined;
  pendingCampaign: PendingCampaign | undefined;
  /** Your own answers, by day. */
  answers: Readonly<Record<string, AnswerRecord>>;
  /** Days your partner answered (their words hidden until you answer too). */
  partnerAnswered: Readonly<Record<string, true>>;
  /** Both answers, by day. */
  reveals: Readonly<Record<string, RevealRecord>>;
  /** Nudges from your partner, by day, with whether you have read them. */
  nudges: Readonly<Record<string, NudgeRecord & { seen: boolean }>>;
  /** Days you nudged your partner. */
  nudgesSent: Readonly<Record<string, true>>;
  /** By day: your partner's reaction to your answer, and yours to theirs. */
  reactions: Readonly<Record<string, { onMine?: Reaction; onPartner?: Reaction }>>;
  /** Challenge runs, by id. */
  runs: Readonly<Record<string, RunRecord>>;
  /** Your check-offs by run id, then by day; and your partner's. */
  checks: Readonly<Record<string, Readonly<Record<number, CheckRecord>>>>;
  partnerChecks: Readonly<Record<string, Readonly<Record<number, CheckRecord>>>>;
  /** What is still in the outbox: answer days, and check-offs as `<run id>:<day>`. */
  queuedAnswers: ReadonlySet<string>;
  queuedChecks: ReadonlySet<string>;
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
  couple: undefined,
  schedule: undefined,
  invite: undefined,
  pendingJoin: undefined,
  campaigns: undefined,
  pendingCampaign: undefined,
  answers: {},
  partnerAnswered: {},
  reveals: {},
  nudges: {},
  nudgesSent: {},
  reactions: {},
  runs: {},
  checks: {},
  partnerChecks: {},
  queuedAnswers: new Set(),
  queuedChecks: new Set(),
};

/** Mutations that add an active day (a completed lesson, an answer, a challenge step). */
const ACTIVITY_KINDS = new Set(['lesson_completed', 'prompt_answered', 'challenge_step_done']);

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
  const [profile, me, rejected, couple, schedule, invite, pendingJoin, campaigns, pendingCampaign, records, outbox] = await Promise.all([
    kv.get('profile') as Promise<Profile | undefined>,
    kv.get('me') as Promise<MeSnapshot | undefined>,
    kv.get('rejected') as Promise<RejectedItem[] | undefined>,
    kv.get('couple') as Promise<CoupleSnapshot | undefined>,
    kv.get('schedule') as Promise<ScheduleSnapshot | undefined>,
    kv.get('invite') as Promise<StoredInvite | undefined>,
    kv.get('pendingJoin') as Promise<PendingJoin | undefined>,
    kv.get('campaigns') as Promise<CampaignsSnapshot | undefined>,
    kv.get('pendingCampaign') as Promise<PendingCampaign | undefined>,
    tx.objectStore('records').getAll(),
    tx.objectStore('outbox').getAll(),
  ]);
  await tx.done;
  const lessons: Record<string, LessonRecord> = {};
  const reflections: Record<string, ReflectionRecord> = {};
  const activity: string[] = [];
  const answers: Record<string, AnswerRecord> = {};
  const partnerAnswered: Record<string, true> = {};
  const reveals: Record<string, RevealRecord> = {};
  const nudges: Record<string, NudgeRecord & { seen: boolean }> = {};
  const seen = new Set<string>();
  const nudgesSent: Record<string, true> = {};
  const reactions: Record<string, { onMine?: Reaction; onPartner?: Reaction }> = {};
  const runs: Record<string, RunRecord> = {};
  const checks: Record<string, Record<number, CheckRecord>> = {};
  const partnerChecks: Record<string, Record<number, CheckRecord>> = {};
  for (const record of records) {
    switch (record.kind) {
      case 'lesson':
        lessons[record.key] = record.data;
        break;
      case 'reflection':
        reflections[record.key] = record.data;
        break;
      case 'activity':
        activity.push(record.key);
        break;
      case 'answer':
        answers[record.key] = record.data;
        break;
      case 'partner_answered':
        partnerAnswered[record.key] = true;
        break;
      case 'reveal':
        reveals[record.key] = record.data;
        break;
      case 'nudge':
        nudges[record.key] = { ...record.data, seen: false };
        break;
      case 'nudge_seen':
        seen.add(record.key);
        break;
      case 'nudge_sent':
        nudgesSent[record.key] = true;
        break;
      case 'reaction': {
        const entry = (reactions[record.data.day] ??= {});
        if (record.data.on === 'mine') entry.onMine = record.data.reaction;
        else entry.onPartner = record.data.reaction;
        break;
      }
      case 'challenge':
        runs[record.key] = record.data;
        break;
      case 'challenge_check':
        (checks[record.data.run_id] ??= {})[record.data.day] = record.data;
        break;
      case 'partner_check':
        (partnerChecks[record.data.run_id] ??= {})[record.data.day] = record.data;
        break;
    }
  }
  for (const day of seen) if (nudges[day]) nudges[day].seen = true;
  activity.sort();
  const queuedAnswers = new Set<string>();
  const queuedChecks = new Set<string>();
  for (const m of outbox) {
    if (m.kind === 'prompt_answered') queuedAnswers.add(m.args.day);
    else if (m.kind === 'challenge_step_done') queuedChecks.add(`${m.args.run_id}:${m.args.day}`);
  }
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
    pendingCompletions: outbox.filter((m) => ACTIVITY_KINDS.has(m.kind)).length,
    couple,
    schedule,
    invite,
    pendingJoin,
    campaigns,
    pendingCampaign,
    answers,
    partnerAnswered,
    reveals,
    nudges,
    nudgesSent,
    reactions,
    runs,
    checks,
    partnerChecks,
    queuedAnswers,
    queuedChecks,
  };
}
