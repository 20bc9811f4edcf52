/**
 * One sync round: make sure the account exists, push the outbox in bounded batches, pull the
 * change feed, and refresh the canonical streak. It runs in the page and in the service worker
 * (Background Sync), never twice at once (a Web Lock shared by both), and it is safe to stop at
 * any point: the outbox only loses a mutation once the server has acknowledged or refused it.
 */
import type { IDBPObjectStore } from 'idb';
import { db, kvGet, kvSet, type AttuneDB } from '../store/db';
import { localDate } from '../store/dates';
import { forgetPartner, rememberCouple } from '../store/partner';
import type { OutboxEntry, Profile, RecordEntry, RejectedItem } from '../store/types';
import {
  MAX_MUTATIONS,
  type ChangeData,
  type ChangeOut,
  type CreateAccount,
  type Me,
  type Mutation,
  type Problem,
  type SyncRequest,
  type SyncResponse,
} from './api';
import { refreshCampaigns } from './campaigns';
import { refreshTogether } from './couple';
import { api } from './http';

export type SyncErrorKind = 'offline' | 'network' | 'server' | 'busy' | 'signed-out' | 'refused';

export interface SyncError {
  kind: SyncErrorKind;
  /** Plain words for "Couldn't sync: …". */
  message: string;
  /** When the server said when to come back (429 Retry-After). */
  retryAfterMs?: number;
}

export type SyncOutcome = { ok: true; changed: boolean } | { ok: false; error: SyncError };

/** The request body limit is 256 KB; stay well under it. */
const MAX_BATCH_BYTES = 200_000;
/** How many kept refusals to show at most (oldest go first). */
const MAX_REJECTED_KEPT = 50;
/** Guards against a loop that never ends (e.g. a feed that always says has_more). */
const MAX_ROUNDS = 200;

const LOCK_NAME = 'attune-sync';
const CHANNEL_NAME = 'attune-sync';

/** Messages on the BroadcastChannel after a sync anywhere (page, other tab, service worker). */
export interface SyncedMessage {
  type: 'synced';
  ok: boolean;
  /** Which context synced, so that a page ignores its own news. */
  from: string;
}

const CONTEXT_ID = Math.random().toString(36).slice(2);

let fallbackChain: Promise<unknown> = Promise.resolve();

/** Runs `task` alone: across tabs and the service worker with Web Locks, else in this context. */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  if ('locks' in navigator && navigator.locks) return navigator.locks.request(LOCK_NAME, task);
  const run = fallbackChain.then(task, task);
  fallbackChain = run.catch(() => undefined);
  return run;
}

/** Syncs now (waiting for a sync already running elsewhere), then tells the other contexts. */
export async function sync(): Promise<SyncOutcome> {
  const outcome = await exclusive(syncOnce);
  try {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.postMessage({ type: 'synced', ok: outcome.ok, from: CONTEXT_ID } satisfies SyncedMessage);
    channel.close();
  } catch {
    // No BroadcastChannel: other tabs catch up on their own next sync.
  }
  return outcome;
}

/** Calls `listener` when a sync finished in another context. Returns the unsubscribe function. */
export function onSyncedElsewhere(listener: (message: SyncedMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<SyncedMessage>) => {
    if (event.data?.type === 'synced' && event.data.from !== CONTEXT_ID) listener(event.data);
  };
  return () => channel.close();
}

async function syncOnce(): Promise<SyncOutcome> {
  if (navigator.onLine === false) return fail('offline', 'no connection');
  const profile = await kvGet('profile');
  if (!profile) return { ok: true, changed: false }; // not onboarded: nothing to sync yet
  try {
    const created = profile.account === 'pending' ? await ensureAccount() : false;
    const { changed, touchedStreak, coupleChanged, campaignsChanged } = await pushAndPull();
    const stored = await kvGet('me');
    const stale = !stored || stored.me.today !== localDate(stored.me.time_zone);
    if (touchedStreak || stale) await refreshMe();
    try {
      await refreshTogether(coupleChanged);
    } catch (error) {
      // The stored link and schedule stay; the next round tries again.
      console.warn('Attune: could not refresh the partner link or the prompts', error);
    }
    try {
      await refreshCampaigns(campaignsChanged);
    } catch (error) {
      console.warn('Attune: could not refresh the programmes', error);
    }
    return { ok: true, changed: changed || created };
  } catch (error) {
    if (error instanceof SyncFailure) return { ok: false, error: error.error };
    throw error;
  }
}

