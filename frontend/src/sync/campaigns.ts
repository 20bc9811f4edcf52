/**
 * A practice's programmes ("campaigns"): the list this person takes part in, kept in the
 * store so Today, the programme view and Get support work offline.
 */
import { db, kvGet } from '../store/db';
import { deviceTimeZone, localDate } from '../store/dates';
import type { CampaignsSnapshot } from '../store/types';
import type { CampaignInvitation, MyCampaign } from './api';
import { api } from './http';

/** The list is read at most this often in sync rounds, unless something changed. */
const REFRESH_MS = 60 * 60 * 1000;

export async function storeCampaigns(campaigns: MyCampaign[], invitations?: CampaignInvitation[]): Promise<void> {
  const profile = await kvGet('profile');
  const known = await kvGet('campaigns');
  const joined = new Set(campaigns.map((c) => c.code));
  const tx = (await db()).transaction('kv', 'readwrite');
  const snapshot: CampaignsSnapshot = {
    campaigns,
    invitations: (invitations ?? (known?.account_id === profile?.account_id ? known?.invitations : undefined) ?? []).filter(
      (i) => !joined.has(i.code),
    ),
    fetched_on: localDate(deviceTimeZone()),
    fetched_at: new Date().toISOString(),
    account_id: profile?.account_id ?? null,
  };
  await tx.store.put(snapshot, 'campaigns');
  await tx.done;
}

/**
 * GET /api/me/campaigns and the partner's invitations into the store (when stale, from another
 * account or day, or forced: after joining, leaving, or a `campaign_invite` in the feed).
 */
export async function refreshCampaigns(force: boolean): Promise<boolean> {
  const profile = await kvGet('profile');
  if (profile?.account !== 'ready') return false;
  const known = await kvGet('campaigns');
  const fresh =
    known &&
    known.account_id === profile.account_id &&
    known.fetched_on === localDate(deviceTimeZone()) &&
    Date.now() - Date.parse(known.fetched_at) < REFRESH_MS;
  if (fresh && !force) return true;
  const [result, invited] = await Promise.all([
    api<MyCampaign[]>('GET', '/api/me/campaigns'),
    api<CampaignInvitation[]>('GET', '/api/me/campaign-invitations'),
  ]);
  if (!result.ok) return false;
  await storeCampaigns(result.body, invited.ok ? invited.body : undefined);
  return true;
}

