/**
 * Actions that only make sense with the server at hand: inviting and linking a partner,
 * unlinking, and starting, answering or leaving a challenge. The UI calls these functions and
 * shows their result; each one writes the server's answer into the local store and then runs
 * a sync, so the screens (which read the store) follow. Nothing here is queued: offline, the
 * result says a connection is needed.
 */
import { db, kvGet } from '../store/db';
import { refreshLocal } from '../store/local';
import { forgetPartner, saveRun } from '../store/partner';
import type { StoredInvite } from '../store/types';
import type { CampaignInfo, CoupleStatus, InviteOut, MyCampaign, RunOut } from './api';
import { refreshCampaigns, storeCampaigns } from './campaigns';
import { applyCoupleStatus, refreshCouple, refreshSchedule } from './couple';
import { api } from './http';
import { syncNow } from './scheduler';

export type OnlineResult<T = undefined> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** Plain words for the person. */
      message: string;
      /** True when the phone is offline or the server can't be reached. */
      offline: boolean;
    };

export const NEEDS_CONNECTION = 'This needs a connection. Connect to the internet and try again.';

async function call<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<OnlineResult<T> & { status?: number }> {
  if (navigator.onLine === false) return { ok: false, offline: true, message: NEEDS_CONNECTION };
  // An account made offline is created by the next sync: give it the chance first.
  if ((await kvGet('profile'))?.account !== 'ready') await syncNow();
  if ((await kvGet('profile'))?.account !== 'ready') {
    return { ok: false, offline: true, message: "Your account isn't set up on the server yet. " + NEEDS_CONNECTION };
  }
  const result = await api<T>(method, path, body);
  if (result.ok) return { ok: true, value: result.body };
  if (result.status === 0) {
    return { ok: false, offline: true, message: "Attune couldn't reach the server. Check your connection and try again." };
  }
  const fallback =
    result.status === 429 ? 'Too many tries. Wait a while, then try again.' : 'Something went wrong. Please try again.';
  return { ok: false, offline: false, message: result.problem.detail ?? fallback, status: result.status };
}

async function write(task: (tx: Parameters<typeof forgetPartner>[0]) => Promise<void>): Promise<void> {
  const tx = (await db()).transaction(['kv', 'records', 'outbox'], 'readwrite');
  await task(tx);
  await tx.done;
  await refreshLocal();
}

// -- partners ---------------------------------------------------------------------------------

/** A new invitation code (an older open one stops working); kept so it survives a reload. */
export async function createInvite(): Promise<OnlineResult<StoredInvite>> {
  const result = await call<InviteOut>('POST', '/api/couple/invites');
  if (!result.ok) {
    if (result.status === 409) {
      // Already linked (the partner may have used a code a moment ago): show the link.
      await refreshCouple();
      await refreshLocal();
    }
    return result;
  }
  await write(async (tx) => {
    await tx.objectStore('kv').put(result.value, 'invite');
  });
  return result;
}

/** Cancels the open invitation: its code stops working. */
export async function cancelInvite(id: string): Promise<OnlineResult> {
  const result = await call<undefined>('DELETE', `/api/couple/invites/${encodeURIComponent(id)}`);
  // 404: already used, cancelled or expired; either way it is no longer open.
  if (result.ok || result.status === 404) {
    await write(async (tx) => {
      await tx.objectStore('kv').delete('invite');
    });
    return { ok: true, value: undefined };
  }
  return result;
}

/** Links with the person whose code this is; the schedule then becomes the shared one. */
export async function joinWithCode(code: string): Promise<OnlineResult<CoupleStatus>> {
  const result = await call<CoupleStatus>('POST', '/api/couple/join', { code: code.trim() });
  if (!result.ok) return result;
  await applyCoupleStatus(result.value);
  await refreshSchedule();
  await refreshLocal();
  void syncNow();
  return result;
}

/** Unlinks: from now on neither sees the other's new answers; your own stay with you. */
export async function unlinkPartner(): Promise<OnlineResult> {
  const result = await call<undefined>('DELETE', '/api/couple');
  if (!result.ok && result.status !== 404) return result;
  await write((tx) => forgetPartner(tx, true));
  await refreshSchedule();
  await refreshLocal();
  void syncNow();
  return { ok: true, value: undefined };
}

