/**
 * The partner link in the local store: what linking and unlinking change on this phone.
 * Called by sync (a `couple` change pulled, or the answer to a join or an unlink); the UI
 * only reads the result.
 */
import type { IDBPTransaction } from 'idb';
import type { RunOut, RunStatus } from '../sync/api';
import type { AttuneDB } from './db';
import type { CoupleInfo, CoupleSnapshot, Profile, RecordEntry } from './types';

export type WriteTx = IDBPTransaction<AttuneDB, ('kv' | 'records' | 'outbox')[], 'readwrite'>;

/** Record kinds that hold what the partner wrote or did (backend feed.PARTNER_KINDS). */
const PARTNER_KINDS = ['reveal', 'partner_answered', 'nudge', 'nudge_seen', 'reaction', 'partner_check'] as const;

async function accountId(tx: WriteTx): Promise<string | null> {
  const profile = (await tx.objectStore('kv').get('profile')) as Profile | undefined;
  return profile?.account_id ?? null;
}

/**
 * Linked: keep the couple (with the streak when the server sent it, else the one known for
 * the same couple), and forget the open invitation and any pending join link.
 */
export async function rememberCouple(tx: WriteTx, couple: CoupleInfo, fromServer: boolean): Promise<void> {
  const kv = tx.objectStore('kv');
  const known = (await kv.get('couple')) as CoupleSnapshot | undefined;
  const next: CoupleInfo = { ...couple };
  if (!next.streak && known?.couple?.id === couple.id && known.couple.streak) next.streak = known.couple.streak;
  const snapshot: CoupleSnapshot = {
    couple: next,
    fetched_at: fromServer ? new Date().toISOString() : (known?.couple?.id === couple.id ? known.fetched_at : null),
    account_id: await accountId(tx),
  };
  await kv.put(snapshot, 'couple');
  await kv.delete('invite');
  await kv.delete('pendingJoin');
}

/**
 * Unlinked: from now on nothing of the partner's stays on this phone. Your own answers stay
 * (a revealed day keeps your half), your check-offs and runs stay; what your partner wrote,
 * their check-offs, nudges and reactions go, and so do queued nudges and reactions that can
 * no longer reach anyone.
 */
export async function forgetPartner(tx: WriteTx, fetched: boolean): Promise<void> {
  const records = tx.objectStore('records');
  for (const kind of PARTNER_KINDS) {
    let cursor = await records.index('by-kind').openCursor(kind);
    while (cursor) {
      const record: RecordEntry = cursor.value;
      if (record.kind === 'reveal') {
        const own = await records.get(['answer', record.key]);
        if (!own) await records.put({ kind: 'answer', key: record.key, data: record.data.mine });
      }
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  let queued = await tx.objectStore('outbox').openCursor();
  while (queued) {
    if (queued.value.kind === 'partner_nudged' || queued.value.kind === 'answer_reacted') await queued.delete();
    queued = await queued.continue();
  }
  const snapshot: CoupleSnapshot = {
    couple: null,
    fetched_at: fetched ? new Date().toISOString() : null,
    account_id: await accountId(tx),
  };
  await tx.objectStore('kv').put(snapshot, 'couple');
}

/** A challenge run as the server returned it (after starting, accepting, declining, leaving). */
export async function saveRun(tx: WriteTx, run: RunOut): Promise<void> {
  const records = tx.objectStore('records');
  const { id, challenge_id, shared, start_date, proposed_by_me } = run;
  await records.put({
    kind: 'challenge',
    key: id,
    data: { id, challenge_id, status: run.status as RunStatus, shared, start_date, proposed_by_me },
  });
  for (const check of run.checks) {
    const data = { run_id: id, day: check.day, done_on: check.done_on, note: check.note };
    const key = `${id}:${check.day}`;
    await records.put(check.mine ? { kind: 'challenge_check', key, data } : { kind: 'partner_check', key, data });
  }
}
