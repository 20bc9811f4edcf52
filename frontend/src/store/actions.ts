/**
 * What the user does, written down. Each action updates the local record and appends its
 * mutation to the outbox in ONE IndexedDB transaction: either both happen or neither, so the
 * screen can never show something that will not sync, nor sync something it never showed.
 * Sync (src/sync/) later sends the outbox; nothing here talks to the network.
 */
import type { IDBPTransaction } from 'idb';
import { SCHEMA_VERSION, type Mutation, type MutationArgs, type MutationKind } from '../sync/api';
import { db, kvGet, kvSet, type AttuneDB } from './db';
import { deviceTimeZone, localDate } from './dates';
import { refreshLocal } from './local';
import { observable } from './observable';
import type { Reaction } from '../sync/api';
import type { AnswerRecord, CheckRecord, LessonRecord, OutboxEntry, Profile, ReflectionRecord } from './types';

type WriteTx = IDBPTransaction<AttuneDB, ('kv' | 'records' | 'outbox')[], 'readwrite'>;

/** Bumped after every action that queued a mutation; sync listens to schedule a round trip. */
export const outboxChanged = observable(0);

/** A random v4 UUID (crypto.randomUUID needs a secure context; fall back outside one). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mutation<K extends MutationKind>(kind: K, args: MutationArgs[K]): OutboxEntry {
  return {
    id: newId(),
    kind,
    args,
    // The user's day where they are now: offline work done yesterday counts for yesterday.
    local_date: localDate(deviceTimeZone()),
    created_at: new Date().toISOString(),
    schema_version: SCHEMA_VERSION,
  } as Mutation;
}

/**
 * Actions started and not yet written down. The sync status counts them as unsynced from the
 * moment the user acts (the write itself takes a few milliseconds), so "Saved" never shows
 * for a change that is still on its way into the outbox.
 */
export const actionsInFlight = observable(0);

/** Runs `write` in one read-write transaction, then refreshes the UI and nudges sync. */
async function act(write: (tx: WriteTx) => Promise<boolean>): Promise<void> {
  actionsInFlight.set(actionsInFlight.get() + 1);
  try {
    const tx = (await db()).transaction(['kv', 'records', 'outbox'], 'readwrite');
    const queued = await write(tx);
    await tx.done;
    await refreshLocal();
    if (queued) outboxChanged.set(outboxChanged.get() + 1);
  } finally {
    actionsInFlight.set(actionsInFlight.get() - 1);
  }
}

/** Removes the queued mutations that `matches` selects (superseded by a newer one). */
async function dropQueued(tx: WriteTx, matches: (entry: OutboxEntry) => boolean): Promise<void> {
  let cursor = await tx.objectStore('outbox').openCursor();
  while (cursor) {
    if (matches(cursor.value)) await cursor.delete();
    cursor = await cursor.continue();
  }
}

const sameLesson =
  (kind: MutationKind, lessonId: string) =>
  (entry: OutboxEntry): boolean =>
    entry.kind === kind && 'lesson_id' in entry.args && entry.args.lesson_id === lessonId;

async function lessonRecord(tx: WriteTx, lessonId: string): Promise<LessonRecord | undefined> {
  const record = await tx.objectStore('records').get(['lesson', lessonId]);
  return record?.kind === 'lesson' ? record.data : undefined;
}

/**
 * The reader reached `card` (0-based). Only forward moves are recorded, and a newer queued
 * position replaces an older one, so paging back and forth never floods the outbox.
 */
export function reachCard(lessonId: string, card: number): Promise<void> {
  return act(async (tx) => {
    const current = await lessonRecord(tx, lessonId);
    if (current && card <= current.furthest_card) return false;
    const data: LessonRecord = {
      lesson_id: lessonId,
      furthest_card: card,
      completed_on: current?.completed_on ?? null,
    };
    if (current?.completed_at) data.completed_at = current.completed_at;
    await tx.objectStore('records').put({ kind: 'lesson', key: lessonId, data });
    await dropQueued(tx, sameLesson('lesson_progress', lessonId));
    await tx.objectStore('outbox').add(mutation('lesson_progress', { lesson_id: lessonId, card }));
    return true;
  });
}