// -- challenges -------------------------------------------------------------------------------

async function runAction(path: string, body?: unknown): Promise<OnlineResult<RunOut>> {
  const result = await call<RunOut>('POST', path, body);
  if (!result.ok) {
    // The run may have changed on the partner's side: catch up so the screen shows why.
    if (result.status === 409) void syncNow();
    return result;
  }
  await write((tx) => saveRun(tx, result.value));
  void syncNow();
  return result;
}

/** Starts an individual challenge at once, or proposes a couple challenge to the partner. */
export function startChallenge(challengeId: string): Promise<OnlineResult<RunOut>> {
  return runAction('/api/challenges', { challenge_id: challengeId });
}

export function acceptChallenge(runId: string): Promise<OnlineResult<RunOut>> {
  return runAction(`/api/challenges/${encodeURIComponent(runId)}/accept`);
}

/** Withdraws your proposal, or declines your partner's. */
export function declineChallenge(runId: string): Promise<OnlineResult<RunOut>> {
  return runAction(`/api/challenges/${encodeURIComponent(runId)}/cancel`);
}

/** Stops the challenge, for both partners when shared. */
export function leaveChallenge(runId: string): Promise<OnlineResult<RunOut>> {
  return runAction(`/api/challenges/${encodeURIComponent(runId)}/leave`);
}

// -- practice programmes ----------------------------------------------------------------------

export type InfoResult =
  | { ok: true; info: CampaignInfo }
  | { ok: false; reason: 'offline' | 'unknown' | 'error'; message: string };

/** The public description of a programme link (no account needed). */
export async function campaignInfo(code: string): Promise<InfoResult> {
  if (navigator.onLine === false) return { ok: false, reason: 'offline', message: NEEDS_CONNECTION };
  const result = await api<CampaignInfo>('GET', `/api/campaigns/${encodeURIComponent(code.trim())}`);
  if (result.ok) return { ok: true, info: result.body };
  if (result.status === 0) {
    return { ok: false, reason: 'offline', message: "Attune couldn't reach the server. Check your connection and try again." };
  }
  if (result.status === 404) {
    return {
      ok: false,
      reason: 'unknown',
      message: result.problem.detail ?? "That programme link doesn't work. Check it with your practice.",
    };
  }
  return { ok: false, reason: 'error', message: result.problem.detail ?? 'Something went wrong. Please try again.' };
}

/** Takes part (after consenting to what the practice will and will not see). */
export async function joinCampaign(code: string, asCouple: boolean): Promise<OnlineResult<MyCampaign>> {
  const result = await call<MyCampaign>('POST', `/api/campaigns/${encodeURIComponent(code.trim())}/join`, {
    consent: true,
    as_couple: asCouple,
  });
  if (!result.ok) return result;
  const known = (await kvGet('campaigns'))?.campaigns ?? [];
  await storeCampaigns([...known.filter((c) => c.code !== result.value.code), result.value]);
  await refreshCampaigns(true);
  await refreshLocal();
  void syncNow();
  return result;
}

/** "Not now" to a partner's invitation: it stops showing on every phone (the link still works). */
export async function setAsideInvitation(code: string): Promise<OnlineResult> {
  const path = `/api/me/campaign-invitations/${encodeURIComponent(code)}/set-aside`;
  const result = await call<undefined>('POST', path);
  if (!result.ok && result.status !== 404) return result;
  const known = await kvGet('campaigns');
  if (known) {
    await storeCampaigns(
      known.campaigns,
      (known.invitations ?? []).filter((i) => i.code !== code),
    );
  }
  await refreshLocal();
  return { ok: true, value: undefined };
}

/** Stops taking part. */
export async function leaveCampaign(code: string): Promise<OnlineResult> {
  const result = await call<undefined>('POST', `/api/campaigns/${encodeURIComponent(code)}/leave`);
  if (!result.ok && result.status !== 404) return result;
  const known = (await kvGet('campaigns'))?.campaigns ?? [];
  await storeCampaigns(known.filter((c) => c.code !== code));
  await refreshCampaigns(true);
  await refreshLocal();
  return { ok: true, value: undefined };
}