class SyncFailure extends Error {
  constructor(readonly error: SyncError) {
    super(error.message);
  }
}

function fail(kind: SyncErrorKind, message: string, retryAfterMs?: number): SyncOutcome {
  return { ok: false, error: retryAfterMs === undefined ? { kind, message } : { kind, message, retryAfterMs } };
}

/** Turns a failed response into a SyncFailure with words a person understands. */
function failure(status: number, problem: Problem, retryAfterMs: number | undefined): SyncFailure {
  if (status === 0) return new SyncFailure({ kind: 'network', message: "the server can't be reached" });
  if (status === 401) {
    return new SyncFailure({ kind: 'signed-out', message: 'this phone is no longer signed in' });
  }
  if (status === 429) {
    const error: SyncError = { kind: 'busy', message: 'the server is busy; trying again later' };
    if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
    return new SyncFailure(error);
  }
  if (status === 409) return new SyncFailure({ kind: 'busy', message: 'another sync was running', retryAfterMs: 1000 });
  if (status >= 500) return new SyncFailure({ kind: 'server', message: 'the server had a problem' });
  return new SyncFailure({
    kind: 'refused',
    message: problem.detail ? `the server said: ${problem.detail}` : `the server refused (HTTP ${status})`,
  });
}

/**
 * The account behind this phone's profile: an existing session (a returning device) or a new
 * account made from what onboarding stored.
 */
async function ensureAccount(): Promise<boolean> {
  const profile = await kvGet('profile');
  if (!profile || profile.account === 'ready') return false;
  let me: Me | undefined;
  if (profile.check_session) {
    const existing = await api<Me>('GET', '/api/me');
    if (existing.ok) me = existing.body;
    else if (existing.status !== 401) throw failure(existing.status, existing.problem, existing.retryAfterMs);
  }
  if (!me) {
    const body: CreateAccount = { time_zone: profile.time_zone, display_name: profile.display_name };
    const created = await api<Me>('POST', '/api/accounts', body);
    if (!created.ok) throw failure(created.status, created.problem, created.retryAfterMs);
    me = created.body;
  }
  await adopt(me);
  return true;
}

/**
 * Marks this phone's profile as belonging to `me` (creating the profile for a returning
 * device), with the server's name and zone: the account is the truth once it exists.
 */
export async function adopt(me: Me): Promise<void> {
  const tx = (await db()).transaction(['kv', 'outbox'], 'readwrite');
  const kv = tx.objectStore('kv');
  const profile = (await kv.get('profile')) as Profile | undefined;
  // A settings change made meanwhile is newer than the server's answer: it is on its way.
  const queuedSettings = (await tx.objectStore('outbox').getAll()).some((m) => m.kind === 'settings_changed');
  const keepLocal = profile !== undefined && queuedSettings;
  const next: Profile = {
    follow_device_zone: profile?.follow_device_zone ?? true,
    onboarded_at: profile?.onboarded_at ?? new Date().toISOString(),
    display_name: keepLocal ? profile.display_name : me.display_name,
    time_zone: keepLocal ? profile.time_zone : me.time_zone,
    account: 'ready',
    account_id: me.id,
  };
  delete next.check_session;
  await kv.put(next, 'profile');
  await kv.put({ me, fetched_at: new Date().toISOString() }, 'me');
  await tx.done;
}

async function saveMe(me: Me): Promise<void> {
  await kvSet('me', { me, fetched_at: new Date().toISOString() });
}

/** GET /api/me: the canonical streak after activity changed. */
async function refreshMe(): Promise<void> {
  const result = await api<Me>('GET', '/api/me');
  if (!result.ok) throw failure(result.status, result.problem, result.retryAfterMs);
  await saveMe(result.body);
}

