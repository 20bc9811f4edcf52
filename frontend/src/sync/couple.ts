/**
 * The partner link and the prompt schedule, read from the server into the local store. Part of
 * a sync round (so it runs in the page and in the service worker); never fatal: on failure the
 * stored copies stay and the next round tries again.
 */
import { db, kvGet } from '../store/db';
import { addDays, deviceTimeZone, localDate } from '../store/dates';
import { forgetPartner, rememberCouple } from '../store/partner';
import type { CoupleInfo, CoupleSnapshot, Profile, ScheduleSnapshot } from '../store/types';
import type { CoupleOut, CoupleStatus, Schedule } from './api';
import { api } from './http';

/** Both are fetched at most this often, unless something changed (linking, a new day). */
const REFRESH_MS = 60 * 60 * 1000;
/** Earlier days of the schedule are kept this long, for the history of questions. */
const HISTORY_DAYS = 400;

export function coupleInfo(out: CoupleOut): CoupleInfo {
  return { id: out.id, since: out.since, epoch: out.epoch, partner: out.partner, streak: out.streak };
}

/** Stores the server's answer about the link (GET /api/couple, or joining). */
export async function applyCoupleStatus(status: CoupleStatus): Promise<void> {
  const tx = (await db()).transaction(['kv', 'records', 'outbox'], 'readwrite');
  const kv = tx.objectStore('kv');
  const known = (await kv.get('couple')) as CoupleSnapshot | undefined;
  if (status.couple) {
    await rememberCouple(tx, coupleInfo(status.couple), true);
  } else if (known?.couple) {
    await forgetPartner(tx, true);
  } else {
    const profile = (await kv.get('profile')) as Profile | undefined;
    const snapshot: CoupleSnapshot = {
      couple: null,
      fetched_at: new Date().toISOString(),
      account_id: profile?.account_id ?? null,
    };
    await kv.put(snapshot, 'couple');
  }
  await tx.done;
}

/** GET /api/couple into the store; false when it could not be read. */
export async function refreshCouple(): Promise<boolean> {
  const result = await api<CoupleStatus>('GET', '/api/couple');
  if (!result.ok) return false;
  await applyCoupleStatus(result.body);
  return true;
}

/** GET /api/prompts/schedule into the store, keeping the earlier days; false on failure. */
export async function refreshSchedule(): Promise<boolean> {
  const result = await api<Schedule>('GET', '/api/prompts/schedule');
  if (!result.ok) return false;
  const tx = (await db()).transaction('kv', 'readwrite');
  const kv = tx.store;
  const [known, couple, profile] = (await Promise.all([kv.get('schedule'), kv.get('couple'), kv.get('profile')])) as [
    ScheduleSnapshot | undefined,
    CoupleSnapshot | undefined,
    Profile | undefined,
  ];
  const accountId = profile?.account_id ?? null;
  const first = result.body.days[0]?.day;
  const oldest = addDays(localDate(deviceTimeZone()), -HISTORY_DAYS);
  const days: Record<string, string> = {};
  // Days before the server's window keep the question they had; from its first day on, the
  // server's answer wins (linking or unlinking changes the days to come).
  if (known && known.account_id === accountId) {
    for (const [day, id] of Object.entries(known.days)) if (day >= oldest && (!first || day < first)) days[day] = id;
  }
  for (const entry of result.body.days) days[entry.day] = entry.prompt_id;
  const snapshot: ScheduleSnapshot = {
    shared: result.body.shared,
    days,
    fetched_at: new Date().toISOString(),
    couple_id: couple?.couple?.id ?? null,
    account_id: accountId,
  };
  await kv.put(snapshot, 'schedule');
  await tx.done;
  return true;
}

function stale(at: string | null | undefined): boolean {
  return !at || Date.now() - Date.parse(at) > REFRESH_MS || Date.parse(at) > Date.now() + REFRESH_MS;
}

/**
 * Refreshes the link and the schedule when they are old, belong to another account, do not
 * cover today, or when `force` (the link just changed).
 */
export async function refreshTogether(force: boolean): Promise<void> {
  const profile = await kvGet('profile');
  if (profile?.account !== 'ready') return;
  const accountId = profile.account_id;
  let couple = await kvGet('couple');
  if (force || !couple || couple.account_id !== accountId || stale(couple.fetched_at)) {
    if (await refreshCouple()) couple = await kvGet('couple');
  }
  const schedule = await kvGet('schedule');
  const today = localDate(deviceTimeZone());
  if (
    force ||
    !schedule ||
    schedule.account_id !== accountId ||
    stale(schedule.fetched_at) ||
    !(today in schedule.days) ||
    schedule.couple_id !== (couple?.couple?.id ?? null)
  ) {
    await refreshSchedule();
  }
}