/** The lesson is finished today: a fact (completing it again is completing it once). */
export function completeLesson(lessonId: string, lastCard: number): Promise<void> {
  return act(async (tx) => {
    const today = localDate(deviceTimeZone());
    const current = await lessonRecord(tx, lessonId);
    const data: LessonRecord = {
      lesson_id: lessonId,
      furthest_card: Math.max(current?.furthest_card ?? 0, lastCard),
      completed_on: current?.completed_on ?? today,
      completed_at: new Date().toISOString(),
    };
    const records = tx.objectStore('records');
    await records.put({ kind: 'lesson', key: lessonId, data });
    await records.put({ kind: 'activity', key: today, data: { local_date: today } });
    // The completion moves progress to the end on the server too.
    await dropQueued(tx, sameLesson('lesson_progress', lessonId));
    // Completed twice on one day is one fact; on another day it is another active day.
    const queued = await tx.objectStore('outbox').getAll();
    const already = queued.some(
      (entry) => sameLesson('lesson_completed', lessonId)(entry) && entry.local_date === today,
    );
    if (!already) await tx.objectStore('outbox').add(mutation('lesson_completed', { lesson_id: lessonId }));
    return !already;
  });
}

/** The private reflection of a lesson as it stands; an empty text clears it. */
export function saveReflection(lessonId: string, text: string): Promise<void> {
  return act(async (tx) => {
    const records = tx.objectStore('records');
    const current = await records.get(['reflection', lessonId]);
    if (current?.kind === 'reflection' && current.data.text === text) return false;
    if (!current && text === '') return false;
    const data: ReflectionRecord = { lesson_id: lessonId, text, updated_at: new Date().toISOString() };
    await records.put({ kind: 'reflection', key: lessonId, data });
    // Only the latest text matters (last writer wins): an older queued one need not travel.
    await dropQueued(tx, sameLesson('reflection_saved', lessonId));
    await tx.objectStore('outbox').add(mutation('reflection_saved', { lesson_id: lessonId, text }));
    return true;
  });
}

/**
 * Onboarding done: the profile is kept on this phone at once (offline is fine); sync creates
 * the account as soon as it can.
 */
export function finishOnboarding(
  displayName: string | null,
  timeZone: string,
  checkSession: boolean,
): Promise<void> {
  return act(async (tx) => {
    const profile: Profile = {
      display_name: displayName?.trim() || null,
      time_zone: timeZone,
      follow_device_zone: timeZone === deviceTimeZone(),
      account: 'pending',
      check_session: checkSession,
      account_id: null,
      onboarded_at: new Date().toISOString(),
    };
    await tx.objectStore('kv').put(profile, 'profile');
    return true;
  });
}

export interface SettingsChange {
  display_name?: string | null;
  time_zone?: string;
  follow_device_zone?: boolean;
}

/** Name, zone or "follow this phone's zone"; name and zone travel as `settings_changed`. */
export function changeSettings(change: SettingsChange): Promise<void> {
  return act(async (tx) => {
    const kv = tx.objectStore('kv');
    const profile = (await kv.get('profile')) as Profile | undefined;
    if (!profile) return false;
    const next: Profile = { ...profile };
    const args: MutationArgs['settings_changed'] = {};
    if (change.display_name !== undefined) {
      const name = change.display_name?.trim() || null;
      if (name !== profile.display_name) args.display_name = next.display_name = name;
    }
    if (change.follow_device_zone !== undefined) next.follow_device_zone = change.follow_device_zone;
    const zone = change.follow_device_zone === true ? deviceTimeZone() : change.time_zone;
    if (zone !== undefined && zone !== profile.time_zone) args.time_zone = next.time_zone = zone;
    await kv.put(next, 'profile');
    if (Object.keys(args).length === 0) return false;
    await tx.objectStore('outbox').add(mutation('settings_changed', args));
    return true;
  });
}

/**
 * Travel: when "Follow this phone's time zone" is on and the phone's zone differs from the
 * account's, move the account to the phone's zone.
 */
export async function followDeviceZone(): Promise<void> {
  const device = deviceTimeZone();
  const tx = (await db()).transaction('kv', 'readonly');
  const profile = (await tx.store.get('profile')) as Profile | undefined;
  await tx.done;
  if (profile?.follow_device_zone && profile.time_zone !== device) {
    await changeSettings({ time_zone: device });
  }
}

/** Today counts as an active day on this phone (the server counts it when the action syncs). */
async function markActive(tx: WriteTx): Promise<void> {
  const today = localDate(deviceTimeZone());
  await tx.objectStore('records').put({ kind: 'activity', key: today, data: { local_date: today } });
}

/**
 * The answer to the prompt of `day`, new or edited (the server takes edits until both have
 * answered). Only the latest text of a day travels.
 */