/** The next batch: the oldest mutations, at most MAX_MUTATIONS and MAX_BATCH_BYTES. */
function takeBatch(queued: OutboxEntry[], limit: number): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of queued.slice(0, limit)) {
    const size = new TextEncoder().encode(JSON.stringify(wire(entry))).length + 1;
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

/** The mutation as the server wants it (without the local queue position). */
function wire(entry: OutboxEntry): Mutation {
  const { seq: _seq, ...mutation } = entry;
  return mutation;
}

interface Applied {
  changed: boolean;
  touchedStreak: boolean;
  /** A `couple` change arrived: the link and the prompt schedule must be read again. */
  coupleChanged: boolean;
  /** A partner invited this person to a programme: read the list again now. */
  campaignsChanged: boolean;
}

async function pushAndPull(): Promise<Applied> {
  const clientId = await ensureClientId();
  let changed = false;
  let touchedStreak = false;
  let coupleChanged = false;
  let campaignsChanged = false;
  let limit = MAX_MUTATIONS;
  let cursorReset = false;
  let pulledOnce = false;
  let hasMore = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const queued = await (await db()).getAll('outbox');
    if (queued.length === 0 && pulledOnce && !hasMore) break;
    const batch = takeBatch(queued, limit);
    const cursor = (await kvGet('cursor')) ?? null;
    const body: SyncRequest = { client_id: clientId, cursor, mutations: batch.map(wire) };
    const result = await api<SyncResponse>('POST', '/api/sync', body);
    if (!result.ok) {
      if (result.status === 413 && batch.length > 1) {
        limit = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      if (result.status === 413 && batch[0]) {
        await refuseLocally(batch[0], 'too_large', 'This change is too large to save.');
        continue;
      }
      const field = result.status === 400 ? result.problem.errors?.[0]?.field : undefined;
      if (field === '$.cursor' && !cursorReset) {
        // The cursor belongs to another account (e.g. this phone signed in afresh): start over.
        cursorReset = true;
        await (await db()).delete('kv', 'cursor');
        continue;
      }
      // One malformed envelope fails the whole request: set it aside so the rest can go.
      const bad = /^\$\.mutations\[(\d+)\]/.exec(field ?? '');
      const culprit = bad ? batch[Number(bad[1])] : undefined;
      if (culprit) {
        await refuseLocally(culprit, 'invalid_args', result.problem.detail ?? 'The server could not read this change.');
        continue;
      }
      throw failure(result.status, result.problem, result.retryAfterMs);
    }
    const response = result.body;
    const answered = response.acked.length + response.rejected.length;
    if (batch.length > 0 && answered === 0) {
      throw new SyncFailure({ kind: 'server', message: 'the server did not confirm the changes' });
    }
    const applied = await applyResponse(batch, response);
    changed ||= applied.changed || response.acked.length > 0 || response.rejected.length > 0;
    touchedStreak ||= applied.touchedStreak;
    coupleChanged ||= applied.coupleChanged;
    campaignsChanged ||= applied.campaignsChanged;
    pulledOnce = true;
    hasMore = response.has_more;
  }
  return { changed, touchedStreak, coupleChanged, campaignsChanged };
}

async function ensureClientId(): Promise<string> {
  let id = await kvGet('clientId');
  if (!id) {
    id = crypto.randomUUID?.() ?? `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    await kvSet('clientId', id);
  }
  return id;
}

/** A mutation the server can never take (too large even alone): drop it and say so. */
async function refuseLocally(entry: OutboxEntry, reason: string, message: string): Promise<void> {
  const tx = (await db()).transaction(['kv', 'outbox'], 'readwrite');
  if (entry.seq !== undefined) await tx.objectStore('outbox').delete(entry.seq);
  const kv = tx.objectStore('kv');
  const rejected = ((await kv.get('rejected')) as RejectedItem[] | undefined) ?? [];
  await kv.put([...rejected, rejectedItem(entry, reason, message)].slice(-MAX_REJECTED_KEPT), 'rejected');
  await tx.done;
}

function rejectedItem(entry: OutboxEntry, reason: string, message: string): RejectedItem {
  const item: RejectedItem = {
    id: entry.id,
    kind: entry.kind,
    lesson_id: 'lesson_id' in entry.args ? entry.args.lesson_id : null,
    reason,
    message,
    local_date: entry.local_date,
    rejected_at: new Date().toISOString(),
  };
  if (entry.kind === 'challenge_step_done') item.subject = { run_id: entry.args.run_id, step: entry.args.day };
  else if ('day' in entry.args) item.subject = { day: entry.args.day };
  return item;
}

/**
 * In one transaction: drop what the server acknowledged or refused from the outbox, remember
 * the refusals, merge the pulled changes into the records, and move the cursor.
 */
async function applyResponse(batch: OutboxEntry[], response: SyncResponse): Promise<Applied> {
  const tx = (await db()).transaction(['kv', 'records', 'outbox'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const records = tx.objectStore('records');
  const kv = tx.objectStore('kv');
  const sent = new Map(batch.map((entry) => [entry.id, entry]));
  for (const id of response.acked) {
    const seq = sent.get(id)?.seq;
    if (seq !== undefined) await outbox.delete(seq);
  }
  if (response.rejected.length > 0) {
    const kept = ((await kv.get('rejected')) as RejectedItem[] | undefined) ?? [];
    for (const refusal of response.rejected) {
      const entry = sent.get(refusal.id);
      if (!entry) continue;
      if (entry.seq !== undefined) await outbox.delete(entry.seq);
      kept.push(rejectedItem(entry, refusal.reason, refusal.message));
      await undoRefused(records, entry, refusal.reason);
    }
    await kv.put(kept.slice(-MAX_REJECTED_KEPT), 'rejected');
  }

  // What is still queued is newer than anything the server sent back: keep it on screen.
  const queued = await outbox.getAll();
  const queuedReflection = new Set(
    queued.flatMap((m) => (m.kind === 'reflection_saved' ? [m.args.lesson_id] : [])),
  );
  const queuedSettings = queued.some((m) => m.kind === 'settings_changed');
  const queuedAnswer = new Set(queued.flatMap((m) => (m.kind === 'prompt_answered' ? [m.args.day] : [])));
  const queuedReaction = new Set(queued.flatMap((m) => (m.kind === 'answer_reacted' ? [m.args.day] : [])));
  const queuedCheck = new Set(
    queued.flatMap((m) => (m.kind === 'challenge_step_done' ? [`${m.args.run_id}:${m.args.day}`] : [])),
  );
  let changed = false;
  let touchedStreak = false;
  let coupleChanged = false;
  let campaignsChanged = false;
  for (const change of response.changes) {
    if (change.kind === 'campaign_invite') {
      // Only a signal: the invitation itself is read from the server, which checks it still holds.
      campaignsChanged = true;
      continue;
    }
    if (change.kind === 'couple') {
      changed = coupleChanged = true;
      const data = change.data as ChangeData['couple'];
      if (data.status === 'linked') {
        const { id, since, epoch, partner } = data;
        await rememberCouple(tx, { id, since, epoch, partner }, false);
      } else {
        await forgetPartner(tx, false);
      }
      continue;
    }
    const record = asRecord(change);
    if (!record) continue;
    changed = true;
    switch (record.kind) {
      case 'lesson': {
        const old = await records.get(['lesson', record.key]);
        const mine = old?.kind === 'lesson' ? old.data : undefined;
        // Progress only moves forward; the server keeps the first completion date.
        record.data = {
          lesson_id: record.data.lesson_id,
          furthest_card: Math.max(mine?.furthest_card ?? 0, record.data.furthest_card),
          completed_on: record.data.completed_on ?? mine?.completed_on ?? null,
        };
        if (mine?.completed_at) record.data.completed_at = mine.completed_at;
        await records.put(record);
        break;
      }
      case 'reflection':
        if (!queuedReflection.has(record.key)) await records.put(record);
        break;
      case 'activity':
        touchedStreak = true;
        await records.put(record);
        break;
      case 'account': {
        touchedStreak = true; // a zone change can move "today"
        await records.put(record);
        const profile = (await kv.get('profile')) as Profile | undefined;
        if (profile && !queuedSettings) {
          await kv.put({ ...profile, display_name: record.data.display_name, time_zone: record.data.time_zone }, 'profile');
        }
        break;
      }
      case 'answer':
        // An edit still queued is newer than what the server has.
        if (!queuedAnswer.has(record.key)) await records.put(record);
        break;
      case 'reveal':
        await records.put(record);
        if (!queuedAnswer.has(record.key)) {
          await records.put({ kind: 'answer', key: record.key, data: record.data.mine });
        }
        break;
      case 'reaction':
        // Two reactions share a day: the partner's to your answer, and yours to theirs.
        record.key = `${record.data.day}:${record.data.on}`;
        if (record.data.on === 'mine' || !queuedReaction.has(record.data.day)) await records.put(record);
        break;
      case 'challenge_check': {
        const old = await records.get(['challenge_check', record.key]);
        if (old?.kind === 'challenge_check' && queuedCheck.has(record.key)) {
          record.data = { ...record.data, note: old.data.note ?? record.data.note };
        }
        await records.put(record);
        break;
      }
      case 'partner_answered':
      case 'nudge':
      case 'challenge':
      case 'partner_check':
        await records.put(record);
        break;
    }
  }
  await kv.put(response.cursor, 'cursor');
  await tx.done;
  return { changed, touchedStreak, coupleChanged, campaignsChanged };
}

type RecordsStore = IDBPObjectStore<AttuneDB, ('kv' | 'records' | 'outbox')[], 'records', 'readwrite'>;

/**
 * What the screen showed for a refused action, put right: a check-off the server never took
 * is taken back; an answer edit refused after the reveal shows the answer the partner saw.
 * Text the user wrote is never thrown away otherwise.
 */
async function undoRefused(records: RecordsStore, entry: OutboxEntry, reason: string): Promise<void> {
  if (entry.kind === 'challenge_step_done') {
    const key = `${entry.args.run_id}:${entry.args.day}`;
    const check = await records.get(['challenge_check', key]);
    if (check?.kind === 'challenge_check' && check.data.local) await records.delete(['challenge_check', key]);
  } else if (entry.kind === 'prompt_answered' && reason === 'already_revealed') {
    const reveal = await records.get(['reveal', entry.args.day]);
    if (reveal?.kind === 'reveal') await records.put({ kind: 'answer', key: entry.args.day, data: reveal.data.mine });
  }
}

/** A pulled change as a local record; unknown kinds (a newer server) are skipped. */
function asRecord(change: ChangeOut): RecordEntry | undefined {
  const data = change.data as unknown;
  switch (change.kind) {
    case 'lesson':
      return { kind: 'lesson', key: change.key, data: data as ChangeData['lesson'] };
    case 'reflection':
      return { kind: 'reflection', key: change.key, data: data as ChangeData['reflection'] };
    case 'activity':
      return { kind: 'activity', key: change.key, data: data as ChangeData['activity'] };
    case 'account':
      return { kind: 'account', key: change.key, data: data as ChangeData['account'] };
    case 'answer':
      return { kind: 'answer', key: change.key, data: data as ChangeData['answer'] };
    case 'partner_answered':
      return { kind: 'partner_answered', key: change.key, data: data as ChangeData['partner_answered'] };
    case 'reveal':
      return { kind: 'reveal', key: change.key, data: data as ChangeData['reveal'] };
    case 'nudge':
      return { kind: 'nudge', key: change.key, data: data as ChangeData['nudge'] };
    case 'reaction':
      return { kind: 'reaction', key: change.key, data: data as ChangeData['reaction'] };
    case 'challenge':
      return { kind: 'challenge', key: change.key, data: data as ChangeData['challenge'] };
    case 'challenge_check':
      return { kind: 'challenge_check', key: change.key, data: data as ChangeData['challenge_check'] };
    case 'partner_check':
      return { kind: 'partner_check', key: change.key, data: data as ChangeData['partner_check'] };
    default:
      return undefined;
  }
}