export function answerPrompt(day: string, promptId: string, text: string): Promise<void> {
  return act(async (tx) => {
    const records = tx.objectStore('records');
    const current = await records.get(['answer', day]);
    const old = current?.kind === 'answer' ? current.data : undefined;
    if (old && old.text === text && old.prompt_id === promptId) return false;
    const data: AnswerRecord = { day, prompt_id: promptId, text, reaction: old?.reaction ?? null };
    await records.put({ kind: 'answer', key: day, data });
    await markActive(tx);
    await dropQueued(tx, (entry) => entry.kind === 'prompt_answered' && entry.args.day === day);
    await tx.objectStore('outbox').add(mutation('prompt_answered', { day, prompt_id: promptId, text }));
    return true;
  });
}

/** A gentle nudge to the partner about the prompt of `day`: once a day at most. */
export function nudgePartner(day: string): Promise<void> {
  return act(async (tx) => {
    const records = tx.objectStore('records');
    if (await records.get(['nudge_sent', day])) return false;
    await records.put({ kind: 'nudge_sent', key: day, data: { day } });
    await tx.objectStore('outbox').add(mutation('partner_nudged', { day }));
    return true;
  });
}

/** One tap on the partner's revealed answer of `day` (a new tap replaces the old one). */
export function reactToAnswer(day: string, reaction: Reaction): Promise<void> {
  return act(async (tx) => {
    const records = tx.objectStore('records');
    const key = `${day}:partner`;
    const current = await records.get(['reaction', key]);
    if (current?.kind === 'reaction' && current.data.reaction === reaction) return false;
    await records.put({ kind: 'reaction', key, data: { day, reaction, on: 'partner' } });
    await dropQueued(tx, (entry) => entry.kind === 'answer_reacted' && entry.args.day === day);
    await tx.objectStore('outbox').add(mutation('answer_reacted', { day, reaction }));
    return true;
  });
}

/** The user has read the nudge of `day`. */
export function dismissNudge(day: string): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('records').put({ kind: 'nudge_seen', key: day, data: { day } });
    return false;
  });
}

/**
 * Day `day` of a challenge run is done today (a fact: doing it twice is doing it once), with
 * an optional note for the partner. Called again with a new note, it updates the note and
 * keeps the date it was done on.
 */
export function markStepDone(runId: string, day: number, note: string | null): Promise<void> {
  return act(async (tx) => {
    const records = tx.objectStore('records');
    const key = `${runId}:${day}`;
    const current = await records.get(['challenge_check', key]);
    const old = current?.kind === 'challenge_check' ? current.data : undefined;
    const cleaned = note?.trim() || null;
    if (old && (cleaned === null || cleaned === old.note)) return false;
    const data: CheckRecord = {
      run_id: runId,
      day,
      done_on: old?.done_on ?? localDate(deviceTimeZone()),
      note: cleaned ?? old?.note ?? null,
      local: old ? (old.local ?? false) : true,
    };
    await records.put({ kind: 'challenge_check', key, data });
    if (!old) await markActive(tx);
    // A queued check-off from another day must still travel: the server dates the step by it.
    const next = mutation('challenge_step_done', { run_id: runId, day, note: cleaned });
    await dropQueued(
      tx,
      (entry) =>
        entry.kind === 'challenge_step_done' &&
        entry.args.run_id === runId &&
        entry.args.day === day &&
        entry.local_date === next.local_date,
    );
    await tx.objectStore('outbox').add(next);
    return true;
  });
}

/**
 * An invitation link was opened on this phone: keep its code (through onboarding, when there
 * is no account yet). `auto`: link as soon as the account exists and the phone is online.
 */
export function rememberInvitation(code: string, auto: boolean): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('kv').put({ code, auto }, 'pendingJoin');
    return false;
  });
}

/** The invitation link was used or set aside. */
export function forgetInvitation(): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('kv').delete('pendingJoin');
    return false;
  });
}

/** A programme link opened before onboarding: keep its code until the account exists. */
export function rememberCampaignLink(code: string): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('kv').put({ code }, 'pendingCampaign');
    return false;
  });
}

export function forgetCampaignLink(): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('kv').delete('pendingCampaign');
    return false;
  });
}

/** The user has read the list of changes that could not be saved. */
export function dismissRejected(): Promise<void> {
  return act(async (tx) => {
    await tx.objectStore('kv').delete('rejected');
    return false;
  });
}

/**
 * Asks the browser to keep Attune's storage under pressure, once, after the user has something
 * worth keeping (a completed lesson or a reflection), not on first load.
 */
export async function askToKeepData(): Promise<void> {
  try {
    if (!navigator.storage?.persist || (await kvGet('persistAsked'))) return;
    await kvSet('persistAsked', true);
    await navigator.storage.persist();
  } catch {
    // Not supported or refused: the data is still stored, only less protected from eviction.
  }
}
